namespace GradScript.Autograd;

/// <summary>
/// A number that records how it was computed: one node of the autograd graph. This class is a leaf
/// (made by <c>param</c>) or an operation with one tracked input — a unary function, or a binary
/// operator whose other operand was a plain number. An operation on two tracked inputs is a
/// <see cref="TwoInputValue"/>. Each node keeps its inputs and its plain operand, which is what
/// PyTorch's derivative formulas read: backward is a sweep that applies them (<see cref="Derivatives"/>).
/// </summary>
/// <remarks>
/// The split keeps the common node small: 64 bytes here, 72 with a second input (object header
/// included). A node of a binary operator keeps its plain operand (<see cref="Constant"/>): a
/// derivative needs it (see <see cref="Derivatives"/>). A leaf is the only node whose <see cref="Data"/>
/// changes after creation: compound assignment updates it in place, as an optimizer step, and a
/// graph recorded before that can no longer be differentiated (see <see cref="Sequence"/>). float32 nodes keep their data and gradient
/// as doubles that are always exact float32 values.
/// </remarks>
internal class TrackedValue
{
    /// <summary>A leaf.</summary>
    public TrackedValue(double data, bool isFloat32)
    {
        Data = isFloat32 ? (float)data : data;
        IsFloat32 = isFloat32;
        Op = Op.Leaf;
    }

    /// <summary>
    /// An operation on one tracked input <paramref name="a"/>; for a binary operator,
    /// <paramref name="constant"/> is its plain operand, on the left when <paramref name="constantOnLeft"/>
    /// (as c in c / a); for a host function, the host-given derivative.
    /// </summary>
    public TrackedValue(Op op, double data, bool isFloat32, TrackedValue a, double constant = 0, bool constantOnLeft = false)
    {
        Op = op;
        Data = data;
        IsFloat32 = isFloat32;
        A = a;
        Second = constant;
        ConstantOnLeft = constantOnLeft;
    }

    /// <summary>The value; exact float32 when <see cref="IsFloat32"/>.</summary>
    public double Data;

    /// <summary>∂(root of the last backward that reached this node)/∂(this node).</summary>
    public double Grad;

    /// <summary>The (first) tracked input; null for a leaf.</summary>
    public readonly TrackedValue? A;

    /// <summary>
    /// When the node was recorded (see <see cref="AutogradState.Record"/>): backward visits
    /// nodes newest first, as PyTorch's engine runs its functions by sequence number, so gradients
    /// that meet are added in PyTorch's order. For a leaf, when its data was last changed in place
    /// (0 if never): a node recorded before that can no longer be differentiated, as PyTorch's
    /// version counters refuse it, since the derivative formulas read their inputs' data.
    /// </summary>
    internal long Sequence;

    /// <summary>
    /// The plain operand of a binary operator with one tracked input; the host-given derivative of
    /// a host function; for a <see cref="TwoInputValue"/>, the derivative with respect to the second
    /// input. One field for all keeps either kind of node at its smallest.
    /// </summary>
    private protected readonly double Second;

    /// <summary>The operation that made this node.</summary>
    public readonly Op Op;

    /// <summary>Computes and stores in float32, as a PyTorch float32 tensor does.</summary>
    public readonly bool IsFloat32;

    /// <summary>The plain operand was the left one (c - a, c / a, c ^ a).</summary>
    public readonly bool ConstantOnLeft;

    /// <summary>The backward pass that last visited this node (see <see cref="Backpropagation"/>).</summary>
    internal int VisitMark;

    /// <summary>
    /// Whether a backward pass has reached this node since its gradient was last set to none
    /// (<c>w.grad = none</c>, <c>opt.zero_grad()</c>): PyTorch's <c>.grad</c> is None until then.
    /// A field in the object's padding, so a node stays the same size.
    /// </summary>
    public bool HasGrad;

    public bool IsLeaf => Op == Op.Leaf;

    /// <summary>The plain operand of a binary operator with one tracked input (0 otherwise).</summary>
    public double Constant => this is TwoInputValue ? 0 : Second;

    /// <summary>∂Data/∂A.Data of a host function with one input, as the host gave it.</summary>
    public double HostDerivative => Second;

    /// <summary>The second tracked input, if there is one.</summary>
    public TrackedValue? B => (this as TwoInputValue)?.SecondInput;
}

/// <summary>An operation on two tracked inputs: <see cref="TrackedValue.A"/> and <see cref="SecondInput"/>.</summary>
internal sealed class TwoInputValue(Op op, double data, bool isFloat32, TrackedValue a, TrackedValue b, double db = 0)
    : TrackedValue(op, data, isFloat32, a, db)
{
    /// <summary>The second tracked input.</summary>
    public readonly TrackedValue SecondInput = b;

    /// <summary>∂Data/∂SecondInput.Data of a host function (∂Data/∂A.Data is 1).</summary>
    public double DB => Second;
}
