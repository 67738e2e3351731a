namespace GradScript.Runtime.Nodes;

using GradScript.Diagnostics;

/// <summary><c>then if condition else otherwise</c>.</summary>
internal sealed class ConditionalCode(Code condition, Code then, Code otherwise, SourceSpan span) : Code(span)
{
    public Code Condition => condition;
    public Code Then => then;
    public Code Otherwise => otherwise;

    public override Value Eval(Frame frame) => condition.Eval(frame).IsTruthy ? then.Eval(frame) : otherwise.Eval(frame);
}

/// <summary><c>lambda params: body</c>: a new function value closing over this frame.</summary>
internal sealed class LambdaCode(FunctionProto proto, Code?[] defaults, SourceSpan span) : Code(span)
{
    public override Value Eval(Frame frame)
    {
        var values = new Value[defaults.Length];
        for (int i = 0; i < defaults.Length; i++)
        {
            if (defaults[i] is { } d) values[i] = d.Eval(frame);
        }
        return Value.Object(new ScriptFunction(proto, frame, values));
    }
}

/// <summary>
/// <c>[element for … in … if …]</c> and <c>{key: element for …}</c>: runs its clauses in a frame of
/// its own (its targets are its locals), nesting each <c>for</c> in the ones before it, and collects
/// the element's values into a list, or with their keys into a dict.
/// </summary>
internal sealed class ComprehensionCode(int slotCount, ComprehensionCode.Clause[] clauses, Code? key, Code element, SourceSpan span) : Code(span)
{
    /// <summary>A <c>for</c> (targets and iterable) or an <c>if</c> (condition).</summary>
    public readonly record struct Clause(Store? Targets, Code? Iterable, Code? Condition, SourceSpan Span);

    public override Value Eval(Frame frame)
    {
        // The first iterable belongs to the enclosing scope.
        var first = clauses[0].Iterable!.Eval(frame);
        var inner = new Frame(new Value[slotCount], frame, frame.Globals, frame.Interpreter);
        object result = key is null ? new ListValue() : new DictValue();
        Loop(inner, first, 0, result);
        return Value.Object(result);
    }

    private void Loop(Frame frame, Value source, int index, object result)
    {
        var clause = clauses[index];
        Iteration.Indexed items;
        try { items = Iteration.Indexed.Of(source, frame.Interpreter, clause.Span); }
        catch (RuntimeError e) { throw new ScriptRuntimeException(e.Message, clause.Span); }
        for (long i = 0; i < items.Count; i++)
        {
            clause.Targets!.Set(frame, items[i]);
            frame.Interpreter.Limits.Tick(Span);
            Rest(frame, index + 1, result);
        }
    }

    // The clauses after `index`, for the current values of the targets.
    private void Rest(Frame frame, int index, object result)
    {
        for (; index < clauses.Length; index++)
        {
            var clause = clauses[index];
            if (clause.Condition is { } condition)
            {
                if (!condition.Eval(frame).IsTruthy) return;
                continue;
            }
            Loop(frame, clause.Iterable!.Eval(frame), index, result);
            return;
        }
        if (key is null)
        {
            try { ((ListValue)result).Add(element.Eval(frame)); }
            catch (RuntimeError e) { throw new ScriptRuntimeException(e.Message, Span); }
            return;
        }
        var k = key.Eval(frame);
        var v = element.Eval(frame);
        try { ((DictValue)result).Set(k, v); }
        catch (RuntimeError e) { throw new ScriptRuntimeException(e.Message, key.Span); }
    }
}

/// <summary><c>{k: v, …}</c>: keys and values evaluated in order, key before value; a repeated key keeps its first place and its last value.</summary>
internal sealed class DictCode(Code[] keys, Code[] values, SourceSpan span) : Code(span)
{
    public override Value Eval(Frame frame)
    {
        var dict = new DictValue();
        for (int i = 0; i < keys.Length; i++)
        {
            var key = keys[i].Eval(frame);
            var value = values[i].Eval(frame);
            try { dict.Set(key, value); }
            catch (RuntimeError e) { throw new ScriptRuntimeException(e.Message, keys[i].Span); }
        }
        return Value.Object(dict);
    }
}

/// <summary><c>del a, xs[i], d[k], xs[a:b]</c>, left to right: a name becomes undefined, a list loses an item or a slice, a dict a key.</summary>
internal sealed class DeleteInstruction(DeleteInstruction.Target[] targets, SourceSpan span) : Instruction(span)
{
    /// <summary>A variable (<see cref="Variable"/>), an item (<see cref="Container"/> and <see cref="Key"/>) or a slice of a list.</summary>
    public readonly record struct Target(Store? Variable, Code? Container, Code? Key, SourceSpan Span, SliceStore? Slice = null);

    public override Completion Exec(Frame frame)
    {
        foreach (var target in targets)
        {
            if (target.Variable is { } variable)
            {
                variable.Set(frame, default);
                continue;
            }
            if (target.Slice is { } slice)
            {
                slice.Delete(frame);
                continue;
            }
            var container = target.Container!.Eval(frame);
            var key = target.Key!.Eval(frame);
            try { Remove(container, key); }
            catch (RuntimeError e) { throw new ScriptRuntimeException(e.Message, target.Span); }
        }
        return Completion.Normal;
    }

    private static void Remove(Value container, Value key)
    {
        switch (container.Reference)
        {
            case DictValue dict:
                if (!dict.Remove(key, out _)) throw new RuntimeError($"KeyError: {Formatter.Brief(key)}");
                return;
            case ListValue list:
                if (!key.IsInt && !key.IsBool) throw new RuntimeError($"TypeError: list indices must be integers, not {key.TypeName}");
                long i = key.AsInt < 0 ? key.AsInt + list.Count : key.AsInt;
                if (i < 0 || i >= list.Count) throw new RuntimeError("IndexError: list assignment index out of range");
                list.Items.RemoveAt((int)i);
                return;
        }
        throw new RuntimeError($"TypeError: '{container.TypeName}' object does not support item deletion");
    }
}
