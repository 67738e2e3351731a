using System.Diagnostics;
using System.Numerics;

namespace GradScript.Autograd;

/// <summary>
/// First-order backward, one node at a time, with PyTorch's own derivative formulas
/// (tools/autograd/derivatives.yaml and FunctionsManual.cpp) in the order they round: division's
/// gradient divides (<c>g / b</c>, <c>-g * ((a / b) / b)</c>), sigmoid's is <c>g * (1 - y) * y</c>,
/// masks replace a gradient by 0 instead of multiplying it (relu, max/min, pow's edges), so a
/// NaN or infinite upstream gradient does not leak through a zero derivative. A float32 node
/// computes in float32; a float64 node's contribution to a float32 input is rounded to float32, as
/// the autograd engine casts a gradient to its input's dtype.
/// </summary>
internal static class Derivatives
{
    /// <summary>Adds this node's contributions (from <see cref="TrackedValue.Grad"/>) to its inputs' gradients.</summary>
    public static void Propagate(TrackedValue node)
    {
        if (node.IsFloat32) Propagate<float>(node);
        else Propagate<double>(node);
    }

    private static void Propagate<T>(TrackedValue node) where T : IFloatingPointIeee754<T>
    {
        T g = T.CreateTruncating(node.Grad);
        var a = node.A!;
        if (node is TwoInputValue two)
        {
            var b = two.SecondInput;
            var (left, right) = Binary(node, g, T.CreateTruncating(a.Data), T.CreateTruncating(b.Data), two.DB, wantLeft: true, wantRight: true);
            Add(a, left);
            Add(b, right);
            return;
        }
        if (node.Op <= Op.Power || node.Op is Op.Maximum or Op.Minimum)
        {
            if (node.ConstantOnLeft)
                Add(a, Binary(node, g, T.CreateTruncating(node.Constant), T.CreateTruncating(a.Data), 0, wantLeft: false, wantRight: true).Right);
            else
                Add(a, Binary(node, g, T.CreateTruncating(a.Data), T.CreateTruncating(node.Constant), 0, wantLeft: true, wantRight: false).Left);
            return;
        }
        Add(a, Unary(node, g, T.CreateTruncating(a.Data), T.CreateTruncating(node.Data)));
    }

    // The engine's input buffer: the first contribution is taken as it is (the sweep starts every
    // gradient at -0.0, and -0.0 + c is c for every c, signed zeros included), later ones added.
    private static void Add<T>(TrackedValue input, T contribution) where T : IFloatingPointIeee754<T>
    {
        double c = double.CreateTruncating(contribution);
        input.Grad = input.IsFloat32 ? (float)((float)input.Grad + (float)c) : input.Grad + c;
    }

    private static (T Left, T Right) Binary<T>(TrackedValue node, T g, T x, T y, double db, bool wantLeft, bool wantRight)
        where T : IFloatingPointIeee754<T>
    {
        T zero = T.Zero;
        switch (node.Op)
        {
            case Op.Add: return (g, g);
            case Op.Subtract: return (g, -g);
            case Op.Multiply: return (g * y, g * x);
            case Op.Divide:
                if (!wantLeft)
                {
                    if (!wantRight) return (zero, zero);
                    // c / y is y.reciprocal() * c: MulBackward gives g * c, ReciprocalBackward -(·) * (r * r).
                    T r = T.One / y;
                    return (zero, -(g * x) * (r * r));
                }
                return (g / y, wantRight ? -g * (x / y / y) : zero);
            case Op.Power:
                return (wantLeft ? PowerBase(node, g, x, y) : zero, wantRight ? PowerExponent(node, g, x, y) : zero);
            case Op.Maximum: return (Extreme(g, x, y, x < y), Extreme(g, x, y, x > y));
            case Op.Minimum: return (Extreme(g, x, y, x > y), Extreme(g, x, y, x < y));
            case Op.HostFunction: return (g, g * T.CreateTruncating(db));
            // The backward operations, x the gradient they were given and y the result: PyTorch's
            // tanh_backward and sigmoid_backward formulas, and threshold_backward's (0 for y).
            case Op.TanhBackward: return (g * (T.One - y * y), g * (-(T.One + T.One) * y * x));
            case Op.SigmoidBackward: return (g * (T.One - y) * y, g * x * (-(T.One + T.One) * y + T.One));
            case Op.ThresholdBackward: return (y <= zero ? zero : g, zero);
            default: throw new UnreachableException(node.Op.ToString());
        }
    }

    // maximum/minimum: where(x == y, g / 2, g).masked_fill_(not chosen, 0).
    private static T Extreme<T>(T g, T x, T y, bool notChosen) where T : IFloatingPointIeee754<T> =>
        notChosen ? T.Zero : x == y ? g / (T.One + T.One) : g;

    // pow_backward (a Scalar exponent c, kept in double) and pow_backward_self (a tensor exponent).
    private static T PowerBase<T>(TrackedValue node, T g, T x, T y) where T : IFloatingPointIeee754<T>
    {
        if (node is TwoInputValue two)
        {
            // exponent - 1 is computed in the exponent's own dtype: a float32 exponent beside a float64
            // base is rounded there before the (promoted) pow.
            T yMinusOne = two.SecondInput.IsFloat32 ? T.CreateTruncating((float)double.CreateTruncating(y) - 1f) : y - T.One;
            return y == T.Zero ? T.Zero : g * (y * T.Pow(x, yMinusOne));
        }
        double c = node.Constant;
        return c == 0 ? T.Zero : g * (T.CreateTruncating(c) * Differentiable.PowerByScalar(x, c - 1));
    }

    // pow_backward_exponent: g * where(x == 0 and y >= 0, 0, result * log(x)); a Scalar base takes
    // its log in double, rounded to the exponent's dtype.
    private static T PowerExponent<T>(TrackedValue node, T g, T x, T y) where T : IFloatingPointIeee754<T>
    {
        T result = T.CreateTruncating(node.Data);
        if (node is TwoInputValue)
            return g * (x == T.Zero && y >= T.Zero ? T.Zero : result * Differentiable.Libm(Math.Log, x));
        double c = node.Constant;
        return g * (c == 0 && y >= T.Zero ? T.Zero : result * T.CreateTruncating(Math.Log(c)));
    }

    private static T Unary<T>(TrackedValue node, T g, T x, T result) where T : IFloatingPointIeee754<T>
    {
        T one = T.One;
        return node.Op switch
        {
            Op.Negate => -g,
            // abs: g * sgn(x), sgn(x) = (0 < x) - (x < 0), so 0 at 0 and at NaN.
            Op.Abs => g * (x > T.Zero ? one : x < T.Zero ? -one : T.Zero),
            Op.Exp => g * result,
            Op.Log => g / x,
            Op.Sqrt => g / ((one + one) * result),
            Op.Sin => g * Differentiable.Libm(Math.Cos, x),
            Op.Cos => g * -Differentiable.Libm(Math.Sin, x),
            Op.Tan => g * (result * result + one),
            Op.Tanh => g * (one - result * result),
            Op.Sigmoid => g * (one - result) * result,
            // threshold_backward(g, result, 0): NaN passes the gradient on.
            Op.Relu => result <= T.Zero ? T.Zero : g,
            Op.HostFunction => g * T.CreateTruncating(node.HostDerivative),
            Op.Identity => g,
            Op.Sign => T.Zero,
            Op.Where => node.Constant != 0 ? T.Zero : g,
            _ => throw new UnreachableException(node.Op.ToString()),
        };
    }
}
