namespace GradScript.Cli.Repl;

using GradScript.Tooling;

/// <summary>
/// The read-eval-print loop on a console (docs/repl.md): a banner, then lines from a
/// <see cref="ILineReader"/> fed to a <see cref="ReplSession"/> until Ctrl-D, <c>:quit</c> or the
/// end of input, and exit status 0 whatever the inputs did. On a terminal that can take it, lines
/// are edited with RadLine; on one it cannot drive (<c>TERM=dumb</c>) they are read key by key,
/// and from a pipe or a file line by line.
/// <para>
/// The process's Ctrl-C (<see cref="CtrlC"/>) is the loop's while it runs: while an input runs it
/// cancels that input alone, and at the prompt it drops the line. A second Ctrl-C for an input that
/// does not stop (stuck where the engine does not look) is let through and ends the process, as it
/// does for scripts.
/// </para>
/// </summary>
/// <param name="limits">The limits each input runs under.</param>
/// <param name="console">The streams, and whether standard input is a terminal.</param>
/// <param name="environment">Reads an environment variable (<c>HOME</c>, <c>NO_COLOR</c>, <c>TERM</c>).</param>
internal sealed class ReplLoop(RunLimits limits, CliConsole console, Func<string, string?> environment)
{
    /// <summary>The one-line banner: the version and where help is.</summary>
    public static string Banner =>
        $"GradScript {HelpText.Version} REPL. Type :help for help, Ctrl-D or :quit to leave.";

    /// <summary>A loop on the process's console and environment.</summary>
    public ReplLoop(RunLimits limits, CliConsole console) : this(limits, console, Environment.GetEnvironmentVariable) { }

    /// <summary>Runs the session to its end; the exit status is 0.</summary>
    public int Run()
    {
        var session = new ReplSession(limits, console.Out, console.Error, progressWidth: console.ErrorTerminalWidth, colorErrors: console.ColorErrors);
        var reader = CreateReader(session);
        console.ErrorLine(Banner);

        using var ctrlC = console.CtrlC?.Divert(() => OnCtrlC(session, reader));
        try
        {
            Loop(session, reader);
        }
        finally
        {
            console.FlushOutput();
        }
        return ExitCodes.Success;
    }

    /// <summary>Whether colour is wanted: not when <c>NO_COLOR</c> is set (to anything) or the terminal is dumb.</summary>
    public static bool ColorWanted(Func<string, string?> environment) =>
        string.IsNullOrEmpty(environment("NO_COLOR")) && !IsDumbTerminal(environment);

    private static bool IsDumbTerminal(Func<string, string?> environment) => environment("TERM") == "dumb";

    private static void Loop(ReplSession session, ILineReader reader)
    {
        while (!session.QuitRequested)
        {
            var read = reader.Read(session.Prompt);
            switch (read.Status)
            {
                case ReadStatus.Line:
                    session.Feed(read.Line);
                    break;
                case ReadStatus.Interrupted:
                    session.DiscardPendingInput();
                    break;
                case ReadStatus.EndOfInput:
                    session.Finish();
                    return;
            }
        }
    }

    // True keeps the process alive.
    private static bool OnCtrlC(ReplSession session, ILineReader reader) => session.Interrupt() switch
    {
        InterruptResult.Cancelled => true,
        InterruptResult.AlreadyCancelled => false,
        _ => reader.Interrupt(),
    };

    private ILineReader CreateReader(ReplSession session)
    {
        if (!console.IsInteractive || Console.IsInputRedirected) return new PlainReader(console.In, console.Error);
        // RadLine draws on standard output with cursor movements: it needs both.
        if (Console.IsOutputRedirected || IsDumbTerminal(environment)) return new BasicTerminalReader(console.Error);
        var history = new History(History.DefaultPath(environment));
        return new TerminalReader(history, session.GlobalNames, ScriptAnalysis.BuiltinNames, ColorWanted(environment), session.ModuleMembers);
    }
}
