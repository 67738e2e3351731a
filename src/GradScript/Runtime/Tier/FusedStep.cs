namespace GradScript.Runtime.Tier;

using System.Runtime.CompilerServices;
using GradScript.Autograd;
using GradScript.Autograd.Operations;

/// <summary>
/// What a fused training step calls (see <c>BodyCompiler.Fused.cs</c>): the guards at the step's
/// entry, the derivative formulas on doubles, the leaves' gradients and updates, and, when the
/// loop is left or a guard fails, the writing of the last step's nodes. Every formula is the one
/// the recorded path runs (<see cref="Arithmetic.Derivative"/>, <c>Power.Derivative</c>,
/// <see cref="Nodes.InPlace"/>'s float64 update), so the digits are the recorded path's.
/// </summary>
internal static class FusedStep
{
    /// <summary>
    /// Whether steps may run fused, as far as what only script code changes goes: recording on, no
    /// anomaly detection, no tracked gradients of a <c>create_graph</c> backward, <c>backward</c>
    /// (and, when the step reads gradients, <c>grad</c>) still the builtins. Each step then asks for
    /// room for its operations under the graph-size limit, so that none of them would raise.
    /// </summary>
    public static bool Ready(AutogradState autograd, Value backward, Value grad, bool readsGrad) =>
        autograd.IsRecording && !autograd.DetectAnomaly && !autograd.HasTrackedGradients
        && KnownGraph.IsBackward(backward) && (!readsGrad || KnownGraph.IsGrad(grad));

    /// <summary>A tracked float64 leaf (a param): what the step may differentiate and update.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsLeaf(Value v)
    {
        if (!v.IsTracked) return false;
        var t = v.AsTracked;
        return t.IsLeaf && !t.IsFloat32;
    }

    /// <summary>An operand the recorded path takes as it is: a float64 leaf, a float or an int (not a bool).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsOperand(Value v) => v.IsFloat || v.IsInt || IsLeaf(v);

    /// <summary>An operand's number: a leaf's data, a float, an int converted as the recorded path converts it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Number(Value v) => v.IsTracked ? v.AsTracked.Data : v.IsFloat ? v.AsFloat : v.AsInt;

    /// <summary><c>t ^ c</c> of a float64 base and a plain exponent, as the direct path computes it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Power(double x, double c) => GradScript.Autograd.Operations.Power.ByScalar(x, c);

    /// <summary>∂/∂left of an operation (times <paramref name="g"/>), as <see cref="KnownGraph.Propagate"/> computes it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ToLeft(Op op, double g, double x, double y, double result, bool leftTracked, bool rightTracked) => op == Op.Power
        ? GradScript.Autograd.Operations.Power.Derivative(GradScript.Autograd.Operations.Power.Exponent.Plain(y), result, g, x, y, wantLeft: true, wantRight: false).Left
        : Arithmetic.Derivative(op, g, x, y, leftTracked, rightTracked).Left;

    /// <summary>∂/∂right of an operation other than a power (times <paramref name="g"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ToRight(Op op, double g, double x, double y, bool leftTracked, bool rightTracked) =>
        Arithmetic.Derivative(op, g, x, y, leftTracked, rightTracked).Right;

    /// <summary>A leaf's contribution in pass <paramref name="pass"/>; nothing for a plain operand.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Contribute(Backpropagation sweep, Value operand, double contribution, int pass)
    {
        if (operand.IsTracked) sweep.Contribute(operand.AsTracked, contribution, pass);
    }

    /// <summary>A leaf's gradient, as <c>grad(p)</c> answers it without tracked gradients.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Gradient(Value leaf) => leaf.AsTracked.Grad;

    /// <summary><c>p += y</c> or <c>p -= y</c> on a float64 leaf, as <see cref="Nodes.InPlace"/> updates it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Update(AutogradState autograd, Value leaf, bool subtract, double y)
    {
        var t = leaf.AsTracked;
        t.Data = subtract ? t.Data - y : t.Data + y;
        autograd.ChangedInPlace(t);
    }

    /// <summary>The step's operations, counted against the graph-size limit as if recorded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Count(AutogradState autograd, int operations) => autograd.CountUnrecorded(operations);

    /// <summary>Before the last step's nodes are written: the backward of the step before ended a computation.</summary>
    public static void BeginWriting(AutogradState autograd) => autograd.Tape.ComputationEnded();

    /// <summary>
    /// One of the last step's nodes, on the tape as <see cref="Nodes.TrackedArithmetic"/> would have
    /// recorded it from these operands (each a node, a leaf or a plain number) and this value.
    /// Its count against the graph-size limit was taken when the step ran.
    /// </summary>
    public static Value Write(AutogradState autograd, Op op, double data, Value a, Value b)
    {
        var tape = autograd.Tape;
        if (a.IsTracked && b.IsTracked) return Value.Object(tape.Append(op, data, float32: false, a.AsTracked, b.AsTracked));
        if (a.IsTracked) return Value.Object(tape.Append(op, data, float32: false, a.AsTracked, second: Number(b), constantOnLeft: false));
        return Value.Object(tape.Append(op, data, float32: false, b.AsTracked, second: Number(a), constantOnLeft: true));
    }

    /// <summary>A written node's gradient and mark from the pass that reached it.</summary>
    public static void Restore(Backpropagation sweep, Value node, double gradient, int pass) => sweep.Restore(node.AsTracked, gradient, pass);

    /// <summary>
    /// After the last step's nodes: its backward ended a computation, and the leaves it updated were
    /// changed after its nodes, so a backward of them refuses as it would have.
    /// </summary>
    public static void EndWriting(AutogradState autograd) => autograd.Tape.ComputationEnded();

    /// <summary>A leaf the last step updated, marked changed after that step's nodes.</summary>
    public static void Changed(AutogradState autograd, Value leaf) => autograd.ChangedInPlace(leaf.AsTracked);

    /// <summary>The engine's autograd state, read once as a fused loop begins.</summary>
    public static AutogradState Autograd(Frame frame) => frame.Interpreter.Autograd;
}
