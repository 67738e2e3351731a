namespace GradScript.Autograd.Operations;

using System.Diagnostics;
using System.Numerics;

/// <summary>
/// The operations that pass a value or a gradient on: <see cref="Op.Identity"/> (a function
/// transform's argument, or a dtype conversion, whose gradient is converted back),
/// <see cref="Op.Where"/> (a gradient masked to 0 or passed on: where(mask, 0, g) and
/// masked_fill(mask, 0) in pow's and max/min's derivatives) and <see cref="Op.Select"/> (where(c, a, b)
/// of two gradients, max/min's choice between half a gradient and the whole). Their derivatives are
/// the same pass, mask or choice; the side not chosen gets a real zero, as libtorch's where gives it.
/// </summary>
internal static class PassThrough
{
    /// <summary>The same value as a node of its own, in the dtype given (a recorded conversion when that differs).</summary>
    public static TrackedValue Identity(Tape tape, TrackedValue t, bool f32) => tape.Append(Op.Identity, f32 ? (float)t.Data : t.Data, f32, t);

    /// <summary>A gradient masked to 0 or passed on as it is (where/masked_fill with a constant mask).</summary>
    public static TrackedValue Where(Tape tape, TrackedValue g, bool masked) =>
        tape.Append(Op.Where, masked ? 0.0 : g.Data, g.IsFloat32, g, second: masked ? 1 : 0);

    /// <summary>where(takeA, a, b) of two tracked values, promoted as libtorch promotes them.</summary>
    public static TrackedValue Select(Tape tape, TrackedValue a, TrackedValue b, bool takeA)
    {
        bool f32 = a.IsFloat32 && b.IsFloat32;
        return tape.Append(Op.Select, takeA ? a.Data : b.Data, f32, a, b, second: takeA ? 1 : 0);
    }

    private static bool IsMasked(TrackedValue node) => node.Second != 0;

    private static bool TakesA(TrackedValue node) => node.Second != 0;

    /// <summary>g passed on, or masked.</summary>
    public static T Derivative<T>(TrackedValue node, T g) where T : IFloatingPointIeee754<T> => node.Op switch
    {
        Op.Identity => g,
        Op.Where => IsMasked(node) ? T.Zero : g,
        _ => throw new UnreachableException(node.Op.ToString()),
    };

    /// <summary>A choice's (to A, to B): where(c, g, 0) and where(c, 0, g).</summary>
    public static (T Left, T Right) DerivativeOfTwo<T>(TrackedValue node, T g) where T : IFloatingPointIeee754<T> => node.Op switch
    {
        Op.Select => TakesA(node) ? (g, T.Zero) : (T.Zero, g),
        _ => throw new UnreachableException(node.Op.ToString()),
    };

    /// <summary>The same, recorded: a recorded gradient goes through a recorded mask, as libtorch's where records one.</summary>
    public static Term Recorded(HigherOrder h, TrackedValue node, Term g) => node.Op switch
    {
        Op.Identity => g,
        Op.Where => h.Where(IsMasked(node), g),
        _ => throw new UnreachableException(node.Op.ToString()),
    };

    /// <summary>A choice's derivatives, recorded: where(c, 0, g) for other first, then where(c, g, 0) (see HigherOrder.Contributions).</summary>
    public static (Term Left, Term Right) RecordedOfTwo(HigherOrder h, TrackedValue node, Term g)
    {
        if (node.Op != Op.Select) throw new UnreachableException(node.Op.ToString());
        var toB = h.Where(TakesA(node), g);
        return (h.Where(!TakesA(node), g), toB);
    }
}
