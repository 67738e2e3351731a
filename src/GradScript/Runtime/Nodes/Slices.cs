namespace GradScript.Runtime.Nodes;

using GradScript.Ast;
using GradScript.Diagnostics;

/// <summary><c>xs[lower:upper:step]</c> of a list or string, with Python's rules for the bounds.</summary>
internal sealed class SliceCode(Code target, Code? lower, Code? upper, Code? step, SourceSpan span) : Code(span)
{
    public override Value Eval(Frame frame)
    {
        var t = target.Eval(frame);
        var (a, b, c) = (Slicing.Bound(lower, frame), Slicing.Bound(upper, frame), Slicing.Bound(step, frame));
        try { return Read(t, a, b, c); }
        catch (RuntimeError e) { throw new ScriptRuntimeException(e.Message, Span); }
    }

    /// <summary>A new list or string: the items of <paramref name="target"/> the slice selects.</summary>
    public static Value Read(Value target, long? lower, long? upper, long? step) => target.Reference switch
    {
        ListValue list => Value.Object(new ListValue(Slicing.Take(list.Items, lower, upper, step))),
        string s => Value.String(Slicing.Take(s, lower, upper, step)),
        _ => throw new RuntimeError($"TypeError: '{target.TypeName}' object is not subscriptable by a slice"),
    };
}

/// <summary>
/// <c>xs[lower:upper:step] = v</c> and <c>del xs[lower:upper:step]</c> of a list: the target and
/// then the bounds are evaluated when the value is stored (after the value, as Python orders an
/// assignment), and the list changes in place, as Python's <c>list_ass_subscript</c> changes it.
/// </summary>
internal sealed class SliceStore(Code target, Code? lower, Code? upper, Code? step, SourceSpan span) : Store(span)
{
    public override void Set(Frame frame, Value value)
    {
        var list = Target(frame, "assignment", out var bounds);
        try { Slicing.Assign(list, bounds.Lower, bounds.Upper, bounds.Step, value, frame.Interpreter, Span); }
        catch (RuntimeError e) { throw new ScriptRuntimeException(e.Message, Span, hint: e.Hint); }
    }

    /// <summary><c>del xs[lower:upper:step]</c>.</summary>
    public void Delete(Frame frame)
    {
        var list = Target(frame, "deletion", out var bounds);
        try { Slicing.Delete(list, bounds.Lower, bounds.Upper, bounds.Step); }
        catch (RuntimeError e) { throw new ScriptRuntimeException(e.Message, Span, hint: e.Hint); }
    }

    // The list whose slice changes, and the slice's bounds.
    private ListValue Target(Frame frame, string change, out (long? Lower, long? Upper, long? Step) bounds)
    {
        var t = target.Eval(frame);
        bounds = (Slicing.Bound(lower, frame), Slicing.Bound(upper, frame), Slicing.Bound(step, frame));
        try { return Changeable(t, change); }
        catch (RuntimeError e) { throw new ScriptRuntimeException(e.Message, Span); }
    }

    /// <summary>The list whose slice is to change (by "assignment" or "deletion"); Python's TypeError for anything else.</summary>
    public static ListValue Changeable(Value target, string change) => target.Reference switch
    {
        ListValue list => list,
        // Python 3.11's slices are not hashable, so a dict refuses one as a key.
        DictValue => throw new RuntimeError("TypeError: unhashable type: 'slice'"),
        _ => throw new RuntimeError($"TypeError: '{target.TypeName}' object does not support item {change}"),
    };
}

/// <summary>
/// <c>xs[a:b] op= v</c>, evaluating <c>xs</c> and the bounds once, as Python does: the slice is read
/// (a new list), updated as <c>op=</c> updates a list (<c>+=</c> extends it), and assigned back.
/// </summary>
internal sealed class CompoundSliceInstruction(BinaryOp op, Code target, Code? lower, Code? upper, Code? step, Code value, SourceSpan span) : Instruction(span)
{
    public override Completion Exec(Frame frame)
    {
        var t = target.Eval(frame);
        var (a, b, c) = (Slicing.Bound(lower, frame), Slicing.Bound(upper, frame), Slicing.Bound(step, frame));
        try
        {
            var current = SliceCode.Read(t, a, b, c);
            var operand = value.Eval(frame);
            if (!InPlace.TryUpdate(op, current, operand, frame.Interpreter, Span))
                current = Operators.Arithmetic(op, current, operand, frame.Interpreter, Span);
            Slicing.Assign(SliceStore.Changeable(t, "assignment"), a, b, c, current, frame.Interpreter, Span);
        }
        catch (RuntimeError e) { throw new ScriptRuntimeException(e.Message, Span, hint: e.Hint); }
        return Completion.Normal;
    }
}
