using System.Diagnostics;
using System.Numerics;
using GradScript.Autograd.Operations;

namespace GradScript.Autograd;

/// <summary>
/// The first-order backward engine, one node at a time: it reads the node's inputs and calls its
/// family's local derivative (<c>Autograd/Operations/</c>). The formulas are PyTorch's own
/// (tools/autograd/derivatives.yaml and FunctionsManual.cpp) in the order they round: division's
/// gradient divides (<c>g / b</c>, <c>-g * ((a / b) / b)</c>), sigmoid's is <c>g * (1 - y) * y</c>,
/// masks replace a gradient by 0 instead of multiplying it (relu, max/min, pow's edges), so a
/// NaN or infinite upstream gradient does not leak through a zero derivative. A float32 node
/// computes in float32; a float64 node's contribution to a float32 input is rounded to float32, as
/// the autograd engine casts a gradient to its input's dtype.
/// </summary>
internal static class Derivatives
{
    /// <summary>
    /// This node's contributions to its inputs' gradients, given its gradient <paramref name="grad"/>
    /// and its inputs' data <paramref name="x"/> and <paramref name="y"/> (y unused with one input):
    /// (to A, to B), each in the node's dtype. The caller adds them in the inputs' dtypes (see <see cref="Backpropagation"/>).
    /// </summary>
    public static (double ToA, double ToB) Contributions(TrackedValue node, double grad, double x, double y) =>
        node.IsFloat32 ? Contributions<float>(node, grad, x, y) : Contributions<double>(node, grad, x, y);

    private static (double, double) Contributions<T>(TrackedValue node, double grad, double xData, double yData) where T : IFloatingPointIeee754<T>
    {
        T g = T.CreateTruncating(grad);
        var family = Ops.Family(node.Op);
        if (node.HasTwoInputs)
        {
            var (left, right) = Binary(family, node, g, T.CreateTruncating(xData), T.CreateTruncating(yData), wantLeft: true, wantRight: true);
            return (double.CreateTruncating(left), double.CreateTruncating(right));
        }
        if (Ops.TakesConstant(family))
        {
            T toA = node.ConstantOnLeft
                ? Binary(family, node, g, T.CreateTruncating(node.Constant), T.CreateTruncating(xData), wantLeft: false, wantRight: true).Right
                : Binary(family, node, g, T.CreateTruncating(xData), T.CreateTruncating(node.Constant), wantLeft: true, wantRight: false).Left;
            return (double.CreateTruncating(toA), 0);
        }
        return (double.CreateTruncating(Unary(family, node, g, T.CreateTruncating(xData), T.CreateTruncating(node.Data))), 0);
    }

    /// <summary>
    /// Whether an efficient zero gradient (libtorch's <c>_efficientzerotensor</c>, which sgn's
    /// derivative gives) reaches each input of <paramref name="node"/> as an efficient zero again
    /// (left, right). It does where the formula multiplies it, divides it by a tensor or adds it;
    /// where the formula negates it, masks it (where, masked_fill, threshold_backward) or converts
    /// it, libtorch materialises it, and the input gets a real +0.0 or -0.0 from the formula.
    /// </summary>
    public static (bool Left, bool Right) EfficientZeroPasses(TrackedValue node) => node.Op switch
    {
        Op.Add or Op.Multiply or Op.Abs or Op.Sign or Op.Exp or Op.Log or Op.Sqrt or Op.Sin or Op.Cos or Op.Tan
            or Op.HostFunction => (true, true),
        // -grad for the subtrahend; -grad * (…) for a divisor, and for the reciprocal (c / x's first node).
        Op.Subtract => (true, false),
        Op.Divide => (!node.ConstantOnLeft, false),
        // pow_backward_self is a where; pow_backward_exponent multiplies; pow_backward by 0 is zeros_like.
        Op.Power => (!node.HasTwoInputs && node.Constant != 0, true),
        Op.TanhBackward or Op.SigmoidBackward => (false, true),
        Op.Identity => (node.IsFloat32 == node.A!.Value.IsFloat32, false),
        Op.Negate or Op.Maximum or Op.Minimum or Op.Tanh or Op.Sigmoid or Op.Relu or Op.ThresholdBackward or Op.Where or Op.Select => (false, false),
        Op.Leaf => throw new UnreachableException("a leaf passes nothing on"),
        _ => throw new UnreachableException(node.Op.ToString()),
    };

    /// <summary>
    /// The engine's input buffer: <paramref name="sum"/> plus a contribution <paramref name="c"/>, in
    /// the input's dtype. A first contribution is taken as it is (backward starts a gradient at -0.0
    /// in effect: -0.0 + c is c for every c, signed zeros included).
    /// </summary>
    public static double Accumulate(double sum, double c, bool float32) => float32 ? (float)((float)sum + (float)c) : sum + c;

    // (∂ through the left input, ∂ through the right one): x and y are the inputs' data or the constant.
    private static (T Left, T Right) Binary<T>(OpFamily family, TrackedValue node, T g, T x, T y, bool wantLeft, bool wantRight)
        where T : IFloatingPointIeee754<T> => family switch
    {
        OpFamily.Arithmetic => Arithmetic.Derivative(node.Op, g, x, y, wantLeft, wantRight),
        OpFamily.Power => Power.Derivative(node, g, x, y, wantLeft, wantRight),
        OpFamily.Extremes => Extremes.Derivative(node.Op, g, x, y),
        OpFamily.ActivationBackward => Activations.BackwardDerivative(node.Op, g, x, y),
        OpFamily.Host => Host.DerivativeOfTwo(node, g),
        OpFamily.PassThrough => PassThrough.DerivativeOfTwo(node, g),
        _ => throw new UnreachableException($"{node.Op} has not two inputs"),
    };

    private static T Unary<T>(OpFamily family, TrackedValue node, T g, T x, T result) where T : IFloatingPointIeee754<T> => family switch
    {
        OpFamily.Elementary => Elementary.Derivative(node.Op, g, x, result),
        OpFamily.Activation => Activations.Derivative(node.Op, g, result),
        OpFamily.Host => Host.Derivative(node, g),
        OpFamily.PassThrough => PassThrough.Derivative(node, g),
        _ => throw new UnreachableException($"{node.Op} has not one input"),
    };
}
