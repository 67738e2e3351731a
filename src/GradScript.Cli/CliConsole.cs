namespace GradScript.Cli;

/// <summary>
/// What a <c>gradscript</c> invocation talks to: its three streams, whether standard input is a
/// person at a terminal, and the token Ctrl-C cancels. <see cref="Program"/> builds it from the
/// process's console; tests build it from strings, so the whole command line runs in-process.
/// </summary>
/// <param name="In">Standard input: a script read by <c>gradscript -</c> or piped to <c>gradscript</c>.</param>
/// <param name="Out">Standard output: what the script prints, help, version and test reports.</param>
/// <param name="Error">Standard error: every diagnostic.</param>
/// <param name="IsInteractive">
/// Whether standard input is a terminal: then <c>gradscript</c> alone starts the REPL instead of
/// reading a script from it.
/// </param>
/// <param name="Cancellation">Cancelled by Ctrl-C; a running script then stops with exit status 130.</param>
/// <param name="ErrorTerminalWidth">
/// The width in columns of the terminal standard error is on, or null when it is not a terminal:
/// then <c>progress</c> loops draw no bar.
/// </param>
/// <param name="CtrlC">
/// The process's Ctrl-C, which the REPL takes over while it runs; null in-process, where there is none.
/// </param>
/// <param name="ColorErrors">Whether diagnostics are coloured: standard error is a terminal and <c>NO_COLOR</c> is not set.</param>
internal sealed record CliConsole(
    TextReader In,
    TextWriter Out,
    TextWriter Error,
    bool IsInteractive = false,
    CancellationToken Cancellation = default,
    int? ErrorTerminalWidth = null,
    CtrlC? CtrlC = null,
    bool ColorErrors = false)
{
    /// <summary>
    /// Flushes <see cref="Out"/> so that what the script printed appears before the error that
    /// follows it. A closed pipe (<c>gradscript x.grad | head -1</c>) is not an error of ours.
    /// </summary>
    public void FlushOutput() => FlushQuietly(Out);

    /// <summary>Flushes a writer, ignoring a reader that has gone away.</summary>
    public static void FlushQuietly(TextWriter writer)
    {
        try
        {
            writer.Flush();
        }
        catch (IOException)
        {
            // The reader closed the pipe; there is nobody left to tell.
        }
        catch (ObjectDisposedException)
        {
            // Already closed at exit.
        }
    }

    /// <summary>Writes one line to standard error with a <c>\n</c> line end, whatever the platform.</summary>
    public void ErrorLine(string text) => Error.Write(text + "\n");

    /// <summary>Writes rendered diagnostics to <see cref="Error"/>, coloured when <see cref="ColorErrors"/> says so.</summary>
    public void WriteDiagnostics(string text) => Error.Write(ColorErrors ? ErrorColors.Paint(text) : text);

    /// <summary>Writes one line to standard output with a <c>\n</c> line end, whatever the platform.</summary>
    public void OutLine(string text) => Out.Write(text + "\n");
}
