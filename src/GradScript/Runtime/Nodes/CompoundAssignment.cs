namespace GradScript.Runtime.Nodes;

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
    public override Completion Exec(Frame frame)
    {
        var current = read.Eval(frame);
        var operand = value.Eval(frame);
        if (!InPlace.TryUpdate(op, current, operand, frame.Interpreter, opSpan))
            write.Set(frame, Operators.Arithmetic(op, current, operand, frame.Interpreter, opSpan));
        return Completion.Normal;
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

internal static class InPlace
{
    public static bool TryUpdate(BinaryOp op, Value current, Value operand, Interpreter interpreter, in SourceSpan at)
    {
        if (current.Reference is ListValue list && op == BinaryOp.Add)
        {
            try
            {
                var items = Iteration.Items(operand, interpreter, at);
                interpreter.Reserve((long)Operators.ValueBytes * (list.Count + items.Count), at);
                foreach (var item in ReferenceEquals(items, list.Items) ? items.ToList() : items) list.Add(item);
            }
            catch (RuntimeError e) { throw new ScriptRuntimeException(e.Message, at, hint: e.Hint); }
            return true;
        }
        if (current.Reference is ListValue repeated && op == BinaryOp.Multiply && (operand.IsInt || operand.IsBool))
        {
            var copies = Operators.RepeatList(repeated, operand.AsInt, interpreter, at);
            repeated.Items.Clear();
            repeated.Items.AddRange(copies.Items);
            return true;
        }
        if (!current.IsTracked || !current.AsTracked.IsLeaf) return false;
        var leaf = current.AsTracked;
        if (!operand.TryGetDouble(out double y) || operand.IsNone)
            throw Operators.Unsupported(op, current, operand, at);
        if (leaf.IsFloat32)
        {
            float x = (float)leaf.Data, fy = (float)y;
            leaf.Data = op switch
            {
                BinaryOp.Add => x + fy,
                BinaryOp.Subtract => x - fy,
                BinaryOp.Multiply => x * fy,
                _ => x / fy,
            };
        }
        else
        {
            leaf.Data = op switch
            {
                BinaryOp.Add => leaf.Data + y,
                BinaryOp.Subtract => leaf.Data - y,
                BinaryOp.Multiply => leaf.Data * y,
                _ => leaf.Data / y,
            };
        }
        interpreter.ChangedInPlace(leaf);
        return true;
    }
}
