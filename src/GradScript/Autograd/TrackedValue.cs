namespace GradScript.Autograd;

/// <summary>
/// A number that records how it was computed: one node of the autograd graph. A node holds its
/// operation, up to two parents and the local derivative of its data with respect to each
/// (computed in the forward pass, beside the value, as micrograd does), so backward is a linear
/// sweep that multiplies and adds.
/// </summary>
/// <remarks>
/// A leaf (<see cref="Op.Leaf"/>, made by <c>param</c>) is the only node whose <see cref="Data"/>
/// changes after creation: compound assignment updates it in place, as an optimizer step.
/// float32 nodes keep their data and gradient as doubles that are always exact float32 values.
/// </remarks>
internal sealed class TrackedValue
{
    public TrackedValue(double data, bool isFloat32)
    {
        Data = isFloat32 ? (float)data : data;
        IsFloat32 = isFloat32;
        Op = Op.Leaf;
    }

    public TrackedValue(Op op, double data, bool isFloat32, TrackedValue? a, double da, TrackedValue? b = null, double db = 0)
    {
        Op = op;
        Data = data;
        IsFloat32 = isFloat32;
        A = a;
        B = b;
        DA = da;
        DB = db;
    }

    /// <summary>The value; exact float32 when <see cref="IsFloat32"/>.</summary>
    public double Data;

    /// <summary>∂(root of the last backward that reached this node)/∂(this node).</summary>
    public double Grad;

    /// <summary>The first and second parents; null for a leaf, or where the operand was a plain number.</summary>
    public readonly TrackedValue? A, B;

    /// <summary>∂Data/∂A.Data and ∂Data/∂B.Data.</summary>
    public readonly double DA, DB;

    /// <summary>The operation that made this node.</summary>
    public readonly Op Op;

    /// <summary>Computes and stores in float32, as a PyTorch float32 tensor does.</summary>
    public readonly bool IsFloat32;

    /// <summary>The backward pass that last visited this node (see <see cref="Backpropagation"/>).</summary>
    internal int VisitMark;

    public bool IsLeaf => Op == Op.Leaf;
}

/// <summary>The operations a node can record; the names appear in <c>graph(v)</c>.</summary>
internal enum Op : byte
{
    Leaf, Add, Subtract, Multiply, Divide, Power, Negate,
    Abs, Exp, Log, Sqrt, Sin, Cos, Tan, Tanh, Sigmoid, Relu, HostFunction, Maximum, Minimum,
}
