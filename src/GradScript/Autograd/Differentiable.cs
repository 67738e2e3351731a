using System.Diagnostics;

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
        var (value, da, db) = f32 ? Binary32(op, (float)a, (float)b) : Binary64(op, a, b);
        return new TrackedValue(op, value, f32, ta, da, tb, db);
    }

    private static (double, double, double) Binary64(Op op, double x, double y) => op switch
    {
        Op.Add => (x + y, 1, 1),
        Op.Subtract => (x - y, 1, -1),
        Op.Multiply => (x * y, y, x),
        Op.Divide => (x / y, 1 / y, -x / (y * y)),
        Op.Power => Power64(x, y),
        _ => throw new UnreachableException(op.ToString()),
    };

    private static (double, double, double) Binary32(Op op, float x, float y) => op switch
    {
        Op.Add => (x + y, 1, 1),
        Op.Subtract => (x - y, 1, -1),
        Op.Multiply => (x * y, y, x),
        Op.Divide => (x / y, 1 / y, -x / (y * y)),
        Op.Power => Power32(x, y),
        _ => throw new UnreachableException(op.ToString()),
    };

    // x^y, ∂/∂x = y·x^(y-1) (0 when y = 0, as PyTorch), ∂/∂y = x^y·ln x (0 where x = 0 and y ≥ 0).
    private static (double, double, double) Power64(double x, double y)
    {
        double value = PowerValue(x, y);
        double dx = y == 0 ? 0 : y * PowerValue(x, y - 1);
        double dy = x == 0 && y >= 0 ? 0 : value * Math.Log(x);
        return (value, dx, dy);
    }

    private static (double, double, double) Power32(float x, float y)
    {
        float value = PowerValue32(x, y);
        float dx = y == 0 ? 0 : y * PowerValue32(x, y - 1);
        float dy = x == 0 && y >= 0 ? 0 : value * MathF.Log(x);
        return (value, dx, dy);
    }

    // PyTorch computes small integral and half exponents by multiplication and square roots, not
    // pow(); doing the same keeps float32 results bit-identical.
    private static double PowerValue(double x, double y) => y switch
    {
        1 => x,
        2 => x * x,
        3 => x * x * x,
        0.5 => Math.Sqrt(x),
        -1 => 1 / x,
        -2 => 1 / (x * x),
        _ => Math.Pow(x, y),
    };

    private static float PowerValue32(float x, float y) => y switch
    {
        1 => x,
        2 => x * x,
        3 => x * x * x,
        0.5f => MathF.Sqrt(x),
        -1 => 1 / x,
        -2 => 1 / (x * x),
        _ => MathF.Pow(x, y),
    };

    /// <summary>A unary operation on a tracked value.</summary>
    public static TrackedValue Unary(Op op, TrackedValue t)
    {
        var (value, d) = t.IsFloat32 ? Unary32(op, (float)t.Data) : Unary64(op, t.Data);
        return new TrackedValue(op, value, t.IsFloat32, t, d);
    }

    /// <summary>The plain-number result of a unary operation, for untracked operands.</summary>
    public static double Apply(Op op, double x) => Unary64(op, x).Item1;

    private static (double, double) Unary64(Op op, double x)
    {
        switch (op)
        {
            case Op.Negate: return (-x, -1);
            case Op.Abs: return (Math.Abs(x), x > 0 ? 1 : x < 0 ? -1 : 0);
            case Op.Exp: { double e = Math.Exp(x); return (e, e); }
            case Op.Log: return (Math.Log(x), 1 / x);
            case Op.Sqrt: { double s = Math.Sqrt(x); return (s, 0.5 / s); }
            case Op.Sin: return (Math.Sin(x), Math.Cos(x));
            case Op.Cos: return (Math.Cos(x), -Math.Sin(x));
            case Op.Tan: { double t = Math.Tan(x); return (t, 1 + t * t); }
            case Op.Tanh: { double t = Math.Tanh(x); return (t, 1 - t * t); }
            case Op.Sigmoid: { double s = 1 / (1 + Math.Exp(-x)); return (s, s * (1 - s)); }
            case Op.Relu: return (x > 0 || double.IsNaN(x) ? x : 0, x > 0 ? 1 : 0);
            default: throw new UnreachableException(op.ToString());
        }
    }

    private static (double, double) Unary32(Op op, float x)
    {
        switch (op)
        {
            case Op.Negate: return (-x, -1);
            case Op.Abs: return (MathF.Abs(x), x > 0 ? 1 : x < 0 ? -1 : 0);
            case Op.Exp: { float e = MathF.Exp(x); return (e, e); }
            case Op.Log: return (MathF.Log(x), 1 / x);
            case Op.Sqrt: { float s = MathF.Sqrt(x); return (s, 0.5f / s); }
            case Op.Sin: return (MathF.Sin(x), MathF.Cos(x));
            case Op.Cos: return (MathF.Cos(x), -MathF.Sin(x));
            case Op.Tan: { float t = MathF.Tan(x); return (t, 1 + t * t); }
            case Op.Tanh: { float t = MathF.Tanh(x); return (t, 1 - t * t); }
            case Op.Sigmoid: { float s = 1 / (1 + MathF.Exp(-x)); return (s, s * (1 - s)); }
            case Op.Relu: return (x > 0 || float.IsNaN(x) ? x : 0, x > 0 ? 1 : 0);
            default: throw new UnreachableException(op.ToString());
        }
    }

    /// <summary>A host function with a host-given derivative, applied to a tracked value.</summary>
    public static TrackedValue Host(TrackedValue t, double value, double derivative) =>
        t.IsFloat32
            ? new TrackedValue(Op.HostFunction, (float)value, true, t, (float)derivative)
            : new TrackedValue(Op.HostFunction, value, false, t, derivative);
}
