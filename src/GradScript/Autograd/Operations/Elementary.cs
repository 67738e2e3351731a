namespace GradScript.Autograd.Operations;

using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;

/// <summary>
/// The elementary functions of one value — -x, abs, sgn (abs's derivative), exp, log, sqrt, sin,
/// cos, tan — each with its value (as libtorch's CPU kernel computes it), its local derivative
/// (PyTorch's formula, in the order it rounds) and its recorded derivative, side by side.
/// </summary>
internal static class Elementary
{
    /// <summary>The value, in T's precision.</summary>
    // The values and local derivatives are inlined: a generated adjoint (Adjoints/) calls them with a
    // constant operation, and the JIT folds the switch away, leaving the formula.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Value<T>(Op op, T x) where T : IFloatingPointIeee754<T> => op switch
    {
        Op.Negate => -x,
        Op.Abs => T.Abs(x),
        Op.Sign => x > T.Zero ? T.One : x < T.Zero ? -T.One : T.Zero,
        Op.Exp => Libm(Op.Exp, x),
        Op.Log => Libm(Op.Log, x),
        Op.Sqrt => T.Sqrt(x),
        Op.Sin => Libm(Op.Sin, x),
        Op.Cos => Libm(Op.Cos, x),
        Op.Tan => Libm(Op.Tan, x),
        _ => throw new UnreachableException(op.ToString()),
    };

    /// <summary>g·∂result/∂x, from the input <paramref name="x"/> and the <paramref name="result"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Derivative<T>(Op op, T g, T x, T result) where T : IFloatingPointIeee754<T>
    {
        T one = T.One;
        return op switch
        {
            Op.Negate => -g,
            // abs: g * sgn(x), sgn(x) = (0 < x) - (x < 0), so 0 at 0 and at NaN.
            Op.Abs => g * (x > T.Zero ? one : x < T.Zero ? -one : T.Zero),
            Op.Sign => T.Zero,
            Op.Exp => g * result,
            Op.Log => g / x,
            Op.Sqrt => g / ((one + one) * result),
            Op.Sin => g * Libm(Op.Cos, x),
            Op.Cos => g * -Libm(Op.Sin, x),
            Op.Tan => g * (result * result + one),
            _ => throw new UnreachableException(op.ToString()),
        };
    }

    /// <summary>The same formulas, recorded: <paramref name="a"/> is the input, <paramref name="self"/> the result.</summary>
    public static Term Recorded(HigherOrder h, Op op, Term g, Term a, Term self) => op switch
    {
        Op.Negate => h.Negate(g),
        Op.Abs => h.Mul(g, h.Function(Op.Sign, a)),
        // sgn_backward of a real input: an efficient zero tensor, which vanishes where it is added.
        Op.Sign => Term.EfficientZero(self.F32),
        Op.Exp => h.Mul(g, self),
        Op.Log => h.Div(g, a),
        Op.Sqrt => h.Div(g, h.MulScalar(self, 2)),
        Op.Sin => h.Mul(g, h.Function(Op.Cos, a)),
        Op.Cos => h.Mul(g, h.Negate(h.Function(Op.Sin, a))),
        Op.Tan => h.Mul(g, h.AddScalar(h.PowScalar(self, 2), 1)),
        _ => throw new UnreachableException(op.ToString()),
    };

    /// <summary>
    /// A libm function in float64, rounded for float32: libtorch computes a 0-dim exp, log, sin, cos,
    /// tan or tanh with MKL, whose float32 results are the correctly rounded ones nearly always;
    /// the C library's float32 functions are up to 2 ulp from those (tanhf), its float64 ones rounded
    /// to float32 are nearly always equal to them.
    /// </summary>
    /// <remarks>
    /// The function is named by its operation, not passed as a delegate: with a constant operation
    /// the switch folds away and the call is direct (a generated adjoint's kernel, the tape's nodes),
    /// where a delegate to a static method costs an indirect call and a shuffle thunk each time.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Libm<T>(Op f, T x) where T : IFloatingPointIeee754<T> =>
        T.CreateTruncating(Libm(f, double.CreateTruncating(x)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Libm(Op f, double x) => f switch
    {
        Op.Exp => Math.Exp(x),
        Op.Log => Math.Log(x),
        Op.Sin => Math.Sin(x),
        Op.Cos => Math.Cos(x),
        Op.Tan => Math.Tan(x),
        Op.Tanh => Math.Tanh(x),
        _ => throw new UnreachableException($"{f} is not a libm function"),
    };
}
