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
        var family = Ops.Family(node.Op);
        if (node is TwoInputValue two)
        {
            var b = two.SecondInput;
            var (left, right) = Binary(family, node, g, T.CreateTruncating(a.Data), T.CreateTruncating(b.Data), wantLeft: true, wantRight: true);
            Add(a, left);
            Add(b, right);
            return;
        }
        if (Ops.TakesConstant(family))
        {
            if (node.ConstantOnLeft)
                Add(a, Binary(family, node, g, T.CreateTruncating(node.Constant), T.CreateTruncating(a.Data), wantLeft: false, wantRight: true).Right);
            else
                Add(a, Binary(family, node, g, T.CreateTruncating(a.Data), T.CreateTruncating(node.Constant), wantLeft: true, wantRight: false).Left);
            return;
        }
        Add(a, Unary(family, node, g, T.CreateTruncating(a.Data), T.CreateTruncating(node.Data)));
    }

    // The engine's input buffer: the first contribution is taken as it is (the sweep starts every
    // gradient at -0.0, and -0.0 + c is c for every c, signed zeros included), later ones added.
    private static void Add<T>(TrackedValue input, T contribution) where T : IFloatingPointIeee754<T>
    {
        double c = double.CreateTruncating(contribution);
        input.Grad = input.IsFloat32 ? (float)((float)input.Grad + (float)c) : input.Grad + c;
    }

    // (∂ through the left input, ∂ through the right one): x and y are the inputs' data or the constant.
    private static (T Left, T Right) Binary<T>(OpFamily family, TrackedValue node, T g, T x, T y, bool wantLeft, bool wantRight)
        where T : IFloatingPointIeee754<T> => family switch
    {
        OpFamily.Arithmetic => Arithmetic.Derivative(node.Op, g, x, y, wantLeft, wantRight),
        OpFamily.Power => Power.Derivative(node, g, x, y, wantLeft, wantRight),
        OpFamily.Extremes => Extremes.Derivative(node.Op, g, x, y),
        OpFamily.ActivationBackward => Activations.BackwardDerivative(node.Op, g, x, y),
        OpFamily.Host => Host.Derivative((TwoInputValue)node, g),
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
