namespace GradScript.Autograd.Operations;

using System.Numerics;

/// <summary>
/// A host's C# function of numbers with the host's partial derivatives. A node has at most two
/// inputs, so a function of several tracked arguments is a short chain of nodes carrying the same
/// value, one more input each: the first depends on its input with the host's derivative, each
/// later one on the previous node with derivative 1 and on its new input with the host's.
/// </summary>
internal static class Host
{
    /// <summary>The value, depending on <paramref name="t"/> with a host-given derivative.</summary>
    public static TrackedValue Node(Tape tape, TrackedValue t, double value, double derivative) =>
        t.IsFloat32
            ? tape.Append(Op.HostFunction, (float)value, true, t, second: (float)derivative)
            : tape.Append(Op.HostFunction, value, false, t, second: derivative);

    /// <summary>The same value, depending also on one more input <paramref name="t"/> (derivative 1 through <paramref name="previous"/>).</summary>
    public static TrackedValue Node(Tape tape, TrackedValue previous, TrackedValue t, double value, double derivative)
    {
        bool f32 = previous.IsFloat32 && t.IsFloat32;
        return tape.Append(Op.HostFunction, f32 ? (float)value : value, f32, previous, t, f32 ? (float)derivative : derivative);
    }

    /// <summary>g·∂/∂(the one input).</summary>
    public static T Derivative<T>(TrackedValue node, T g) where T : IFloatingPointIeee754<T> => g * T.CreateTruncating(node.HostDerivative);

    /// <summary>(g·1 through the previous node, g·∂/∂(the new input)) of a node with two inputs.</summary>
    public static (T Left, T Right) DerivativeOfTwo<T>(TrackedValue node, T g) where T : IFloatingPointIeee754<T> => (g, g * T.CreateTruncating(node.DB));

    /// <summary>The derivative with one input, recorded: the host's derivative is a constant.</summary>
    public static Term Recorded(HigherOrder h, TrackedValue node, Term g) => h.Mul(g, Term.Plain(node.HostDerivative, node.IsFloat32));

    /// <summary>The derivatives with two inputs, recorded.</summary>
    public static (Term Left, Term Right) RecordedOfTwo(HigherOrder h, TrackedValue node, Term g) => (g, h.Mul(g, Term.Plain(node.DB, node.IsFloat32)));
}
