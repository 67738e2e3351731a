namespace GradScript.Autograd;

using System.Diagnostics;

/// <summary>
/// The operations a node can record, one line of meaning each. Each has its forward value, its
/// local derivative (first-order backward) and its recorded derivative (<c>create_graph</c>) side
/// by side in one file of <c>Autograd/Operations/</c>, the family it belongs to; a test walks this
/// enum and checks every operation's first and second derivatives against central differences.
/// </summary>
internal enum Op : byte
{
    /// <summary>A param: no inputs.</summary>
    Leaf,

    /// <summary>a + b.</summary>
    Add,

    /// <summary>a - b.</summary>
    Subtract,

    /// <summary>a * b.</summary>
    Multiply,

    /// <summary>a / b; c / a is <c>a.reciprocal() * c</c> as in PyTorch.</summary>
    Divide,

    /// <summary>a ^ b; a ^ c is pow(Tensor, Scalar), c ^ a pow(Scalar, Tensor).</summary>
    Power,

    /// <summary>-a.</summary>
    Negate,

    /// <summary>|a|.</summary>
    Abs,

    /// <summary>e^a.</summary>
    Exp,

    /// <summary>The natural logarithm.</summary>
    Log,

    /// <summary>The square root.</summary>
    Sqrt,

    /// <summary>sin a.</summary>
    Sin,

    /// <summary>cos a.</summary>
    Cos,

    /// <summary>tan a.</summary>
    Tan,

    /// <summary>tanh a.</summary>
    Tanh,

    /// <summary>1 / (1 + e^-a).</summary>
    Sigmoid,

    /// <summary>max(a, 0), NaN passing through.</summary>
    Relu,

    /// <summary>A host's C# function with a host-given derivative for each tracked input.</summary>
    HostFunction,

    /// <summary>torch.maximum(a, b): NaN wins; a tie splits the gradient.</summary>
    Maximum,

    /// <summary>torch.minimum(a, b).</summary>
    Minimum,

    /// <summary>A function transform's argument, or a dtype conversion: the same value, as an input of its own.</summary>
    Identity,

    // The operations a recorded backward (create_graph) is made of besides the ones above, as
    // PyTorch records them, so that derivatives of derivatives round as PyTorch's do.

    /// <summary>sgn(x), abs's derivative; its own derivative is 0.</summary>
    Sign,

    /// <summary>tanh_backward(g, y) = g * (1 - y * y), inputs g and y.</summary>
    TanhBackward,

    /// <summary>sigmoid_backward(g, y) = g * (1 - y) * y, inputs g and y.</summary>
    SigmoidBackward,

    /// <summary>threshold_backward(g, y, 0) = (y &lt;= 0 ? 0 : g), relu's derivative, inputs g and y.</summary>
    ThresholdBackward,

    /// <summary>A gradient masked to 0 (constant 1) or passed on (constant 0): where(mask, 0, g), masked_fill.</summary>
    Where,

    /// <summary>where(c, a, b) of two gradients (constant 1: a), max/min's choice of half a gradient or the whole.</summary>
    Select,
}

/// <summary>
/// The families of operations: each is one file of <c>Autograd/Operations/</c> holding its
/// operations' values, local derivatives and recorded derivatives, and each has one shape, which
/// is all the forward, backward and recorded-backward engines need to know to call it.
/// </summary>
internal enum OpFamily : byte
{
    /// <summary>A param: no operation.</summary>
    Leaf,

    /// <summary>+ - * / (<see cref="Operations.Arithmetic"/>): two operands, one possibly a plain number.</summary>
    Arithmetic,

    /// <summary>^ (<see cref="Operations.Power"/>): two operands, one possibly a plain number.</summary>
    Power,

    /// <summary>maximum and minimum (<see cref="Operations.Extremes"/>): two operands, one possibly a plain number.</summary>
    Extremes,

    /// <summary>Functions of one value (<see cref="Operations.Elementary"/>).</summary>
    Elementary,

    /// <summary>tanh, sigmoid, relu (<see cref="Operations.Activations"/>): one value; the derivative reads the result.</summary>
    Activation,

    /// <summary>Their backward operations (<see cref="Operations.Activations"/>): two tracked inputs, a gradient and a result.</summary>
    ActivationBackward,

    /// <summary>A host's function (<see cref="Operations.Host"/>): one tracked input, or two in a chain.</summary>
    Host,

    /// <summary>Identity and where (<see cref="Operations.PassThrough"/>): passed on, masked or chosen.</summary>
    PassThrough,
}

/// <summary>Where the plain operand of a binary operation is.</summary>
internal enum Shape { Both, ConstantLeft, ConstantRight }

/// <summary>Facts about each <see cref="Op"/>, one switch each, every operation listed.</summary>
internal static class Ops
{
    /// <summary>The family whose file holds the operation's value and derivatives.</summary>
    public static OpFamily Family(Op op) => op switch
    {
        Op.Leaf => OpFamily.Leaf,
        Op.Add or Op.Subtract or Op.Multiply or Op.Divide => OpFamily.Arithmetic,
        Op.Power => OpFamily.Power,
        Op.Maximum or Op.Minimum => OpFamily.Extremes,
        Op.Negate or Op.Abs or Op.Sign or Op.Exp or Op.Log or Op.Sqrt or Op.Sin or Op.Cos or Op.Tan => OpFamily.Elementary,
        Op.Tanh or Op.Sigmoid or Op.Relu => OpFamily.Activation,
        Op.TanhBackward or Op.SigmoidBackward or Op.ThresholdBackward => OpFamily.ActivationBackward,
        Op.HostFunction => OpFamily.Host,
        Op.Identity or Op.Where or Op.Select => OpFamily.PassThrough,
        _ => throw new UnreachableException(op.ToString()),
    };

    /// <summary>Whether the operation is binary with a possible plain operand (kept as <see cref="TrackedValue.Constant"/>).</summary>
    public static bool TakesConstant(OpFamily family) => family is OpFamily.Arithmetic or OpFamily.Power or OpFamily.Extremes;

    /// <summary>The operation as a script writes it, as <c>graph(v)</c> and anomaly messages show it.</summary>
    public static string Name(Op op) => op switch
    {
        Op.Leaf => "param",
        Op.Add => "+",
        Op.Subtract => "-",
        Op.Multiply => "*",
        Op.Divide => "/",
        Op.Power => "^",
        Op.Negate => "neg",
        Op.Abs => "abs",
        Op.Exp => "exp",
        Op.Log => "log",
        Op.Sqrt => "sqrt",
        Op.Sin => "sin",
        Op.Cos => "cos",
        Op.Tan => "tan",
        Op.Tanh => "tanh",
        Op.Sigmoid => "sigmoid",
        Op.Relu => "relu",
        Op.HostFunction => "host",
        Op.Maximum => "max",
        Op.Minimum => "min",
        Op.Identity => "arg",
        Op.Sign => "sgn",
        Op.TanhBackward => "tanh_backward",
        Op.SigmoidBackward => "sigmoid_backward",
        Op.ThresholdBackward => "threshold_backward",
        Op.Where => "where",
        Op.Select => "where",
        _ => throw new UnreachableException(op.ToString()),
    };
}
