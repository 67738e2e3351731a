namespace GradScript.Runtime.Tier;

using System.Runtime.CompilerServices;
using GradScript.Autograd;
using GradScript.Autograd.Operations;

/// <summary>
/// What compiled code calls to run the backward of an expression it has just recorded (see
/// <c>BodyCompiler.Backward.cs</c>): the guard of each recorded operation, the guard of the pass,
/// and each operation's step of the sweep. The formulas are the operations' own
/// (<c>Arithmetic.Derivative</c>, <c>Power.Derivative</c>), the ones the tape's sweep calls for the
/// same nodes, so the digits are the sweep's.
/// </summary>
internal static class KnownGraph
{
    /// <summary>
    /// Whether an operation the compiled code has just applied to <paramref name="a"/> and
    /// <paramref name="b"/> made what the compiled sweep expects: nothing tracked from plain operands,
    /// or a float64 node recorded by the direct path (<see cref="Nodes.TrackedArithmetic"/>) whose
    /// tracked inputs are float64 leaves or results of the expression's own operations
    /// (<paramref name="aIsOwn"/>, <paramref name="bIsOwn"/>, whose own guards vouch for them).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Fits(Op op, Value a, bool aIsOwn, Value b, bool bIsOwn, Value result)
    {
        bool ta = a.IsTracked, tb = b.IsTracked;
        if (!ta && !tb) return !result.IsTracked;
        // Not recorded (no_grad), or a power the direct path leaves to the general one (c ^ t, t ^ t).
        if (!result.IsTracked || op == Op.Power && tb) return false;
        return Operand(a, ta, aIsOwn) && Operand(b, tb, bIsOwn);
    }

    // A plain operand is one the direct path takes (a float or an int, not a bool); a tracked one
    // not made by the expression must be a float64 leaf, so the graph ends there.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Operand(Value v, bool tracked, bool own)
    {
        if (!tracked) return v.IsFloat || v.IsInt;
        if (own) return true;
        var t = v.AsTracked;
        return t.IsLeaf && !t.IsFloat32;
    }

    /// <summary>Whether <paramref name="callee"/> is still the builtin <c>backward</c>.</summary>
    public static bool IsBackward(Value callee) => ReferenceEquals(callee.Reference, Builtins.BackwardFunction);

    /// <summary>
    /// Whether <c>backward(argument)</c> may be the compiled sweep of <paramref name="root"/>, whose
    /// operations all fit: it is that node, and nothing the general pass does besides the sweep is
    /// asked for (anomaly detection, forgetting tracked gradients of a <c>create_graph</c> backward).
    /// </summary>
    public static bool CanSweep(Value argument, Value root, Frame frame)
    {
        var autograd = frame.Interpreter.Autograd;
        return argument.IsTracked && root.IsTracked && argument.AsTracked == root.AsTracked
            && !autograd.DetectAnomaly && !autograd.HasTrackedGradients;
    }

    /// <summary>The engine's backward pass, which each <see cref="Propagate"/> passes contributions to.</summary>
    public static Backpropagation Pass(Frame frame) => frame.Interpreter.Autograd.Backpropagation;

    /// <summary>Ends the pass as <see cref="AutogradState.Backward"/> ends one: a computation has ended on the tape.</summary>
    public static void EndPass(Frame frame) => frame.Interpreter.Autograd.Tape.ComputationEnded();

    /// <summary>
    /// One operation's step of the sweep, newest first: its gradient (complete, as every operation
    /// that read it is newer) passed on to its tracked operands, the left one first.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Propagate(Op op, Value a, Value b, Value result, Backpropagation sweep, int pass)
    {
        if (!result.IsTracked) return;
        var node = result.AsTracked;
        double g = node.Grad;
        bool ta = a.IsTracked, tb = b.IsTracked;
        double x = ta ? a.AsTracked.Data : Plain(a), y = tb ? b.AsTracked.Data : Plain(b);
        var (toA, toB) = op == Op.Power
            ? Power.Derivative(Power.Exponent.Plain(y), node.Data, g, x, y, wantLeft: true, wantRight: false)
            : Arithmetic.Derivative(op, g, x, y, wantLeft: ta, wantRight: tb);
        if (ta) sweep.Contribute(a.AsTracked, toA, pass);
        if (tb) sweep.Contribute(b.AsTracked, toB, pass);
    }

    // A plain operand as the direct path recorded it (an int converted to double).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Plain(Value v) => v.IsFloat ? v.AsFloat : v.AsInt;

    /// <summary>Whether <paramref name="callee"/> is still the builtin <c>grad</c>, whose answer for a tracked value is <see cref="Gradient"/>.</summary>
    public static bool IsGrad(Value callee) => ReferenceEquals(callee.Reference, Builtins.GradFunction);

    /// <summary><c>grad(t)</c>, as the builtin answers it, without the call.</summary>
    public static Value Gradient(Value argument, Frame frame) => Builtins.GradientOf(frame.Interpreter, argument.AsTracked);
}
