using System.Diagnostics;
using System.Numerics;

namespace GradScript.Autograd;

/// <summary>
/// The differentiable operations' values, computed as libtorch's CPU kernels compute them (their
/// gradients are in <see cref="Derivatives"/>). A result is float32 when every tracked operand is
/// float32 (a plain number is then rounded to float32 first, as PyTorch treats a Python scalar);
/// otherwise float64. A plain operand is a Python scalar in the PyTorch spelling of the operation:
/// <c>c / x</c> is <c>x.reciprocal() * c</c>, <c>x ^ c</c> is <c>pow(Tensor, Scalar)</c> with c kept
/// in double, <c>c ^ x</c> is <c>pow(Scalar, Tensor)</c>.
/// </summary>
internal static class Differentiable
{
    /// <summary>A binary operation where at least one of <paramref name="ta"/> and <paramref name="tb"/> is tracked.</summary>
    public static TrackedValue Binary(Op op, TrackedValue? ta, double a, TrackedValue? tb, double b)
    {
        bool f32 = (ta?.IsFloat32 ?? true) && (tb?.IsFloat32 ?? true);
        if (!f32)
        {
            // The float64 cases every training loop is made of, without the generic code below.
            switch (op)
            {
                case Op.Add: return Node(op, a + b, false, ta, a, tb, b);
                case Op.Subtract: return Node(op, a - b, false, ta, a, tb, b);
                case Op.Multiply: return Node(op, a * b, false, ta, a, tb, b);
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
        return Node(op, value, f32, ta, ta is null ? constant : a, tb, tb is null ? constant : b);
    }

    // One node per tracked input: an operand that was a plain number is kept as the node's constant.
    private static TrackedValue Node(Op op, double value, bool f32, TrackedValue? ta, double a, TrackedValue? tb, double b)
    {
        if (ta is null) return new TrackedValue(op, value, f32, tb!, a, constantOnLeft: true);
        if (tb is null) return new TrackedValue(op, value, f32, ta, b);
        return new TwoInputValue(op, value, f32, ta, tb);
    }

    /// <summary>Where the plain operand of a binary operation is.</summary>
    internal enum Shape { Both, ConstantLeft, ConstantRight }

    // One definition for both precisions: T is float for float32 values, double otherwise, so a
    // float32 operation rounds every intermediate to float32 as PyTorch does.
    private static T Binary<T>(Op op, T x, T y, Shape shape, double constant) where T : IFloatingPointIeee754<T> => op switch
    {
        Op.Add => x + y,
        Op.Subtract => x - y,
        Op.Multiply => x * y,
        // c / x is x.reciprocal() * c in PyTorch (Tensor.__rtruediv__): two roundings.
        Op.Divide => shape == Shape.ConstantLeft ? T.One / y * x : x / y,
        Op.Power => shape switch
        {
            Shape.ConstantRight => PowerByScalar(x, constant),
            // pow(Scalar, Tensor) fills 1 for a base of 1; otherwise it is pow of two tensors.
            Shape.ConstantLeft => x == T.One ? T.One : T.Pow(x, y),
            Shape.Both => T.Pow(x, y),
            _ => throw new UnreachableException(shape.ToString()),
        },
        Op.Maximum => T.IsNaN(x) || T.IsNaN(y) ? T.NaN : x < y ? y : x,
        Op.Minimum => T.IsNaN(x) || T.IsNaN(y) ? T.NaN : y < x ? y : x,
        _ => throw new UnreachableException(op.ToString()),
    };

    /// <summary>
    /// x ^ c as libtorch's pow(Tensor, Scalar) kernel computes it: 0 and 1 filled and copied, the
    /// exponents 2, 3, -2 by multiplication, 0.5, -0.5, -1 by sqrt, 1/sqrt and reciprocal, any other
    /// with pow in double (so a float32 base meets the exponent unrounded).
    /// </summary>
    public static T PowerByScalar<T>(T x, double c) where T : IFloatingPointIeee754<T>
    {
        switch (c)
        {
            case 0: return T.One;
            case 1: return x;
            case 2: return x * x;
            case 3: return x * x * x;
            case 0.5: return T.Sqrt(x);
            case -0.5: return T.One / T.Sqrt(x);
            case -1: return T.One / x;
            case -2: return T.One / (x * x);
            default: return T.CreateTruncating(Math.Pow(double.CreateTruncating(x), c));
        }
    }

    /// <summary>A unary operation on a tracked value.</summary>
    public static TrackedValue Unary(Op op, TrackedValue t)
    {
        double value = t.IsFloat32 ? Unary(op, (float)t.Data) : Unary(op, t.Data);
        return new TrackedValue(op, value, t.IsFloat32, t);
    }

    /// <summary>The plain-number result of a unary operation, for untracked operands.</summary>
    public static double Apply(Op op, double x) => Unary(op, x);

    /// <summary>The plain-number result of a unary operation in float32.</summary>
    public static float Apply(Op op, float x) => Unary(op, x);

    private static T Unary<T>(Op op, T x) where T : IFloatingPointIeee754<T> => op switch
    {
        Op.Negate => -x,
        Op.Abs => T.Abs(x),
        Op.Exp => Libm(Math.Exp, x),
        Op.Log => Libm(Math.Log, x),
        Op.Sqrt => T.Sqrt(x),
        Op.Sin => Libm(Math.Sin, x),
        Op.Cos => Libm(Math.Cos, x),
        Op.Tan => Libm(Math.Tan, x),
        Op.Tanh => Libm(Math.Tanh, x),
        // libtorch's sigmoid kernel calls exp in the tensor's own dtype.
        Op.Sigmoid => T.One / (T.One + T.Exp(-x)),
        Op.Sign => x > T.Zero ? T.One : x < T.Zero ? -T.One : T.Zero,
        // clamp_min(x, 0) as std::max(x, 0): NaN and -0.0 pass through.
        Op.Relu => x < T.Zero ? T.Zero : x,
        _ => throw new UnreachableException(op.ToString()),
    };

    /// <summary>
    /// One of the backward operations a recorded backward is made of (tanh_backward,
    /// sigmoid_backward, threshold_backward) of a gradient <paramref name="g"/> and a result <paramref name="y"/>.
    /// </summary>
    public static TrackedValue BackwardOperation(Op op, TrackedValue g, TrackedValue y)
    {
        bool f32 = g.IsFloat32 && y.IsFloat32;
        double value = f32 ? BackwardOperation(op, (float)g.Data, (float)y.Data) : BackwardOperation(op, g.Data, y.Data);
        return new TwoInputValue(op, value, f32, g, y);
    }

    private static T BackwardOperation<T>(Op op, T g, T y) where T : IFloatingPointIeee754<T> => op switch
    {
        Op.TanhBackward => g * (T.One - y * y),
        Op.SigmoidBackward => g * (T.One - y) * y,
        Op.ThresholdBackward => y <= T.Zero ? T.Zero : g,
        _ => throw new UnreachableException(op.ToString()),
    };

    /// <summary>A gradient masked to 0 or passed on as it is (where/masked_fill with a constant mask).</summary>
    public static TrackedValue Where(TrackedValue g, bool masked) =>
        new(Op.Where, masked ? 0.0 : g.Data, g.IsFloat32, g, masked ? 1 : 0);

    /// <summary>
    /// A libm function in float64, rounded for float32: libtorch computes a 0-dim exp, log, sin, cos,
    /// tan or tanh with MKL, whose float32 results are the correctly rounded ones nearly always;
    /// the C library's float32 functions are up to 2 ulp from those (tanhf), its float64 ones rounded
    /// to float32 are nearly always equal to them.
    /// </summary>
    internal static T Libm<T>(Func<double, double> f, T x) where T : IFloatingPointIeee754<T> =>
        T.CreateTruncating(f(double.CreateTruncating(x)));

    /// <summary>A host function's value, depending on <paramref name="t"/> with a host-given derivative.</summary>
    public static TrackedValue Host(TrackedValue t, double value, double derivative) =>
        t.IsFloat32
            ? new TrackedValue(Op.HostFunction, (float)value, true, t, (float)derivative)
            : new TrackedValue(Op.HostFunction, value, false, t, derivative);

    /// <summary>The same value, depending also on one more input <paramref name="t"/> (derivative 1 through <paramref name="previous"/>).</summary>
    public static TrackedValue Host(TrackedValue previous, TrackedValue t, double value, double derivative)
    {
        bool f32 = previous.IsFloat32 && t.IsFloat32;
        return new TwoInputValue(Op.HostFunction, f32 ? (float)value : value, f32, previous, t, f32 ? (float)derivative : derivative);
    }
}
