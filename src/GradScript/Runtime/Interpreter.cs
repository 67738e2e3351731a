namespace GradScript.Runtime;

using System.Diagnostics;
using System.Runtime.CompilerServices;
using GradScript.Autograd;
using GradScript.Diagnostics;

/// <summary>
/// The state of one engine while scripts run on it: its globals, its output, the autograd switches,
/// the random generator, and the execution limits of the current run. Compiled code is immutable and
/// shared; everything that changes while it runs is here (or in frames), never in static fields.
/// </summary>
internal sealed class Interpreter
{
    /// <summary>Steps between two looks at the clock and the cancellation token.</summary>
    private const int ClockInterval = 1024;

    private static readonly TimeSpan TimerMargin = TimeSpan.FromMilliseconds(5);

    /// <summary>Allocations from this size on look at the memory limit first (see <see cref="Reserve"/>).</summary>
    public const long LargeAllocation = 1 << 20;

    /// <summary>Managed heap bytes beyond which a run stops (<see cref="EngineOptions.MaxMemory"/>).</summary>
    private readonly long _memoryLimit;

    private readonly Dictionary<string, GlobalCell> _globals = new(StringComparer.Ordinal);
    private readonly EngineOptions _options;

    private long _steps;
    private long _nextCheck;
    private long _deadline;
    // Recorded operations the run may still make (EngineOptions.MaxGraphNodes), set when it begins.
    private long _graphNodesLeft;

    // The sequence number of the last recorded node: creation order, which backward follows.
    private long _sequence;
    private CancellationToken _cancellation;

    /// <summary>
    /// Set from another thread when the deadline passes or the run is cancelled, so that the next
    /// step looks at the limits at once: a loop whose every step is slow (a large allocation, a
    /// long builtin) would otherwise run <see cref="ClockInterval"/> of those steps first.
    /// </summary>
    private volatile bool _interrupted;
    private Timer? _deadlineTimer;
    private CancellationTokenRegistration _cancellationRegistration;

    public Interpreter(EngineOptions options)
    {
        _options = options;
        _graphNodesLeft = options.MaxGraphNodes ?? long.MaxValue;
        DetectAnomaly = options.DetectAnomaly;
        Output = options.Output ?? Console.Out;
        Error = options.Error ?? Console.Error;
        _memoryLimit = options.MaxMemory ?? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4 * 3;
        Progress = new Terminal.ProgressDisplay(Error, options.ShowProgress, options.ProgressWidth);
        Builtins.Install(Global);
        Modules = new Modules(this, options.ModuleResolver);
    }

    public TextWriter Output { get; }
    public TextWriter Error { get; }

    /// <summary>The host's picture display for <c>plot</c> (<see cref="EngineOptions.ShowChart"/>); null draws text on <see cref="Output"/>.</summary>
    public Action<Chart>? ShowChart => _options.ShowChart;

    /// <summary>The progress bars of <c>progress</c> loops, drawn on <see cref="Error"/> when it is a terminal.</summary>
    public Terminal.ProgressDisplay Progress { get; }

    /// <summary>Greater than zero inside <c>no_grad</c>: nothing is recorded.</summary>
    public int NoGradDepth;

    /// <summary>Whether operations on tracked values are recorded.</summary>
    public bool IsRecording => NoGradDepth == 0;

    public readonly Backpropagation Backpropagation = new();

    /// <summary>The modules imported so far.</summary>
    public readonly Modules Modules;
    public readonly PythonRandom Random = new();

    /// <summary>Receives the value of each top-level expression statement of an interactive input.</summary>
    public Action<Value>? Echo;

    /// <summary>Active script-function calls.</summary>
    public int CallDepth;

    /// <summary>Steps taken by the current run: loop iterations and calls.</summary>
    public long Steps => _steps;

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

    /// <summary>Resets the limits for a new run.</summary>
    public void BeginRun(CancellationToken cancellation)
    {
        _cancellation = cancellation;
        _steps = 0;
        _graphNodesLeft = _options.MaxGraphNodes ?? long.MaxValue;
        CallDepth = 0;
        NoGradDepth = 0;
        _deadline = _options.Timeout is { } timeout ? Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;
        ScheduleNextCheck();
        _interrupted = false;
        // The timer fires a little after the deadline, since its coarse clock may run ahead of the
        // Stopwatch; it cannot wait longer than about 49 days, and beyond that the periodic check is enough.
        if (_options.Timeout is { } due && due < TimeSpan.FromDays(40))
            _deadlineTimer = new Timer(static state => ((Interpreter)state!)._interrupted = true, this,
                (due < TimeSpan.Zero ? TimeSpan.Zero : due) + TimerMargin, System.Threading.Timeout.InfiniteTimeSpan);
        if (cancellation.CanBeCanceled)
            _cancellationRegistration = cancellation.UnsafeRegister(static state => ((Interpreter)state!)._interrupted = true, this);
    }

    /// <summary>Releases the deadline timer and the cancellation registration of the run that ends.</summary>
    public void EndRun()
    {
        _deadlineTimer?.Dispose();
        _deadlineTimer = null;
        _cancellationRegistration.Dispose();
        _cancellationRegistration = default;
    }

