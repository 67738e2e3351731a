namespace GradScript.Autograd;

using System.Runtime.CompilerServices;
using GradScript.Diagnostics;

/// <summary>
/// Everything about autograd that changes while an engine runs: whether operations are recorded
/// (<c>no_grad</c>), the recording itself (the graph-size limit, creation order, anomaly detection),
/// and the gradients a <c>create_graph</c> backward left as tracked values. One per engine; the
/// runtime asks it to record and never touches its fields.
/// </summary>
internal sealed class AutogradState
{
    private readonly long? _maxGraphNodes;
    private int _noGradDepth;

    // Recorded operations the run may still make (EngineOptions.MaxGraphNodes), set when it begins.
    private long _graphNodesLeft;

    // The sequence number of the last recorded node: creation order, which backward follows.
    private long _sequence;

    private AnomalyDetector? _anomalies;

    // Gradients that are themselves tracked, from backward(l, create_graph=true). Weak keys: a node
    // dropped by the script drops its entry.
    private ConditionalWeakTable<TrackedValue, TrackedValue>? _trackedGradients;

    /// <summary>Autograd for an engine with these limits and options.</summary>
    public AutogradState(IExecutionLimits limits, long? maxGraphNodes, bool detectAnomaly)
    {
        Limits = limits;
        _maxGraphNodes = maxGraphNodes;
        _graphNodesLeft = maxGraphNodes ?? long.MaxValue;
        DetectAnomaly = detectAnomaly;
    }

    /// <summary>The limits of the run, which backward looks at as it goes.</summary>
    public IExecutionLimits Limits { get; }

    /// <summary>The engine's backward pass, which keeps its buffers between calls.</summary>
    public readonly Backpropagation Backpropagation = new();

    /// <summary>Whether operations on tracked values are recorded: not inside <c>no_grad</c>.</summary>
    public bool IsRecording => _noGradDepth == 0;

    /// <summary>Starts a run: recording on, the graph-size budget full.</summary>
    public void BeginRun()
    {
        _noGradDepth = 0;
        _graphNodesLeft = _maxGraphNodes ?? long.MaxValue;
    }

    /// <summary>Ends a run, however it ended: recording on again.</summary>
    public void EndRun() => _noGradDepth = 0;

    /// <summary>Nothing is recorded until the scope is disposed (<c>no_grad { … }</c>, a numeric check's calls).</summary>
    public Scope NoGrad()
    {
        var scope = new Scope(this, _noGradDepth);
        _noGradDepth++;
        return scope;
    }

    /// <summary>
    /// Everything is recorded until the scope is disposed, even inside <c>no_grad</c>: a function
    /// transform or a gradient check differentiates wherever it is called.
    /// </summary>
    public Scope Recording()
    {
        var scope = new Scope(this, _noGradDepth);
        _noGradDepth = 0;
        return scope;
    }

    /// <summary>A change of the recording switch, undone by <see cref="Dispose"/>; a struct, so a <c>using</c> allocates nothing.</summary>
    public readonly struct Scope(AutogradState state, int previousDepth) : IDisposable
    {
        /// <summary>Puts the switch back as it was when the scope began.</summary>
        public void Dispose() => state._noGradDepth = previousDepth;
    }

    /// <summary>
    /// Records a node just computed: counts it against <c>EngineOptions.MaxGraphNodes</c>,
    /// gives it its place in creation order, and with anomaly detection on makes a NaN or infinite
    /// value an error here (and keeps the place for backward). Every recorded node passes here.
    /// </summary>
    public TrackedValue Record(TrackedValue node, in SourceSpan at)
    {
        if (--_graphNodesLeft < 0)
            throw new ScriptLimitException($"graph limit exceeded (more than {_maxGraphNodes} recorded operations)", at);
        _anomalies?.Record(node, at);
        node.Sequence = ++_sequence;
        return node;
    }

    /// <summary>op(t), recorded; null inside <c>no_grad</c>, where the caller computes the plain number.</summary>
    public TrackedValue? Unary(Op op, TrackedValue t, in SourceSpan at) =>
        IsRecording ? Record(Differentiable.Unary(op, t), at) : null;

    /// <summary>a op b with at least one tracked operand, recorded; null inside <c>no_grad</c>, where the caller computes the plain number.</summary>
    public TrackedValue? Binary(Op op, TrackedValue? ta, double a, TrackedValue? tb, double b, in SourceSpan at) =>
        IsRecording ? Record(Differentiable.Binary(op, ta, a, tb, b), at) : null;

    /// <summary>
    /// First-order backward from <paramref name="root"/>: sets (or with <paramref name="accumulate"/>,
    /// adds) every node's gradient, with this engine's limits and anomaly detection.
    /// </summary>
    public void Backward(TrackedValue root, bool accumulate, in SourceSpan at) => Backpropagation.Run(root, accumulate, this, at);

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

    /// <summary>After backward passed a gradient on from <paramref name="node"/>: an error if it made one NaN or infinite.</summary>
    public void CheckGradient(TrackedValue node, in SourceSpan backwardAt) => _anomalies?.CheckGradient(node, backwardAt);

    /// <summary>Whether a <c>create_graph</c> backward has left any tracked gradient.</summary>
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
