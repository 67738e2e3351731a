using System.Diagnostics;
using System.Numerics;

namespace GradScript.Autograd;

/// <summary>
/// The differentiable operations: each computes its value and its local derivatives side by side.
/// A result is float32 when every tracked operand is float32 (plain numbers are converted to
/// float32 first, as PyTorch treats Python scalars); otherwise float64. Subgradients at kinks are
/// PyTorch's: relu′(0) = 0, abs′(0) = 0.
/// </summary>
internal static class Differentiable
{
    /// <summary>A binary operation where at least one of <paramref name="ta"/> and <paramref name="tb"/> is tracked.</summary>
    public static TrackedValue Binary(Op op, TrackedValue? ta, double a, TrackedValue? tb, double b)
    {
        bool f32 = (ta?.IsFloat32 ?? true) && (tb?.IsFloat32 ?? true);
        if (!f32)
        {
            // The float64 cases every training loop is made of, without the generic tuple below.
            switch (op)
            {
                case Op.Add: return Node(op, a + b, false, ta, a, 1, tb, b, 1);
                case Op.Subtract: return Node(op, a - b, false, ta, a, 1, tb, b, -1);
                case Op.Multiply: return Node(op, a * b, false, ta, a, b, tb, b, a);
            }
        }
        bool wantDB = tb is not null;
        var (value, da, db) = f32 ? Widen(Binary(op, (float)a, (float)b, wantDB)) : Binary(op, a, b, wantDB);
        return f32 ? Node(op, value, f32, ta, (float)a, da, tb, (float)b, db) : Node(op, value, f32, ta, a, da, tb, b, db);
    }

    // One node per tracked input: an operand that was a plain number is kept as the node's constant.
    private static TrackedValue Node(Op op, double value, bool f32, TrackedValue? ta, double a, double da, TrackedValue? tb, double b, double db)
    {
        if (ta is null) return new TrackedValue(op, value, f32, tb!, db, a, constantOnLeft: true);
        if (tb is null) return new TrackedValue(op, value, f32, ta, da, b);
        return new TwoInputValue(op, value, f32, ta, da, tb, db);
    }

    /// <summary>A unary operation on a tracked value.</summary>
    public static TrackedValue Unary(Op op, TrackedValue t)
    {
        var (value, d) = t.IsFloat32 ? Widen(Unary(op, (float)t.Data)) : Unary(op, t.Data);
        return new TrackedValue(op, value, t.IsFloat32, t, d);
    }

    /// <summary>The plain-number result of a unary operation, for untracked operands.</summary>
    public static double Apply(Op op, double x) => Unary(op, x).Value;

    // One definition for both precisions: T is float for float32 values, double otherwise, so a
    // float32 operation rounds every intermediate to float32 as PyTorch does. Without wantDB the
    // second operand is a plain number and its derivative may be left out (it is, where it costs).
    private static (T Value, T DA, T DB) Binary<T>(Op op, T x, T y, bool wantDB) where T : IFloatingPointIeee754<T> => op switch
    {
        Op.Add => (x + y, T.One, T.One),
        Op.Subtract => (x - y, T.One, -T.One),
        Op.Multiply => (x * y, y, x),
        Op.Divide => (x / y, T.One / y, -x / (y * y)),
        Op.Power => Power(x, y, wantDB),
        Op.Maximum => Extreme(x, y, x > y, x < y),
        Op.Minimum => Extreme(x, y, x < y, x > y),
        _ => throw new UnreachableException(op.ToString()),
    };

    // torch.maximum/minimum: the gradient goes to the chosen operand, split evenly on a tie. A NaN
    // operand makes the result NaN, and then both operands get the whole gradient, as PyTorch's
    // formula does (neither `x < y` nor `x == y` holds, so neither gradient is masked or halved).
    private static (T, T, T) Extreme<T>(T x, T y, bool first, bool second) where T : IFloatingPointIeee754<T>
    {
        T half = T.One / (T.One + T.One);
        if (T.IsNaN(x) || T.IsNaN(y)) return (T.NaN, T.One, T.One);
        return first ? (x, T.One, T.Zero) : second ? (y, T.Zero, T.One) : (x, half, half);
    }

    // x^y, ∂/∂x = y·x^(y-1) (0 when y = 0, as PyTorch), ∂/∂y = x^y·ln x (0 where x = 0 and y ≥ 0).
    private static (T, T, T) Power<T>(T x, T y, bool wantDy) where T : IFloatingPointIeee754<T>
    {
        T value = PowerValue(x, y);
        T dx = y == T.Zero ? T.Zero : y * PowerValue(x, y - T.One);
        T dy = !wantDy || (x == T.Zero && y >= T.Zero) ? T.Zero : value * T.Log(x);
        return (value, dx, dy);
    }

    // PyTorch computes small integral and half exponents by multiplication and square roots, not
    // pow(); doing the same keeps float32 results bit-identical.
    private static T PowerValue<T>(T x, T y) where T : IFloatingPointIeee754<T>
    {
        T two = T.One + T.One;
        if (y == T.One) return x;
        if (y == two) return x * x;
        if (y == two + T.One) return x * x * x;
        if (y == T.One / two) return T.Sqrt(x);
        if (y == -T.One) return T.One / x;
        if (y == -two) return T.One / (x * x);
        return T.Pow(x, y);
    }

    private static (T Value, T Derivative) Unary<T>(Op op, T x) where T : IFloatingPointIeee754<T>
    {
        T one = T.One;
        switch (op)
        {
            case Op.Negate: return (-x, -one);
            case Op.Abs: return (T.Abs(x), x > T.Zero ? one : x < T.Zero ? -one : T.Zero);
            case Op.Exp: { T e = T.Exp(x); return (e, e); }
            case Op.Log: return (T.Log(x), one / x);
            case Op.Sqrt: { T s = T.Sqrt(x); return (s, one / (s + s)); }
            case Op.Sin: return (T.Sin(x), T.Cos(x));
            case Op.Cos: return (T.Cos(x), -T.Sin(x));
            case Op.Tan: { T t = T.Tan(x); return (t, one + t * t); }
            case Op.Tanh: { T t = T.Tanh(x); return (t, one - t * t); }
            case Op.Sigmoid: { T s = one / (one + T.Exp(-x)); return (s, s * (one - s)); }
            // PyTorch masks the gradient where relu(x) <= 0, so a NaN passes it on: relu′(NaN) = 1.
            case Op.Relu: return x > T.Zero || T.IsNaN(x) ? (x, one) : (T.Zero, T.Zero);
            default: throw new UnreachableException(op.ToString());
        }
    }

    private static (double, double, double) Widen((float, float, float) t) => (t.Item1, t.Item2, t.Item3);

    private static (double, double) Widen((float, float) t) => (t.Item1, t.Item2);

    /// <summary>A host function's value, depending on <paramref name="t"/> with a host-given derivative.</summary>
    public static TrackedValue Host(TrackedValue t, double value, double derivative) =>
        t.IsFloat32
            ? new TrackedValue(Op.HostFunction, (float)value, true, t, (float)derivative)
            : new TrackedValue(Op.HostFunction, value, false, t, derivative);

    /// <summary>The same value, depending also on one more input <paramref name="t"/> (derivative 1 through <paramref name="previous"/>).</summary>
    public static TrackedValue Host(TrackedValue previous, TrackedValue t, double value, double derivative)
    {
        bool f32 = previous.IsFloat32 && t.IsFloat32;
        return new TwoInputValue(Op.HostFunction, f32 ? (float)value : value, f32, previous, 1, t, f32 ? (float)derivative : derivative);
    }
}
