namespace GradScript.Autograd.Operations;

using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;

/// <summary>
/// x ^ y as libtorch's three pow kernels compute it — pow(Tensor, Scalar) for a plain exponent c
/// (kept in double), pow(Scalar, Tensor) for a plain base c (whose log is taken in double), and
/// pow(Tensor, Tensor) — with PyTorch's pow_backward, pow_backward_self and pow_backward_exponent:
/// value, local derivative and recorded derivative side by side. Their edges (an exponent of 0, a
/// base of 0 with a nonnegative exponent) are masked to 0, as <c>where</c> does.
/// </summary>
internal static class Power
{
    /// <summary>The value, in T's precision.</summary>
    // The values and local derivatives are inlined: a generated adjoint (Adjoints/) calls them with a
    // constant operation, and the JIT folds the switch away, leaving the formula.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Value<T>(T x, T y, Shape shape, double constant) where T : IFloatingPointIeee754<T> => shape switch
    {
        Shape.ConstantRight => ByScalar(x, constant),
        // pow(Scalar, Tensor) fills 1 for a base of 1; otherwise it is pow of two tensors.
        Shape.ConstantLeft => x == T.One ? T.One : T.Pow(x, y),
        Shape.Both => T.Pow(x, y),
        _ => throw new UnreachableException(shape.ToString()),
    };

    /// <summary>
    /// x ^ c as libtorch's pow(Tensor, Scalar) kernel computes it: 0 and 1 filled and copied, the
    /// exponents 2, 3, -2 by multiplication, 0.5, -0.5, -1 by sqrt, 1/sqrt and reciprocal, any other
    /// with pow in double (so a float32 base meets the exponent unrounded).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T ByScalar<T>(T x, double c) where T : IFloatingPointIeee754<T>
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

    /// <summary>(g·∂/∂x, g·∂/∂y), each computed only when wanted.</summary>
    public static (T Left, T Right) Derivative<T>(TrackedValue node, T g, T x, T y, bool wantLeft, bool wantRight)
        where T : IFloatingPointIeee754<T> =>
        Derivative(node.B is { } exponent ? Exponent.Tracked(exponent.IsFloat32) : Exponent.Plain(node.Constant),
            T.CreateTruncating(node.Data), g, x, y, wantLeft, wantRight);

    /// <summary>What the derivative needs of a power besides its operands: its exponent's kind, and its plain operand.</summary>
    /// <param name="TwoInputs">Both operands are tracked.</param>
    /// <param name="TrackedFloat32">A tracked exponent is float32 (its <c>y - 1</c> rounds in float32).</param>
    /// <param name="Constant">The plain operand (base or exponent) when one operand is a plain number.</param>
    public readonly record struct Exponent(bool TwoInputs, bool TrackedFloat32, double Constant)
    {
        /// <summary>Both operands tracked; the exponent of this dtype.</summary>
        public static Exponent Tracked(bool float32) => new(true, float32, 0);

        /// <summary>One operand a plain number <paramref name="constant"/>.</summary>
        public static Exponent Plain(double constant) => new(false, false, constant);
    }

    /// <summary>
    /// (g·∂/∂x, g·∂/∂y) of a power whose value was <paramref name="result"/>, without its node: the
    /// formulas a generated adjoint calls, so that it rounds exactly as backward does.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (T Left, T Right) Derivative<T>(Exponent power, T result, T g, T x, T y, bool wantLeft, bool wantRight)
        where T : IFloatingPointIeee754<T> =>
        (wantLeft ? Base(power, g, x, y) : T.Zero, wantRight ? OfExponent(power, result, g, x, y) : T.Zero);

    // pow_backward (a Scalar exponent c, kept in double) and pow_backward_self (a tensor exponent).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Base<T>(Exponent power, T g, T x, T y) where T : IFloatingPointIeee754<T>
    {
        if (power.TwoInputs)
        {
            // exponent - 1 is computed in the exponent's own dtype: a float32 exponent beside a float64
            // base is rounded there before the (promoted) pow.
            T yMinusOne = power.TrackedFloat32 ? T.CreateTruncating((float)double.CreateTruncating(y) - 1f) : y - T.One;
            return y == T.Zero ? T.Zero : g * (y * T.Pow(x, yMinusOne));
        }
        double c = power.Constant;
        return c == 0 ? T.Zero : g * (T.CreateTruncating(c) * ByScalar(x, c - 1));
    }

    // pow_backward_exponent: g * where(x == 0 and y >= 0, 0, result * log(x)); a Scalar base takes
    // its log in double, rounded to the exponent's dtype.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T OfExponent<T>(Exponent power, T result, T g, T x, T y) where T : IFloatingPointIeee754<T>
    {
        if (power.TwoInputs)
            return g * (x == T.Zero && y >= T.Zero ? T.Zero : result * Elementary.Libm(Op.Log, x));
        double c = power.Constant;
        return g * (c == 0 && y >= T.Zero ? T.Zero : result * T.CreateTruncating(Math.Log(c)));
    }

    /// <summary>The same formulas, recorded; masked sides are zeros of g's dtype.</summary>
    public static (Term Left, Term Right) Recorded(HigherOrder h, TrackedValue node, Term g, Term? x, Term? y, Term zero)
    {
        var self = HigherOrder.Tracked(node);
        double c = node.Constant;
        if (y is null)
            return (c == 0 ? Term.Plain(0.0, x!.Value.F32) : h.Mul(g, h.MulScalar(h.PowScalar(x!.Value, c - 1), c)), zero);
        // pow(Scalar, Tensor): a where only for a base of 0.
        if (x is null)
        {
            var slope = h.MulScalar(self, Math.Log(c));
            return (zero, h.Mul(g, c == 0 ? h.Where(y.Value.Data >= 0, slope) : slope));
        }
        // pow_backward_exponent first, then pow_backward_self (see HigherOrder.Contributions).
        var (xv, yv) = (x.Value, y.Value);
        var dy = h.Mul(g, h.Where(xv.Data == 0 && yv.Data >= 0, h.Mul(self, h.Function(Op.Log, h.Convert(xv, node.IsFloat32)))));
        var dx = h.Where(yv.Data == 0, h.Mul(g, h.Mul(yv, h.Pow(xv, h.SubScalar(yv, 1)))));
        return (dx, dy);
    }
}
