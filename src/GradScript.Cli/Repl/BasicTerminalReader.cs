namespace GradScript.Cli.Repl;

using System.Text;

/// <summary>
/// Reads lines key by key on a terminal RadLine cannot drive: one without cursor control
/// (<c>TERM=dumb</c>, such as Emacs' shell), or any terminal while standard output goes to a file.
/// Editing is what every terminal can show: typing and Backspace. Reading keys itself, rather than
/// whole lines, is what lets Ctrl-C clear the line here too: .NET's own line reading keeps the
/// half-typed text of a line across a Ctrl-C and hands it back joined to the next.
/// </summary>
/// <param name="echo">Where the prompt and the typed keys are shown: standard error, the terminal even when standard output is not.</param>
internal sealed class BasicTerminalReader(TextWriter echo) : ILineReader
{
    /// <summary>How often the keyboard is looked at while no key is waiting; short enough to feel instant.</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(10);

    private int _interrupted;

    /// <inheritdoc/>
    public ReadResult Read(string prompt)
    {
        Interlocked.Exchange(ref _interrupted, 0);
        Show(prompt);
        var line = new StringBuilder();
        while (true)
        {
            if (Interlocked.Exchange(ref _interrupted, 0) == 1)
            {
                Show("\n");
                return ReadResult.Interrupted;
            }
            if (!Console.KeyAvailable)
            {
                Thread.Sleep(Poll);
                continue;
            }
            var key = Console.ReadKey(intercept: true);
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    Show("\n");
                    return new ReadResult(ReadStatus.Line, line.ToString());
                case ConsoleKey.Backspace when line.Length > 0:
                    line.Length--;
                    Show("\b \b");
                    break;
                case ConsoleKey.D when key.Modifiers == ConsoleModifiers.Control && line.Length == 0:
                    Show("\n");
                    return ReadResult.EndOfInput;
                default:
                    if (key.KeyChar != '\0' && !char.IsControl(key.KeyChar))
                    {
                        line.Append(key.KeyChar);
                        Show(key.KeyChar.ToString());
                    }
                    break;
            }
        }
    }

    /// <inheritdoc/>
    public bool Interrupt()
    {
        Interlocked.Exchange(ref _interrupted, 1);
        return true;
    }

    private void Show(string text)
    {
        echo.Write(text);
        CliConsole.FlushQuietly(echo);
    }
}
