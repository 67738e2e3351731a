namespace GradScript.Runtime.Nodes;

using System.Diagnostics;
using System.Runtime.CompilerServices;
using GradScript.Ast;
using GradScript.Autograd;
using GradScript.Diagnostics;

/// <summary>
/// <c>x op= v</c> (docs/language.md §7): on a leaf parameter, an unrecorded in-place update of its data
/// that every reference to the leaf sees (an optimizer step); <c>xs += ys</c> extends the list xs
/// in place and <c>xs *= n</c> repeats it in place, as in Python; on anything else, <c>x = x op v</c>.
/// </summary>
internal sealed class CompoundAssignInstruction(BinaryOp op, Code read, Store write, Code value, SourceSpan opSpan, SourceSpan span) : Instruction(span)
{
    public BinaryOp Operator => op;
    public Code Read => read;
    public Code Operand => value;

    public override Completion Exec(Frame frame)
    {
        Apply(read.Eval(frame), value.Eval(frame), frame);
        return Completion.Normal;
    }

    /// <summary>The update with its operands evaluated (the compiled tier's entry, too).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(Value current, Value operand, Frame frame)
    {
        if (!InPlace.TryUpdate(op, current, operand, frame.Interpreter, opSpan))
            write.Set(frame, Operators.Arithmetic(op, current, operand, frame.Interpreter, opSpan));
    }
}

/// <summary><c>xs[i] op= v</c>, evaluating <c>xs</c> and <c>i</c> once.</summary>
internal sealed class CompoundIndexInstruction(BinaryOp op, Code target, Code key, Code value, SourceSpan opSpan, SourceSpan span) : Instruction(span)
{
    public override Completion Exec(Frame frame)
    {
        var t = target.Eval(frame);
        var k = key.Eval(frame);
        try
        {
            var current = Indexing.Get(t, k);
            var operand = value.Eval(frame);
            if (!InPlace.TryUpdate(op, current, operand, frame.Interpreter, opSpan))
                Indexing.Set(t, k, Operators.Arithmetic(op, current, operand, frame.Interpreter, opSpan));
        }
        catch (RuntimeError e) { throw new ScriptRuntimeException(e.Message, Span, hint: e.Hint); }
        return Completion.Normal;
    }
}

/// <summary>The in-place half of <c>x op= v</c>; the operator's row of <see cref="OperatorTable"/> says what it does to a list.</summary>
internal static class InPlace
{
    public static bool TryUpdate(BinaryOp op, Value current, Value operand, Interpreter interpreter, in SourceSpan at)
    {
        // A param first: `p -= c * grad(p)` is the optimizer step of every training loop.
        if (current.IsTracked) return TryUpdateLeaf(op, current, operand, interpreter, at);
        if (current.Reference is not ListValue list) return false;
        switch (OperatorTable.Of(op).InPlace)
        {
            case ListInPlace.Extend:
                Extend(list, operand, interpreter, at);
                return true;
            case ListInPlace.Repeat when operand.IsInt || operand.IsBool:
                var copies = Operators.RepeatList(list, operand.AsInt, interpreter, at);
                list.Items.Clear();
                list.Items.AddRange(copies.Items);
                return true;
            case ListInPlace.Repeat or ListInPlace.None:
                return false;
            default:
                throw new UnreachableException(op.ToString());
        }
    }

    // A leaf is updated in place (backward then refuses a graph recorded before the change); any
    // other tracked value is rebound to a new node by the caller.
    private static bool TryUpdateLeaf(BinaryOp op, Value current, Value operand, Interpreter interpreter, in SourceSpan at)
    {
        var leaf = current.AsTracked;
        if (!leaf.IsLeaf) return false;
        if (!operand.TryGetDouble(out double y) || operand.IsNone)
            throw Operators.Unsupported(op, current, operand, at);
        // A float32 leaf computes in float32: its operand is rounded first, and the double result
        // rounded back is float32's own for + - * / (double has over twice float32's precision).
        leaf.Data = leaf.IsFloat32
            ? (float)Operators.FloatArithmetic(op, leaf.Data, (float)y, at).AsFloat
            : Operators.FloatArithmetic(op, leaf.Data, y, at).AsFloat;
        interpreter.Autograd.ChangedInPlace(leaf);
        return true;
    }

    private static void Extend(ListValue list, Value operand, Interpreter interpreter, in SourceSpan at)
    {
        try
        {
            var items = Iteration.Items(operand, interpreter, at);
            interpreter.Limits.Reserve((long)Operators.ValueBytes * (list.Count + items.Count), at);
            foreach (var item in ReferenceEquals(items, list.Items) ? items.ToList() : items) list.Add(item);
        }
        catch (RuntimeError e) { throw new ScriptRuntimeException(e.Message, at, hint: e.Hint); }
    }
}
