namespace GradScript.Autograd;

using System.Diagnostics;
using GradScript.Diagnostics;

/// <summary>
/// Anomaly detection, as PyTorch's <c>detect_anomaly</c> but pointing at the script: the first
/// recorded operation whose value is NaN or infinite is an error at the place it was written, and
/// so is the first operation through which backward's gradient becomes NaN or infinite — placed
/// where that operation was written in the forward pass, which the detector remembers for every
/// operation recorded while it is on (beside the node, in its block).
/// </summary>
internal sealed class AnomalyDetector
{
    public void Record(TrackedValue node, in SourceSpan at)
    {
        if (!double.IsFinite(node.Data))
            throw new ScriptRuntimeException($"anomaly: {Describe(node.Op)} gave {NonFinite(node.Data)}", at);
        var block = node.Block;
        (block.Places ??= new SourceSpan[block.Nodes.Length])[node.Index] = at;
    }

    /// <summary>
    /// The error if backward, passing a gradient on from <paramref name="node"/>, made an input's
    /// gradient NaN or infinite; null otherwise. A gradient that was already NaN or infinite was
    /// reported where it first became so.
    /// </summary>
    public ScriptRuntimeException? GradientAnomaly(TrackedValue node, in SourceSpan backwardAt)
    {
        if (!double.IsFinite(node.Grad)) return null;
        var input = node.A is { } a && !double.IsFinite(a.Grad) ? a
            : node.B is { } b && !double.IsFinite(b.Grad) ? b
            : (TrackedValue?)null;
        if (input is not { } bad) return null;
        // A node recorded while detection was off has no place: backward's own is given.
        var places = node.Block.Places;
        var place = places is not null && places[node.Index].Source is not null ? places[node.Index] : backwardAt;
        return new ScriptRuntimeException(
            $"anomaly in backward: the gradient through {Describe(node.Op)} became {NonFinite(bad.Grad)}", place);
    }

    // An operator as the script writes it ('*'), any other operation as a call (tanh()). Ops.Family
    // and Ops.Name throw for an operation they do not know.
    private static string Describe(Op op) => op switch
    {
        Op.Negate => "unary '-'",
        Op.HostFunction => "a host function",
        Op.Identity => "an argument",
        Op.Leaf => throw new UnreachableException("a leaf is not an operation"),
        _ => Ops.Family(op) is OpFamily.Arithmetic or OpFamily.Power ? $"'{Ops.Name(op)}'" : $"{Ops.Name(op)}()",
    };

    // The only numbers an anomaly shows, as Python writes them.
    private static string NonFinite(double x) =>
        double.IsNaN(x) ? "nan" : double.IsPositiveInfinity(x) ? "inf" : double.IsNegativeInfinity(x) ? "-inf"
            : throw new UnreachableException(x.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
