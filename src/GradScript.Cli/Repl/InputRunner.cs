namespace GradScript.Cli.Repl;

using GradScript.Diagnostics;
using System.Globalization;

/// <summary>What became of one REPL input handed to <see cref="InputRunner.Run"/>.</summary>
internal enum RunOutcome
{
    /// <summary>It ran to its end.</summary>
    Finished,

    /// <summary>It stopped with an error (or Ctrl-C), which has been reported; the engine is fine.</summary>
    Failed,

    /// <summary>
    /// It ignored its time limit and its cancellation, and was left running on its thread: the
    /// engine it holds can no longer be used.
    /// </summary>
    Abandoned,
}

/// <summary>What a Ctrl-C did, so the handler knows whether to keep the process alive.</summary>
internal enum InterruptResult
{
    /// <summary>Nothing was running: the Ctrl-C is the prompt's.</summary>
    Idle,

    /// <summary>The running input was asked to stop.</summary>
    Cancelled,

    /// <summary>The running input was already asked to stop and has not: the user insists.</summary>
    AlreadyCancelled,
}

/// <summary>
/// Runs each REPL input on a large-stack <see cref="SessionThread"/>, as files run on theirs, so
/// parsing, deep recursion and its limits behave the same at the prompt as in a script. Each input gets a
/// cancellation token of its own: Ctrl-C (<see cref="Interrupt"/>) cancels only what is running,
/// and the engine stops at its next check with every variable as it was at that moment. Errors are
/// rendered here, as <see cref="ScriptRunner"/> renders them, but never end the session.
/// </summary>
/// <param name="limits">Only <see cref="RunLimits.Timeout"/> matters here: the engine enforces the
/// rest, and this waits that long (plus <see cref="ScriptRunner.Grace"/>) before it cancels.</param>
/// <param name="output">Flushed before an error is written, so the error follows what was printed.</param>
/// <param name="error">Where errors go.</param>
/// <param name="failures">Takes each input's error instead of <paramref name="error"/>, when given (the notebook kernel).</param>
internal sealed class InputRunner(RunLimits limits, TextWriter output, TextWriter error, bool colorErrors = false, Action<InputError>? failures = null)
{
    /// <summary>What Ctrl-C prints when it stops an input, as Python prints it.</summary>
    public const string Interrupted = "KeyboardInterrupt";

    private readonly Lock _gate = new();
    private SessionThread _thread = new();
    private CancellationTokenSource? _current;

    /// <summary>Whether an input is running now.</summary>
    public bool IsRunning
    {
        get { lock (_gate) return _current is not null; }
    }

    /// <summary>
    /// Runs <paramref name="work"/> on a script thread and reports what stopped it. Cancelling
    /// <paramref name="stop"/> interrupts it as <see cref="Interrupt"/> does, and if it already is,
    /// the work starts interrupted (a notebook's interrupt can arrive before its cell's code runs).
    /// </summary>
    public RunOutcome Run(Action<CancellationToken> work, CancellationToken stop = default)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stop);
        lock (_gate) _current = cancellation;
        try
        {
            Exception? failure = null;
            var job = _thread.Post(() => failure = Capture(work, cancellation.Token));
            bool timedOut = !job.Wait(limits.Timeout is { } timeout ? timeout + ScriptRunner.Grace : Timeout.InfiniteTimeSpan);
            if (timedOut)
            {
                // Past its time limit and a grace period: cancel it as Ctrl-C would, and give up on
                // it if it ignores that too.
                lock (_gate) cancellation.Cancel();
            }
            if (timedOut && !job.Wait(ScriptRunner.Grace))
            {
                _thread.Retire();
                _thread = new SessionThread();
                string message = $"time limit exceeded ({Seconds(limits.Timeout)} s) and the input did not stop; "
                    + "it was abandoned, and the session starts afresh without its variables";
                Fail(new InputError(InputError.Timeout, message, $"gradscript: {message}"));
                return RunOutcome.Abandoned;
            }
            if (failure is null) return RunOutcome.Finished;
            Fail(new InputError(InputError.NameOf(failure, timedOut), InputError.MessageOf(failure), Describe(failure, timedOut)));
            return RunOutcome.Failed;
        }
        finally
        {
            lock (_gate) _current = null;
        }
    }

    /// <summary>Ctrl-C: asks the running input, if any, to stop.</summary>
    public InterruptResult Interrupt()
    {
        lock (_gate)
        {
            if (_current is null) return InterruptResult.Idle;
            if (_current.IsCancellationRequested) return InterruptResult.AlreadyCancelled;
            _current.Cancel();
            return InterruptResult.Cancelled;
        }
    }

    /// <summary>Writes a message to standard error after what the input printed.</summary>
    public void Report(string message)
    {
        CliConsole.FlushQuietly(output);
        error.Write(message.EndsWith('\n') ? message : message + "\n");
        CliConsole.FlushQuietly(error);
    }

    private void Fail(InputError failure)
    {
        if (failures is null)
        {
            Report(colorErrors ? ErrorColors.Paint(failure.Text) : failure.Text);
            return;
        }
        CliConsole.FlushQuietly(output);
        failures(failure);
    }

    private static Exception? Capture(Action<CancellationToken> work, CancellationToken token)
    {
        try
        {
            work(token);
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    private string Describe(Exception failure, bool timedOut) => failure switch
    {
        ScriptSyntaxException e => DiagnosticRenderer.SyntaxErrors(e.Errors),
        ScriptRuntimeException e => DiagnosticRenderer.RuntimeError(e),
        // Only the watchdog cancels without Ctrl-C: the input ignored its time limit until then.
        OperationCanceledException when timedOut => $"gradscript: time limit exceeded ({Seconds(limits.Timeout)} s)",
        OperationCanceledException => Interrupted,
        SourceUnavailableException e => $"gradscript: {e.Message}",
        _ => $"gradscript: internal error: {failure.Message}",
    };

    private static string Seconds(TimeSpan? time) =>
        (time ?? TimeSpan.Zero).TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
