namespace GradScript.Autograd.Operations;

using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;

/// <summary>
/// tanh, sigmoid and relu, and the three backward operations their derivatives are made of when a
/// backward is recorded, as PyTorch records them: tanh_backward(g, y), sigmoid_backward(g, y) and
/// threshold_backward(g, y, 0), of a gradient g and the activation's result y. Each with its value,
/// local derivative and recorded derivative side by side.
/// </summary>
internal static class Activations
{
    /// <summary>The activation's value, in T's precision.</summary>
    // The values and local derivatives are inlined: a generated adjoint (Adjoints/) calls them with a
    // constant operation, and the JIT folds the switch away, leaving the formula.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Value<T>(Op op, T x) where T : IFloatingPointIeee754<T> => op switch
    {
        Op.Tanh => Elementary.Libm(Op.Tanh, x),
        // libtorch's sigmoid kernel calls exp in the tensor's own dtype.
        Op.Sigmoid => T.One / (T.One + T.Exp(-x)),
        // clamp_min(x, 0) as std::max(x, 0): NaN and -0.0 pass through.
        Op.Relu => x < T.Zero ? T.Zero : x,
        _ => throw new UnreachableException(op.ToString()),
    };

    /// <summary>The backward operation that is each activation's derivative, of a gradient and the result.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Op BackwardOf(Op op) => op switch
    {
        Op.Tanh => Op.TanhBackward,
        Op.Sigmoid => Op.SigmoidBackward,
        Op.Relu => Op.ThresholdBackward,
        _ => throw new UnreachableException(op.ToString()),
    };

    /// <summary>g·∂result/∂x, from the result alone: its backward operation's value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Derivative<T>(Op op, T g, T result) where T : IFloatingPointIeee754<T> => BackwardValue(BackwardOf(op), g, result);

    /// <summary>The derivative, recorded as its backward operation of g and the result (<paramref name="self"/>).</summary>
    public static Term Recorded(HigherOrder h, Op op, Term g, Term self) => h.BackwardOperation(BackwardOf(op), g, self);

    /// <summary>A backward operation's value, of the gradient <paramref name="g"/> and the result <paramref name="y"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T BackwardValue<T>(Op op, T g, T y) where T : IFloatingPointIeee754<T> => op switch
    {
        Op.TanhBackward => g * (T.One - y * y),
        Op.SigmoidBackward => g * (T.One - y) * y,
        // threshold_backward(g, y, 0): NaN passes the gradient on.
        Op.ThresholdBackward => y <= T.Zero ? T.Zero : g,
        _ => throw new UnreachableException(op.ToString()),
    };

    /// <summary>
    /// A backward operation's own derivatives (derivatives.yaml), upstream gradient <paramref name="g"/>:
    /// with respect to its gradient input <paramref name="x"/>, the same operation; with respect to
    /// y, -2·y·x·g for tanh, g·x·(1 - 2y) for sigmoid, 0 for threshold.
    /// </summary>
    public static (T Left, T Right) BackwardDerivative<T>(Op op, T g, T x, T y) where T : IFloatingPointIeee754<T> => (BackwardValue(op, g, y), op switch
    {
        Op.TanhBackward => g * (-(T.One + T.One) * y * x),
        Op.SigmoidBackward => g * x * (-(T.One + T.One) * y + T.One),
        Op.ThresholdBackward => T.Zero,
        _ => throw new UnreachableException(op.ToString()),
    });

    /// <summary>The same, recorded.</summary>
    public static (Term Left, Term Right) BackwardRecorded(HigherOrder h, Op op, Term g, Term x, Term y, Term zero) => op switch
    {
        Op.TanhBackward => (h.BackwardOperation(op, g, y), h.Mul(g, h.Mul(h.MulScalar(y, -2), x))),
        Op.SigmoidBackward => (h.BackwardOperation(op, g, y), SigmoidBackwardOutput(h, g, x, y)),
        Op.ThresholdBackward => (h.BackwardOperation(op, g, y), zero),
        _ => throw new UnreachableException(op.ToString()),
    };

    // PyTorch's grad * grad_output * (-2 * output + 1), recorded in the order libtorch's build
    // evaluates it: the right operand of the outer product first (see HigherOrder).
    private static Term SigmoidBackwardOutput(HigherOrder h, Term g, Term x, Term y)
    {
        var slope = h.AddScalar(h.MulScalar(y, -2), 1);
        return h.Mul(h.Mul(g, x), slope);
    }
}
