namespace GradScript.Runtime.Nodes;

using System.Text;
using GradScript.Diagnostics;

internal sealed class ListCode(Code[] items, SourceSpan span) : Code(span)
{
    public override Value Eval(Frame frame)
    {
        var values = new List<Value>(items.Length);
        foreach (var item in items) values.Add(item.Eval(frame));
        return Value.Object(new ListValue(values));
    }
}

/// <summary><c>a..b</c>: a lazy range of ints.</summary>
internal sealed class RangeCode(Code start, Code stop, SourceSpan span) : Code(span)
{
    public Code Start => start;
    public Code Stop => stop;

    public override Value Eval(Frame frame)
    {
        var a = start.Eval(frame);
        var b = stop.Eval(frame);
        Length(a, b);
        return Value.Object(new RangeValue(a.AsInt, b.AsInt, 1));
    }

    /// <summary>
    /// How many numbers <c>a..b</c> yields, with <see cref="Eval"/>'s errors: the compiled tier walks
    /// a <c>for</c> over it from these bounds, with no range object.
    /// </summary>
    public long Length(Value a, Value b)
    {
        if (!(a.IsInt || a.IsBool) || !(b.IsInt || b.IsBool))
            throw new ScriptRuntimeException($"range bounds must be integers, not {a.TypeName} and {b.TypeName}", Span);
        if (b.AsInt <= a.AsInt) return 0;
        // The difference as unsigned is exact; RangeValue refuses the same lengths with the same words.
        ulong length = (ulong)(b.AsInt - a.AsInt);
        return length <= long.MaxValue ? (long)length : throw new ScriptRuntimeException($"range too long (more than {long.MaxValue} items)", Span);
    }
}

internal sealed class IndexCode(Code target, Code key, SourceSpan span) : Code(span)
{
    public Code Target => target;
    public Code Key => key;

    public override Value Eval(Frame frame) => Apply(target.Eval(frame), key.Eval(frame));

    /// <summary><c>t[k]</c> of evaluated operands (the compiled tier's entry, too).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public Value Apply(Value t, Value k) =>
        t.Reference is ListValue list && k.IsInt && (ulong)k.AsInt < (ulong)list.Count ? list[(int)k.AsInt] : Get(t, k);

    // Apart, so that the list case above inlines (a method that catches does not).
    private Value Get(Value t, Value k)
    {
        try { return Indexing.Get(t, k); }
        catch (RuntimeError e) { throw new ScriptRuntimeException(e.Message, Span, hint: e.Hint); }
    }
}

/// <summary>An f-string: literal pieces and formatted values, joined.</summary>
internal sealed class FStringCode(FStringCode.Piece[] pieces, SourceSpan span) : Code(span)
{
    /// <summary>
    /// Text, or a value with its spec: fixed, or computed by <paramref name="Spec"/> (<c>{x:.{n}f}</c>);
    /// a conversion (<c>'s'</c>, <c>'r'</c>, <c>'a'</c>) turns the value into text before the spec.
    /// </summary>
    public readonly record struct Piece(string? Text, Code? Value, string? FormatSpec, Code? Spec = null, char Conversion = '\0');

    public override Value Eval(Frame frame)
    {
        var builder = new StringBuilder();
        foreach (var piece in pieces)
        {
            if (piece.Text is not null) builder.Append(piece.Text);
            else
            {
                var value = piece.Value!.Eval(frame);
                var at = piece.Value.Span;
                string? spec = piece.Spec is null ? piece.FormatSpec : (string)piece.Spec.Eval(frame).Reference!;
                // An empty spec is str(), as in Python: f"{true:}" is "true", not an int's "1".
                try { builder.Append(Field(value, piece.Conversion, spec, frame.Interpreter, at)); }
                catch (RuntimeError e) { throw new ScriptRuntimeException(e.Message, at, hint: e.Hint); }
                catch (FormatException e) { throw new ScriptRuntimeException(e.Message, at); }
            }
            if (builder.Length > Operators.MaxStringLength)
                throw new ScriptRuntimeException($"string too long (more than {Operators.MaxStringLength} characters)", Span);
        }
        frame.Interpreter.Limits.Reserve(2L * builder.Length, Span);
        return Value.String(builder.ToString());
    }

    // A field's text: the value converted (`!s` is str, `!r` repr, `!a` ascii), then formatted by the spec.
    private static string Field(Value value, char conversion, string? spec, Interpreter interpreter, in SourceSpan at)
    {
        if (conversion == '\0') return string.IsNullOrEmpty(spec) ? Formatter.Str(value, interpreter, at) : Format(value, spec, interpreter, at);
        string text = conversion switch
        {
            's' => Formatter.Str(value, interpreter, at),
            'r' => Formatter.Repr(value, interpreter, at),
            'a' => Formatter.Ascii(value, interpreter, at),
            _ => throw new System.Diagnostics.UnreachableException(),
        };
        return string.IsNullOrEmpty(spec) ? text : NumberFormat.FormatString(text, spec);
    }

    /// <summary>A value formatted by a format spec, as an f-string field or str.format formats it.</summary>
    internal static string Format(Value value, string spec, Interpreter interpreter, in SourceSpan at)
    {
        if (value.IsInt || value.IsBool) return NumberFormat.Format(value.AsInt, spec);
        if (value.TryGetDouble(out double d) && !value.IsNone) return NumberFormat.Format(d, spec);
        return NumberFormat.FormatString(Formatter.Str(value, interpreter, at), spec);
    }
}
