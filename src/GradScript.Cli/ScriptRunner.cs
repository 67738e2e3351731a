namespace GradScript.Cli;

using GradScript.Diagnostics;

/// <summary>
/// Runs one script the way <c>gradscript</c> does, for the command line and the golden-test runner
/// alike: reads it, compiles and runs it on a fresh engine on a large-stack thread, sends its output
/// to the console's writers, renders any error to standard error and returns the exit status. No
/// exception leaves <see cref="RunFile"/>, <see cref="RunCode"/> or <see cref="RunStdin"/>.
/// </summary>
/// <param name="limits">The limits every run of this runner gets.</param>
/// <param name="console">Where output and errors go, and the token Ctrl-C cancels.</param>
internal sealed class ScriptRunner(RunLimits limits, CliConsole console)
{
    /// <summary>
    /// How long past its timeout a script may take to notice it (the engine looks at the clock every
    /// 1024 steps and inside long builtins) before it is cancelled, and then abandoned. Only a
    /// script stuck somewhere the engine does not look needs it; a test run must never hang.
    /// </summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    private volatile bool _abandoned;

    /// <summary>
    /// Called with the engine when a script has run to its end without an error, on the script's
    /// thread and within its time limit: <c>gradscript graph</c> reads a global here. What it
    /// throws is reported as an internal error.
    /// </summary>
    public Action<Engine>? AfterRun { get; init; }

    /// <summary>Runs a script file.</summary>
    /// <param name="path">Where the file is.</param>
    /// <param name="name">The name its errors are reported under.</param>
    /// <param name="args">The script's <c>args</c>.</param>
    public int RunFile(string path, string name, IReadOnlyList<string> args) =>
        Run(() => SourceLoader.ReadFile(path, name), name, args, Path.GetDirectoryName(path));

    /// <summary>Runs a script given as text, such as <c>-e CODE</c>.</summary>
    public int RunCode(string code, string name, IReadOnlyList<string> args) => Run(() => code, name, args);

    /// <summary>Runs the whole of standard input as a script.</summary>
    public int RunStdin(string name, IReadOnlyList<string> args)
    {
        string text;
        try
        {
            // Read here, not on the script's thread: a person typing a script is not bound by its time limit.
            text = SourceLoader.ReadStdin(console.In, name);
        }
        catch (Exception e)
        {
            return Report(e, console.Cancellation);
        }
        return Run(() => text, name, args);
    }

    private int Run(Func<string> load, string name, IReadOnlyList<string> args, string? directory = null)
    {
        using var watchdog = CancellationTokenSource.CreateLinkedTokenSource(console.Cancellation);
        var thread = new ScriptThread<int>(() => Execute(load, name, args, directory, watchdog.Token));
        if (limits.Timeout is { } timeout && !thread.Join(timeout + Grace))
        {
            watchdog.Cancel();
            if (!thread.Join(Grace))
            {
                _abandoned = true;
                console.ErrorLine($"gradscript: {name}: time limit exceeded ({Seconds(timeout)} s) and the script did not stop");
                return ExitCodes.RuntimeError;
            }
        }
        return thread.Result;
    }

    private int Execute(Func<string> load, string name, IReadOnlyList<string> args, string? directory, CancellationToken token)
    {
        try
        {
            string text = load();
            var engine = new Engine(limits.ToEngineOptions(console.Out, console.Error, token, directory, console.ErrorTerminalWidth));
            engine.SetGlobal("args", args);
            engine.Run(engine.Compile(text, name), token);
            AfterRun?.Invoke(engine);
            return ExitCodes.Success;
        }
        catch (Exception e)
        {
            return Report(e, token);
        }
    }

    /// <summary>Renders what ended a run to standard error, after the output it printed, and picks the exit status.</summary>
    private int Report(Exception failure, CancellationToken token)
    {
        // A script given up on must not write over what its runner has moved on to.
        if (_abandoned) return ExitCodes.RuntimeError;
        console.FlushOutput();
        switch (failure)
        {
            case SourceUnavailableException e:
                console.ErrorLine($"gradscript: {e.Message}");
                return ExitCodes.NoInput;
            case ScriptSyntaxException e:
                console.WriteDiagnostics(DiagnosticRenderer.SyntaxErrors(e.Errors, console.ErrorTerminalWidth));
                return ExitCodes.SyntaxError;
            case ScriptRuntimeException e:
                console.WriteDiagnostics(DiagnosticRenderer.RuntimeError(e, console.ErrorTerminalWidth));
                return ExitCodes.RuntimeError;
            case OperationCanceledException when console.Cancellation.IsCancellationRequested:
                console.ErrorLine("KeyboardInterrupt");
                return ExitCodes.Interrupted;
            case OperationCanceledException when token.IsCancellationRequested:
                // Only the watchdog cancels without Ctrl-C: the script ignored its time limit until now.
                console.ErrorLine($"gradscript: time limit exceeded ({Seconds(limits.Timeout ?? TimeSpan.Zero)} s)");
                return ExitCodes.RuntimeError;
            default:
                console.ErrorLine($"gradscript: internal error: {failure.Message}");
                return ExitCodes.RuntimeError;
        }
    }

    private static string Seconds(TimeSpan time) =>
        time.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
}
