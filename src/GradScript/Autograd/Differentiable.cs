using System.Diagnostics;
using System.Numerics;
using GradScript.Autograd.Operations;

namespace GradScript.Autograd;

/// <summary>
/// The forward engine: makes the node of an operation on tracked values, its value computed by the
/// operation's family (<c>Autograd/Operations/</c>) as libtorch's CPU kernels compute it. A result
/// is float32 when every tracked operand is float32 (a plain number is then rounded to float32
/// first, as PyTorch treats a Python scalar); otherwise float64. A plain operand is a Python scalar
/// in the PyTorch spelling of the operation and is kept as the node's constant.
/// </summary>
internal static class Differentiable
{
    /// <summary>A binary operation where at least one of <paramref name="ta"/> and <paramref name="tb"/> is tracked.</summary>
    public static TrackedValue Binary(Tape tape, Op op, TrackedValue? ta, double a, TrackedValue? tb, double b)
    {
        bool f32 = (ta?.IsFloat32 ?? true) && (tb?.IsFloat32 ?? true);
        if (!f32)
        {
            // The float64 cases every training loop is made of, without the generic code below.
            switch (op)
            {
                case Op.Add: return Node(tape, op, a + b, false, ta, a, tb, b);
                case Op.Subtract: return Node(tape, op, a - b, false, ta, a, tb, b);
                case Op.Multiply: return Node(tape, op, a * b, false, ta, a, tb, b);
            }
        }
        // A plain operand of a power stays a double, as pow(Tensor, Scalar) keeps the exponent and
        // pow(Scalar, Tensor) takes the log of the base in double; every other plain operand of a
        // float32 operation is rounded to float32.
        double constant = ta is null ? a : b;
        if (f32 && op != Op.Power) constant = (float)constant;
        var shape = ta is null ? Shape.ConstantLeft : tb is null ? Shape.ConstantRight : Shape.Both;
        double value = f32
            ? Binary(op, (float)a, (float)b, shape, constant)
            : Binary(op, a, b, shape, constant);
        return Node(tape, op, value, f32, ta, ta is null ? constant : a, tb, tb is null ? constant : b);
    }

    /// <summary>x.reciprocal(): a division node with the plain 1 on its left (its value and derivative are the reciprocal's).</summary>
    public static TrackedValue Reciprocal(Tape tape, TrackedValue x) => Binary(tape, Op.Divide, null, 1.0, x, x.Data);

    // One node per tracked input: an operand that was a plain number is kept as the node's constant.
    private static TrackedValue Node(Tape tape, Op op, double value, bool f32, TrackedValue? ta, double a, TrackedValue? tb, double b)
    {
        if (ta is not { } x) return tape.Append(op, value, f32, tb!.Value, second: a, constantOnLeft: true);
        if (tb is not { } y) return tape.Append(op, value, f32, x, second: b);
        return tape.Append(op, value, f32, x, y);
    }

    // One definition for both precisions: T is float for float32 values, double otherwise, so a
    // float32 operation rounds every intermediate to float32 as PyTorch does.
    private static T Binary<T>(Op op, T x, T y, Shape shape, double constant) where T : IFloatingPointIeee754<T> => Ops.Family(op) switch
    {
        OpFamily.Arithmetic => Arithmetic.Value(op, x, y, shape),
        OpFamily.Power => Power.Value(x, y, shape, constant),
        OpFamily.Extremes => Extremes.Value(op, x, y),
        _ => throw new UnreachableException($"{op} is not a binary operation"),
    };

    /// <summary>A unary operation on a tracked value.</summary>
    public static TrackedValue Unary(Tape tape, Op op, TrackedValue t)
    {
        double value = t.IsFloat32 ? Unary(op, (float)t.Data) : Unary(op, t.Data);
        return tape.Append(op, value, t.IsFloat32, t);
    }

    /// <summary>The plain-number result of a unary operation, for untracked operands.</summary>
    public static double Apply(Op op, double x) => Unary(op, x);

    /// <summary>The plain-number result of a unary operation in float32.</summary>
    public static float Apply(Op op, float x) => Unary(op, x);

    private static T Unary<T>(Op op, T x) where T : IFloatingPointIeee754<T> => Ops.Family(op) switch
    {
        OpFamily.Elementary => Elementary.Value(op, x),
        OpFamily.Activation => Activations.Value(op, x),
        _ => throw new UnreachableException($"{op} is not a function of one value"),
    };

    /// <summary>
    /// One of the backward operations a recorded backward is made of (tanh_backward,
    /// sigmoid_backward, threshold_backward) of a gradient <paramref name="g"/> and a result <paramref name="y"/>.
    /// </summary>
    public static TrackedValue BackwardOperation(Tape tape, Op op, TrackedValue g, TrackedValue y)
    {
        bool f32 = g.IsFloat32 && y.IsFloat32;
        double value = f32 ? Activations.BackwardValue(op, (float)g.Data, (float)y.Data) : Activations.BackwardValue(op, g.Data, y.Data);
        return tape.Append(op, value, f32, g, y);
    }
}
