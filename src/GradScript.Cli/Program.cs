namespace GradScript.Cli;

using System.Text;

/// <summary>
/// The process entry point: binds <see cref="Cli"/> to the real console. Standard output is UTF-8
/// without a byte-order mark, with <c>\n</c> line ends on every platform, and block-buffered when it
/// is a pipe or file (an auto-flushing <see cref="Console.Out"/> makes a script that prints a lot
/// many times slower); on a terminal each write is shown at once, as Python does. Ctrl-C is
/// <see cref="CtrlC"/>'s.
/// </summary>
internal static class Program
{
    /// <summary>64 KB: large writes to a pipe, few system calls.</summary>
    private const int OutputBufferSize = 1 << 16;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    // Standard input is decoded strictly, so invalid UTF-8 is reported rather than run as U+FFFD.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static int Main(string[] args)
    {
        // A kernel is interrupted with SIGINT even when its client ignores SIGINT (CtrlC says why).
        using var ctrlC = new CtrlC(evenIfIgnored: args is ["kernel", ..]);

        var stdout = new StreamWriter(Console.OpenStandardOutput(), Utf8, OutputBufferSize)
        {
            NewLine = "\n",
            AutoFlush = !Console.IsOutputRedirected,
        };
        var stderr = new StreamWriter(Console.OpenStandardError(), Utf8) { NewLine = "\n", AutoFlush = true };
        var stdin = new StreamReader(Console.OpenStandardInput(), StrictUtf8, detectEncodingFromByteOrderMarks: false);
        var console = new CliConsole(stdin, stdout, stderr, IsInteractive: !Console.IsInputRedirected, ctrlC.Token,
            ErrorTerminalWidth: Console.IsErrorRedirected ? null : TerminalWidth(), ctrlC,
            ColorErrors: !Console.IsErrorRedirected && Repl.ReplLoop.ColorWanted(Environment.GetEnvironmentVariable));
        try
        {
            return Cli.Run(args, console);
        }
        finally
        {
            CliConsole.FlushQuietly(stdout);
            CliConsole.FlushQuietly(stderr);
        }
    }

    /// <summary>The console's width for progress bars; a classic terminal's when it cannot be read.</summary>
    private static int TerminalWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : EngineOptions.DefaultProgressWidth;
        }
        catch (Exception e) when (e is IOException or PlatformNotSupportedException or InvalidOperationException)
        {
            return EngineOptions.DefaultProgressWidth;
        }
    }
}
