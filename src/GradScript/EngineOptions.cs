namespace GradScript;

/// <summary>
/// Limits and redirections for an <see cref="Engine"/>. Limits apply to each <c>Run</c> separately
/// and are checked cooperatively: at loop back-edges, calls, inside long builtins and during
/// <c>backward</c>.
/// </summary>
public sealed class EngineOptions
{
    /// <summary>The default for <see cref="MaxCallDepth"/>.</summary>
    public const int DefaultMaxCallDepth = 1000;

    /// <summary>Wall-clock time one run may take; unlimited when null.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Steps (loop iterations and calls) one run may take; unlimited when null.</summary>
    public long? MaxSteps { get; init; }

    /// <summary>How deep script functions may call each other.</summary>
    public int MaxCallDepth { get; init; } = DefaultMaxCallDepth;

    /// <summary>Operations one run may record on the autograd graph; unlimited when null.</summary>
    public long? MaxGraphNodes { get; init; }

    /// <summary>
    /// Starts the engine with anomaly detection on, as if a script had called
    /// <c>detect_anomaly(true)</c>: a recorded operation, or backward through it, that gives NaN or
    /// infinity is a runtime error at the place the operation was written. Slower; for debugging.
    /// </summary>
    public bool DetectAnomaly { get; init; }

    /// <summary>
    /// Where <c>import</c> finds modules; when null (the default) every import is refused, so a
    /// script reads nothing the host did not allow. The command line uses a
    /// <see cref="FileModuleResolver"/> over the <see cref="StandardLibrary"/>.
    /// </summary>
    public IModuleResolver? ModuleResolver { get; init; }

    /// <summary>
    /// Bytes of managed memory the process may hold while a run goes on; a run that finds more in
    /// use, even after a full garbage collection, stops with a <see cref="ScriptLimitException"/>.
    /// The measure is the process's whole managed heap, not one script's share: the limit keeps a
    /// runaway script (a list grown forever, a graph recorded without end) from taking the process
    /// down, it does not divide memory between engines. Looked at every 1024 steps and before each
    /// large allocation. When null, three quarters of the memory the runtime may use: physical
    /// memory, or a container's limit, or <c>GCHeapHardLimit</c>.
    /// </summary>
    public long? MaxMemory { get; init; }

    /// <summary>Where <c>print</c> writes; the console when null.</summary>
    public TextWriter? Output { get; init; }

    /// <summary>Where warnings and progress go; the console's error stream when null.</summary>
    public TextWriter? Error { get; init; }

    /// <summary>
    /// Whether <c>for … in progress(…)</c> draws a progress bar on <see cref="Error"/>, redrawing
    /// its line in place. Only for a terminal: set it when <see cref="Error"/> is one (the
    /// <c>gradscript</c> tool does when standard error is not redirected). Off by default, when
    /// progress loops print nothing.
    /// </summary>
    public bool ShowProgress { get; init; }

    /// <summary>The width of that terminal in columns; a progress line is cut to fit it. 80 by default.</summary>
    public int ProgressWidth { get; init; } = DefaultProgressWidth;

    /// <summary>The default for <see cref="ProgressWidth"/>: a classic terminal.</summary>
    public const int DefaultProgressWidth = 80;

    /// <summary>
    /// Where <c>plot(…)</c> sends its chart, for a host that shows pictures (a notebook); when null
    /// (the default) the chart is drawn as text on <see cref="Output"/>. It is called on the thread
    /// running the script, after what the script printed before the call has been written.
    /// </summary>
    public Action<Chart>? ShowChart { get; init; }

    /// <summary>
    /// Whether hot code is compiled to .NET code (<see cref="GradScript.Tiering.Adaptive"/>, the
    /// default), never (<see cref="GradScript.Tiering.InterpreterOnly"/>) or at once
    /// (<see cref="GradScript.Tiering.CompileImmediately"/>). Results are the same in every mode. When
    /// not set, the environment variable <c>GRADSCRIPT_TIER</c> (<c>adaptive</c>, <c>interpret</c> or
    /// <c>eager</c>) chooses, so that a whole test suite can run in each mode; a value set here wins.
    /// </summary>
    /// <exception cref="InvalidOperationException">The options are created while <c>GRADSCRIPT_TIER</c> holds another value.</exception>
    public Tiering Tiering { get; init; } = TieringVariable.FromEnvironment();

    /// <summary>Cancels every run of the engine; combined with the token given to a run.</summary>
    public CancellationToken CancellationToken { get; init; }
}