    public int MaxCallDepth => _options.MaxCallDepth;

    /// <summary>Counts one step (a loop iteration or a call) and enforces the limits.</summary>
    public void Tick(in SourceSpan at)
    {
        if (++_steps >= _nextCheck || _interrupted) CheckLimits(at);
    }

    /// <summary>Enforces time and cancellation inside long builtins and backward, without counting a step.</summary>
    public void CheckLimits(in SourceSpan at)
    {
        // Cleared first: whatever set it (a cancelled token, a clock past the deadline) is seen by the
        // looks below. If none of them throws, it was a timer of an earlier run that fired late.
        _interrupted = false;
        if (_options.MaxSteps is { } max && _steps > max)
            throw new ScriptLimitException($"step limit exceeded (more than {max} steps)", at);
        _cancellation.ThrowIfCancellationRequested();
        if (Stopwatch.GetTimestamp() > _deadline)
            throw new ScriptLimitException($"time limit exceeded ({_options.Timeout!.Value.TotalSeconds:0.###} s)", at);
        if (GC.GetTotalMemory(forceFullCollection: false) > _memoryLimit) CheckMemory(0, at);
        ScheduleNextCheck();
    }

    /// <summary>
    /// Looks at the memory limit before an operation allocates about <paramref name="bytes"/> at
    /// once, when that is a lot: a loop of large allocations would otherwise fill memory between two
    /// periodic looks.
    /// </summary>
    public void Reserve(long bytes, in SourceSpan at)
    {
        if (bytes >= LargeAllocation && GC.GetTotalMemory(forceFullCollection: false) + bytes > _memoryLimit) CheckMemory(bytes, at);
    }

    // The heap counted so far may be mostly garbage: only what a full collection leaves counts.
    // A heap still within a tenth of the limit after one is refused too, so that a script living
    // just under the limit cannot make every look collect.
    private void CheckMemory(long bytes, in SourceSpan at)
    {
        GC.Collect();
        if (GC.GetTotalMemory(forceFullCollection: false) + bytes > _memoryLimit - _memoryLimit / 10)
            throw new ScriptLimitException($"memory limit exceeded ({_memoryLimit / (1 << 20)} MB)", at);
    }

    private void ScheduleNextCheck()
    {
        long next = _steps + ClockInterval;
        if (_options.MaxSteps is { } max && max + 1 < next) next = max + 1;
        _nextCheck = next;
    }

    /// <summary>
    /// Counts one recorded operation against <see cref="EngineOptions.MaxGraphNodes"/>; with anomaly
    /// detection on, a NaN or infinite result is an error here, and the place is kept for backward.
    /// </summary>
    public TrackedValue Record(TrackedValue node, SourceSpan at)
    {
        if (--_graphNodesLeft < 0)
            throw new ScriptLimitException($"graph limit exceeded (more than {_options.MaxGraphNodes} recorded operations)", at);
        if (DetectAnomaly) Anomalies.Record(node, at);
        node.Sequence = ++_sequence;
        return node;
    }

    /// <summary>
    /// Marks a leaf whose data was just changed in place (an optimizer step, <c>w -= …</c>): a graph
    /// recorded before the change can no longer be differentiated (see <see cref="Backpropagation"/>).
    /// </summary>
    public void ChangedInPlace(TrackedValue leaf) => leaf.Sequence = ++_sequence;

    /// <summary>Anomaly detection (<c>detect_anomaly(true)</c>, <c>--detect-anomaly</c>).</summary>
    public bool DetectAnomaly
    {
        get => _anomalies is not null;
        set => _anomalies = value ? _anomalies ?? new AnomalyDetector() : null;
    }

    private AnomalyDetector? _anomalies;

    private AnomalyDetector Anomalies => _anomalies!;

    /// <summary>After backward passed a gradient on from <paramref name="node"/>: an error if it made one NaN or infinite.</summary>
    public void CheckGradient(TrackedValue node, in SourceSpan backwardAt) => _anomalies?.CheckGradient(node, backwardAt);

    // Gradients that are themselves tracked, from backward(l, create_graph=true). Weak keys: a node
    // dropped by the script drops its entry.
    private ConditionalWeakTable<TrackedValue, TrackedValue>? _trackedGradients;

    public bool HasTrackedGradients => _trackedGradients is not null;

    /// <summary>The tracked gradient the last backward that reached <paramref name="node"/> left, if it made one.</summary>
    public TrackedValue? TrackedGradient(TrackedValue node) =>
        _trackedGradients is { } table && table.TryGetValue(node, out var g) ? g : null;

    /// <summary>Keeps (or with null, forgets) <paramref name="node"/>'s tracked gradient.</summary>
    public void SetTrackedGradient(TrackedValue node, TrackedValue? gradient)
    {
        if (gradient is not null) (_trackedGradients ??= new()).AddOrUpdate(node, gradient);
        else _trackedGradients?.Remove(node);
    }
}
