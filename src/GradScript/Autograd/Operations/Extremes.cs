namespace GradScript.Autograd.Operations;

using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;

/// <summary>
/// torch.maximum and torch.minimum of two values: NaN wins; the gradient goes to the one chosen,
/// and a tie splits it in halves. The gradient is masked (replaced by 0), not multiplied by 0, so a
/// NaN or infinite upstream gradient does not leak to the side not chosen.
/// </summary>
internal static class Extremes
{
    /// <summary>The value, in T's precision.</summary>
    // The values and local derivatives are inlined: a generated adjoint (Adjoints/) calls them with a
    // constant operation, and the JIT folds the switch away, leaving the formula.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Value<T>(Op op, T x, T y) where T : IFloatingPointIeee754<T> => op switch
    {
        Op.Maximum => T.IsNaN(x) || T.IsNaN(y) ? T.NaN : x < y ? y : x,
        Op.Minimum => T.IsNaN(x) || T.IsNaN(y) ? T.NaN : y < x ? y : x,
        _ => throw new UnreachableException(op.ToString()),
    };

    /// <summary>(g·∂/∂x, g·∂/∂y): where(x == y, g / 2, g).masked_fill_(not chosen, 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (T Left, T Right) Derivative<T>(Op op, T g, T x, T y) where T : IFloatingPointIeee754<T> => op switch
    {
        Op.Maximum => (Masked(g, x, y, x < y), Masked(g, x, y, x > y)),
        Op.Minimum => (Masked(g, x, y, x > y), Masked(g, x, y, x < y)),
        _ => throw new UnreachableException(op.ToString()),
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Masked<T>(T g, T x, T y, bool notChosen) where T : IFloatingPointIeee754<T> =>
        notChosen ? T.Zero : x == y ? g / (T.One + T.One) : g;

    /// <summary>
    /// The same, recorded as libtorch records it for each side:
    /// <c>at::where(self == other, grad / 2, grad).masked_fill_(not chosen, 0)</c>, three nodes
    /// whatever the data (the next backward sends zeros back through the branches not taken).
    /// </summary>
    public static (Term Left, Term Right) Recorded(HigherOrder h, Op op, Term g, Term? x, Term? y, double c, Term zero)
    {
        double xData = x?.Data ?? c, yData = y?.Data ?? c;
        bool left = x is not null, right = y is not null;
        // other's formula first (see HigherOrder.Contributions).
        bool max = op switch
        {
            Op.Maximum => true,
            Op.Minimum => false,
            _ => throw new UnreachableException(op.ToString()),
        };
        var toY = right ? Side(h, g, xData, yData, max ? xData > yData : xData < yData) : zero;
        return (left ? Side(h, g, xData, yData, max ? xData < yData : xData > yData) : zero, toY);
    }

    private static Term Side(HigherOrder h, Term g, double x, double y, bool notChosen) =>
        h.Where(notChosen, h.Select(x == y, h.DivScalar(g, 2), g));
}
