namespace GradScript.Autograd.Operations;

using System.Diagnostics;
using System.Numerics;

/// <summary>
/// The operations that pass a value or a gradient on: <see cref="Op.Identity"/> (a function
/// transform's argument, or a dtype conversion, whose gradient is converted back) and
/// <see cref="Op.Where"/> (a gradient masked to 0 or passed on, as max/min's choice and pow's edges
/// record it). Their derivatives are the same pass or mask.
/// </summary>
internal static class PassThrough
{
    /// <summary>The same value as a node of its own, in the dtype given (a recorded conversion when that differs).</summary>
    public static TrackedValue Identity(Tape tape, TrackedValue t, bool f32) => tape.Append(Op.Identity, f32 ? (float)t.Data : t.Data, f32, t);

    /// <summary>A gradient masked to 0 or passed on as it is (where/masked_fill with a constant mask).</summary>
    public static TrackedValue Where(Tape tape, TrackedValue g, bool masked) =>
        tape.Append(Op.Where, masked ? 0.0 : g.Data, g.IsFloat32, g, second: masked ? 1 : 0);

    private static bool IsMasked(TrackedValue node) => node.Constant != 0;

    /// <summary>g passed on, or masked.</summary>
    public static T Derivative<T>(TrackedValue node, T g) where T : IFloatingPointIeee754<T> => node.Op switch
    {
        Op.Identity => g,
        Op.Where => IsMasked(node) ? T.Zero : g,
        _ => throw new UnreachableException(node.Op.ToString()),
    };

    /// <summary>The same, recorded: a recorded gradient stays recorded through a mask.</summary>
    public static Term Recorded(HigherOrder h, TrackedValue node, Term g) => node.Op switch
    {
        Op.Identity => g,
        Op.Where => IsMasked(node) ? h.Masked(g) : g,
        _ => throw new UnreachableException(node.Op.ToString()),
    };
}
