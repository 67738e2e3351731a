namespace GradScript.Runtime;

using GradScript.Autograd;
using GradScript.Diagnostics;

/// <summary>
/// The state of one engine while scripts run on it, by role: its globals, its output, its modules
/// and random generator here; the execution limits in <see cref="Limits"/>; autograd's switches and
/// recording in <see cref="Autograd"/>. Compiled code is immutable and shared; everything that
/// changes while it runs is here (or in frames), never in static fields.
/// </summary>
internal sealed class Interpreter
{
    private readonly Dictionary<string, GlobalCell> _globals = new(StringComparer.Ordinal);
    private readonly EngineOptions _options;

    public Interpreter(EngineOptions options)
    {
        _options = options;
        Tiering = System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeCompiled ? options.Tiering : Tiering.InterpreterOnly;
        Limits = new ExecutionLimits(options);
        Autograd = new AutogradState(Limits, options.MaxGraphNodes, options.DetectAnomaly);
        Output = options.Output ?? Console.Out;
        Error = options.Error ?? Console.Error;
        Progress = new Terminal.ProgressDisplay(Error, options.ShowProgress, options.ProgressWidth);
        Builtins.Install(Global);
        Modules = new Modules(this, options.ModuleResolver);
        // Tiering is the interpreter alone where the runtime has no JIT for generated code (Native AOT).
        AdjointThreshold = Tiering switch
        {
            Tiering.Adaptive => Adjoints.GeneratedAdjoint.DefaultThreshold,
            Tiering.InterpreterOnly => -1,
            Tiering.CompileImmediately => 0,
            var tiering => throw new System.Diagnostics.UnreachableException(tiering.ToString()),
        };
    }

    /// <summary>
    /// Whether hot code is compiled (<see cref="EngineOptions.Tiering"/>). Where the runtime cannot
    /// compile generated code (Native AOT), the interpreter alone, whatever the options say.
    /// </summary>
    public readonly Tiering Tiering;

    /// <summary>
    /// Gradient calls of a function before its derivative is generated code instead of the tape
    /// (<see cref="Adjoints.GeneratedAdjoint"/>), by <see cref="EngineOptions.Tiering"/>: 0 at once, negative never.
    /// </summary>
    public int AdjointThreshold { get; }

    /// <summary>Steps, time, cancellation, memory and call depth of the current run.</summary>
    public ExecutionLimits Limits { get; }

    /// <summary>no_grad, recording, anomaly detection and tracked gradients.</summary>
    public AutogradState Autograd { get; }

    public TextWriter Output { get; }
    public TextWriter Error { get; }

    /// <summary>The host's picture display for <c>plot</c> (<see cref="EngineOptions.ShowChart"/>); null draws text on <see cref="Output"/>.</summary>
    public Action<Chart>? ShowChart => _options.ShowChart;

    /// <summary>The progress bars of <c>progress</c> loops, drawn on <see cref="Error"/> when it is a terminal.</summary>
    public Terminal.ProgressDisplay Progress { get; }

    /// <summary>The modules imported so far.</summary>
    public readonly Modules Modules;
    public readonly PythonRandom Random = new();

    /// <summary>Receives the value of each top-level expression statement of an interactive input.</summary>
    public Action<Value>? Echo;

    public IReadOnlyDictionary<string, GlobalCell> Globals => _globals;

    public GlobalCell Global(string name)
    {
        if (!_globals.TryGetValue(name, out var cell)) _globals[name] = cell = new GlobalCell(name);
        return cell;
    }

    /// <summary>The cells for a compiled script's global names, in its order.</summary>
    public GlobalCell[] Link(IReadOnlyList<string> names)
    {
        var cells = new GlobalCell[names.Count];
        for (int i = 0; i < cells.Length; i++) cells[i] = Global(names[i]);
        return cells;
    }

    /// <summary>Starts a run: the limits reset, recording on.</summary>
    public void BeginRun(CancellationToken cancellation)
    {
        Limits.BeginRun(cancellation);
        Autograd.BeginRun();
    }

    /// <summary>
    /// Starts a run that cannot run long (see <see cref="ExecutionLimits.TryBeginBoundedRun"/>): the
    /// limits reset without a timer, recording on; false when the run is cancelled already.
    /// </summary>
    public bool TryBeginBoundedRun(CancellationToken cancellation)
    {
        if (!Limits.TryBeginBoundedRun(cancellation)) return false;
        Autograd.BeginRun();
        return true;
    }

    /// <summary>Ends a run, however it ended.</summary>
    public void EndRun()
    {
        Limits.EndRun();
        Autograd.EndRun();
    }
}
