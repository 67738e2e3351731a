namespace GradScript.Autograd;

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

    private AnomalyDetector? _anomalies;

    // Whether a create_graph backward ever left a tracked gradient (kept beside its node, in its
    // block, so a node dropped by the script drops its entry).
    private bool _trackedGradients;

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

    /// <summary>Where this engine's operations are recorded.</summary>
    public readonly Tape Tape = new();

    /// <summary>Whether operations on tracked values are recorded: not inside <c>no_grad</c>.</summary>
    public bool IsRecording => _noGradDepth == 0;

    /// <summary>Starts a run: recording on, the graph-size budget full, a new computation on the tape.</summary>
    public void BeginRun()
    {
        _noGradDepth = 0;
        _graphNodesLeft = _maxGraphNodes ?? long.MaxValue;
        // A host that runs a script per step (or per evaluation) begins a new computation each run.
        Tape.ComputationEnded();
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
    /// Checks a node just appended to the <see cref="Tape"/> (its place there is its place in
    /// creation order): counts it against <c>EngineOptions.MaxGraphNodes</c>, and with anomaly
    /// detection on makes a NaN or infinite value an error here (and keeps the place for backward).
    /// Every recorded node passes here, right after it is appended.
    /// </summary>
    public TrackedValue Record(TrackedValue node, in SourceSpan at)
    {
        if (--_graphNodesLeft < 0)
            throw new ScriptLimitException($"graph limit exceeded (more than {_maxGraphNodes} recorded operations)", at);
        _anomalies?.Record(node, at);
        return node;
    }

    /// <summary>Whether <paramref name="count"/> more operations may be recorded in this run (<c>EngineOptions.MaxGraphNodes</c>).</summary>
    public bool CanRecord(int count) => _graphNodesLeft >= count;

    /// <summary>
    /// Counts <paramref name="count"/> operations against the graph-size limit as if recorded: a
    /// generated adjoint computes them without nodes (after <see cref="CanRecord"/>).
    /// </summary>
    public void CountUnrecorded(int count) => _graphNodesLeft -= count;

    /// <summary>op(t), recorded; null inside <c>no_grad</c>, where the caller computes the plain number.</summary>
    public TrackedValue? Unary(Op op, TrackedValue t, in SourceSpan at) =>
        IsRecording ? Record(Differentiable.Unary(Tape, op, t), at) : null;

    /// <summary>
    /// a op b with at least one tracked operand, recorded; null inside <c>no_grad</c>, where the
    /// caller computes the plain number. A plain number divided by a tracked value records two
    /// nodes, <c>b.reciprocal() * a</c>, as PyTorch's Tensor.__rtruediv__ does: a create_graph
    /// backward then records its derivative in libtorch's nodes and order.
    /// </summary>
    public TrackedValue? Binary(Op op, TrackedValue? ta, double a, TrackedValue? tb, double b, in SourceSpan at)
    {
        if (!IsRecording) return null;
        if (op == Op.Divide && ta is null)
        {
            var reciprocal = Record(Differentiable.Reciprocal(Tape, tb!.Value), at);
            return Record(Differentiable.Binary(Tape, Op.Multiply, reciprocal, reciprocal.Data, null, a), at);
        }
        return Record(Differentiable.Binary(Tape, op, ta, a, tb, b), at);
    }

    /// <summary>
    /// a + b, a - b or a * b of two tracked float64-or-mixed operands (not both float32), whose
    /// <paramref name="value"/> the caller computed in float64, recorded: the node
    /// <see cref="Binary"/> makes for it, without the general dispatch (the runtime's direct entry
    /// for the arithmetic every training loop is made of). Only while <see cref="IsRecording"/>.
    /// </summary>
    public TrackedValue Float64(Op op, double value, TrackedValue a, TrackedValue b, in SourceSpan at) =>
        Record(Tape.Append(op, value, float32: false, a, b), at);

    /// <summary>
    /// The same (or <c>t ^ constant</c>) with one tracked float64 operand <paramref name="t"/> and a
    /// plain one, <paramref name="constant"/>, on the left when <paramref name="constantOnLeft"/>.
    /// </summary>
    public TrackedValue Float64(Op op, double value, TrackedValue t, double constant, bool constantOnLeft, in SourceSpan at) =>
        Record(Tape.Append(op, value, float32: false, t, second: constant, constantOnLeft: constantOnLeft), at);

    /// <summary>An argument of a function transform as a recorded identity of <paramref name="outer"/>, so the gradient reaches it.</summary>
    public TrackedValue Identity(TrackedValue outer, in SourceSpan at) =>
        Record(Operations.PassThrough.Identity(Tape, outer, outer.IsFloat32), at);

    /// <summary>
    /// A host function's result, recorded: depending on <paramref name="t"/> with the host's
    /// <paramref name="derivative"/>, and on <paramref name="previous"/> (the node for the
    /// arguments before) with derivative 1 when there is one.
    /// </summary>
    public TrackedValue HostNode(TrackedValue? previous, TrackedValue t, double value, double derivative, in SourceSpan at) =>
        Record(previous is { } p
            ? Operations.Host.Node(Tape, p, t, value, derivative)
            : Operations.Host.Node(Tape, t, value, derivative), at);

    /// <summary>
    /// First-order backward from <paramref name="root"/>: sets (or with <paramref name="accumulate"/>,
    /// adds) every node's gradient, with this engine's limits and anomaly detection.
    /// </summary>
    public void Backward(TrackedValue root, bool accumulate, in SourceSpan at)
    {
        Backpropagation.Run(root, accumulate, this, at);
        Tape.ComputationEnded();
    }

    /// <summary>
    /// Marks a leaf whose data was just changed in place (an optimizer step, <c>w -= …</c>): a graph
    /// recorded before the change can no longer be differentiated (see <see cref="Backpropagation"/>).
    /// </summary>
    public void ChangedInPlace(TrackedValue leaf) => leaf.Block.First = 2 * Tape.Recorded + 1;

    /// <summary>Anomaly detection (<c>detect_anomaly(true)</c>, <c>--detect-anomaly</c>).</summary>
    public bool DetectAnomaly
    {
        get => _anomalies is not null;
        set => _anomalies = value ? _anomalies ?? new AnomalyDetector() : null;
    }

    /// <summary>After backward passed a gradient on from <paramref name="node"/>: the error if it made one NaN or infinite.</summary>
    public ScriptRuntimeException? GradientAnomaly(TrackedValue node, in SourceSpan backwardAt) => _anomalies?.GradientAnomaly(node, backwardAt);

    /// <summary>Whether a <c>create_graph</c> backward has left any tracked gradient.</summary>
    public bool HasTrackedGradients => _trackedGradients;

    /// <summary>The tracked gradient the last backward that reached <paramref name="node"/> left, if it made one.</summary>
    public TrackedValue? TrackedGradient(TrackedValue node) =>
        node.Handle.TrackedGradients is { } table && table.TryGetValue(node.Index, out var g) ? g : null;

    /// <summary>Keeps (or with null, forgets) <paramref name="node"/>'s tracked gradient.</summary>
    public void SetTrackedGradient(TrackedValue node, TrackedValue? gradient)
    {
        if (gradient is { } g)
        {
            (node.Handle.TrackedGradients ??= [])[node.Index] = g;
            _trackedGradients = true;
        }
        else node.Handle.TrackedGradients?.Remove(node.Index);
    }
}
