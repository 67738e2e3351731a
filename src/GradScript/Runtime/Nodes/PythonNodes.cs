namespace GradScript.Runtime.Nodes;

using GradScript.Diagnostics;

/// <summary><c>xs[lower:upper:step]</c> of a list or string, with Python's rules for the bounds.</summary>
internal sealed class SliceCode(Code target, Code? lower, Code? upper, Code? step, SourceSpan span) : Code(span)
{
    public override Value Eval(Frame frame)
    {
        var t = target.Eval(frame);
        var (a, b, c) = (Bound(lower, frame), Bound(upper, frame), Bound(step, frame));
        try
        {
            return t.Reference switch
            {
                ListValue list => Value.Object(new ListValue(Slicing.Take(list.Items, a, b, c))),
                string s => Value.String(Slicing.Take(s, a, b, c)),
                _ => throw new RuntimeError($"TypeError: '{t.TypeName}' object is not subscriptable by a slice"),
            };
        }
        catch (RuntimeError e) { throw new ScriptRuntimeException(e.Message, Span); }
    }

    private long? Bound(Code? code, Frame frame)
    {
        if (code is null) return null;
        var v = code.Eval(frame);
        if (v.IsNone) return null;
        if (v.IsInt || v.IsBool) return v.AsInt;
        throw new ScriptRuntimeException($"TypeError: slice indices must be integers or none, not {v.TypeName}", code.Span);
    }
}

/// <summary>Python's slice arithmetic (PySlice_AdjustIndices), for lists and strings.</summary>
internal static class Slicing
{
    /// <summary>The positions a slice of a sequence of <paramref name="length"/> items selects: first, step, count.</summary>
    public static (long Start, long Step, long Count) Indices(long length, long? lower, long? upper, long? step)
    {
        long s = step ?? 1;
        if (s == 0) throw new RuntimeError("ValueError: slice step cannot be zero");
        long start = Adjust(lower, length, s, s < 0 ? length - 1 : 0);
        long stop = Adjust(upper, length, s, s < 0 ? -1 : length);
        long count = s > 0
            ? (start < stop ? (stop - start - 1) / s + 1 : 0)
            : (stop < start ? (start - stop - 1) / -s + 1 : 0);
        return (start, s, count);
    }

    private static long Adjust(long? bound, long length, long step, long fallback)
    {
        if (bound is not { } i) return fallback;
        if (i < 0)
        {
            i += length;
            if (i < 0) i = step < 0 ? -1 : 0;
        }
        else if (i >= length) i = step < 0 ? length - 1 : length;
        return i;
    }

    public static List<Value> Take(List<Value> items, long? lower, long? upper, long? step)
    {
        var (start, s, count) = Indices(items.Count, lower, upper, step);
        var result = new List<Value>((int)count);
        for (long k = 0; k < count; k++) result.Add(items[(int)(start + k * s)]);
        return result;
    }

    // By code point, as strings index.
    public static string Take(string text, long? lower, long? upper, long? step)
    {
        bool plain = text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0;
        if (plain)
        {
            var (start, s, count) = Indices(text.Length, lower, upper, step);
            if (s == 1) return text.Substring((int)start, (int)count);
            var characters = new char[count];
            for (long k = 0; k < count; k++) characters[k] = text[(int)(start + k * s)];
            return new string(characters);
        }
        var runes = text.EnumerateRunes().ToArray();
        var (first, by, n) = Indices(runes.Length, lower, upper, step);
        var builder = new System.Text.StringBuilder();
        for (long k = 0; k < n; k++) builder.Append(runes[first + k * by].ToString());
        return builder.ToString();
    }
}

/// <summary><c>then if condition else otherwise</c>.</summary>
internal sealed class ConditionalCode(Code condition, Code then, Code otherwise, SourceSpan span) : Code(span)
{
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
/// <c>[element for … in … if …]</c>: runs its clauses in a frame of its own (its targets are its
/// locals), nesting each <c>for</c> in the ones before it, and collects the element's values.
/// </summary>
internal sealed class ComprehensionCode(int slotCount, ComprehensionCode.Clause[] clauses, Code element, SourceSpan span) : Code(span)
{
    /// <summary>A <c>for</c> (targets and iterable) or an <c>if</c> (condition).</summary>
    public readonly record struct Clause(Store? Targets, Code? Iterable, Code? Condition, SourceSpan Span);

    public override Value Eval(Frame frame)
    {
        // The first iterable belongs to the enclosing scope.
        var first = clauses[0].Iterable!.Eval(frame);
        var inner = new Frame(new Value[slotCount], frame, frame.Globals, frame.Interpreter);
        var result = new ListValue();
        Loop(inner, first, 0, result);
        return Value.Object(result);
    }

    private void Loop(Frame frame, Value source, int index, ListValue result)
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
    private void Rest(Frame frame, int index, ListValue result)
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
        try { result.Add(element.Eval(frame)); }
        catch (RuntimeError e) { throw new ScriptRuntimeException(e.Message, Span); }
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

/// <summary><c>del a, xs[i], d[k]</c>, left to right: a name becomes undefined, a list loses an item, a dict a key.</summary>
internal sealed class DeleteInstruction(DeleteInstruction.Target[] targets, SourceSpan span) : Instruction(span)
{
    /// <summary>A variable (<see cref="Variable"/>) or an item (<see cref="Container"/> and <see cref="Key"/>).</summary>
    public readonly record struct Target(Store? Variable, Code? Container, Code? Key, SourceSpan Span);

    public override Completion Exec(Frame frame)
    {
        foreach (var target in targets)
        {
            if (target.Variable is { } variable)
            {
                variable.Set(frame, default);
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
