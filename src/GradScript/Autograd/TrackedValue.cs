namespace GradScript.Autograd;

/// <summary>
/// A number that records how it was computed: one node of the autograd graph, seen through its
/// place — a <see cref="NodeBlock"/> (named by its <see cref="BlockHandle"/>) and an index there. It is a leaf (made by <c>param</c>, its
/// own block) or an operation recorded on the engine's <see cref="Tape"/> with one or two tracked
/// inputs. Each node keeps its inputs and its plain operand, which is what PyTorch's derivative
/// formulas read: backward is a sweep that applies them (<see cref="Derivatives"/>).
/// </summary>
/// <remarks>
/// Two views of the same place are the same node (equality compares places). A leaf is the only
/// node whose <see cref="Data"/> changes after creation: compound assignment updates it in place, as
/// an optimizer step, and a graph recorded before that can no longer be differentiated (see
/// <see cref="Sequence"/>). float32 nodes keep their data and gradient as doubles that are always
/// exact float32 values.
/// </remarks>
internal readonly struct TrackedValue(BlockHandle handle, int index) : IEquatable<TrackedValue>
{
    /// <summary>What names the node's block, and keeps it (and what it reads) alive.</summary>
    public BlockHandle Handle => handle;

    /// <summary>Where the node lives.</summary>
    public NodeBlock Block => handle.Block;

    /// <summary>Its index in <see cref="Block"/>.</summary>
    public int Index => index;

    private ref NodeRecord Node => ref handle.Block.Nodes[index];

    /// <summary>A new leaf.</summary>
    public static TrackedValue Leaf(double data, bool isFloat32) => new(NodeBlock.Leaf(data, isFloat32).HandleOf(0), 0);

    /// <summary>The node at <paramref name="index"/> of <paramref name="block"/>, which something live still reaches.</summary>
    public static TrackedValue At(NodeBlock block, int index) => new(block.HandleOf(index), index);

    /// <summary>The value; exact float32 when <see cref="IsFloat32"/>. Only a leaf's is ever set.</summary>
    public double Data
    {
        get => Node.Data;
        set => Node.Data = value;
    }

    /// <summary>∂(root of the last backward that reached this node)/∂(this node).</summary>
    public double Grad
    {
        get => Node.Grad;
        set => Node.Grad = value;
    }

    /// <summary>
    /// Whether a backward pass has reached this leaf since its gradient was last set to none
    /// (<c>w.grad = none</c>, <c>opt.zero_grad()</c>): PyTorch's <c>.grad</c> is None until then.
    /// </summary>
    public bool HasGrad
    {
        get => (Node.Flags & NodeFlags.HasGrad) != 0;
        set => Node.Flags = value ? Node.Flags | NodeFlags.HasGrad : Node.Flags & ~NodeFlags.HasGrad;
    }

    /// <summary>The operation that made this node.</summary>
    public Op Op => Node.Op;

    /// <summary>The backward pass or listing that last reached this node (see <see cref="Backpropagation"/>).</summary>
    internal int Mark
    {
        get => Node.Mark;
        set => Node.Mark = value;
    }

    /// <summary>Whether the last backward pass brought this node only an efficient zero (see <see cref="NodeFlags.EfficientZero"/>).</summary>
    internal bool HasEfficientZeroGrad => (Node.Flags & NodeFlags.EfficientZero) != 0;

    /// <summary>Computes and stores in float32, as a PyTorch float32 tensor does.</summary>
    public bool IsFloat32 => (Node.Flags & NodeFlags.Float32) != 0;

    /// <summary>The plain operand was the left one (c - a, c / a, c ^ a).</summary>
    public bool ConstantOnLeft => (Node.Flags & NodeFlags.ConstantOnLeft) != 0;

    public bool IsLeaf => handle.Block.IsLeaf;

    /// <summary>The (first) tracked input; null for a leaf.</summary>
    public TrackedValue? A => Input(Node.A);

    /// <summary>The second tracked input, if there is one.</summary>
    public TrackedValue? B => Input(Node.B);

    private TrackedValue? Input(int input)
    {
        if (input == NodeBlock.NoInput) return null;
        var (block, at) = handle.Block.Locate(input);
        return At(block, at);
    }

    /// <summary>Whether the operation has two tracked inputs.</summary>
    public bool HasTwoInputs => Node.B != NodeBlock.NoInput;

    /// <summary>The plain operand of a binary operator with one tracked input (0 otherwise).</summary>
    public double Constant => HasTwoInputs ? 0 : Node.Second;

    /// <summary>∂Data/∂A.Data of a host function with one input, as the host gave it.</summary>
    public double HostDerivative => Node.Second;

    /// <summary>∂Data/∂B.Data of a host function with two inputs (∂Data/∂A.Data is 1).</summary>
    public double DB => Node.Second;

    /// <summary>The mask's choice of a <see cref="Op.Where"/> node (nonzero: masked).</summary>
    public double Second => Node.Second;

    /// <summary>
    /// Creation order, doubled so that changes of leaves fit between nodes: node n of the tape is
    /// 2n; a leaf is 0, or 2n + 1 after its data was changed in place when n nodes had been
    /// recorded. Backward visits nodes newest first, as PyTorch's engine runs its functions by
    /// sequence number, so gradients that meet are added in PyTorch's order; a node recorded
    /// before a change of its leaf can no longer be differentiated, as PyTorch's version counters
    /// refuse it, since the derivative formulas read their inputs' data.
    /// </summary>
    internal long Sequence => Block.IsLeaf ? Block.First : 2 * (Block.First + index);

    public bool Equals(TrackedValue other) => ReferenceEquals(handle, other.Handle) && index == other.Index;

    public override bool Equals(object? obj) => obj is TrackedValue other && Equals(other);

    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(handle) * 31 + index;

    public static bool operator ==(TrackedValue left, TrackedValue right) => left.Equals(right);

    public static bool operator !=(TrackedValue left, TrackedValue right) => !left.Equals(right);
}
