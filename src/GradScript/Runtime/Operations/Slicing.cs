namespace GradScript.Runtime;

using GradScript.Diagnostics;
using GradScript.Runtime.Nodes;

/// <summary>
/// Python's slice arithmetic (<c>PySlice_AdjustIndices</c>), for reading slices of lists and
/// strings, and for assigning and deleting slices of lists as <c>list_ass_subscript</c> does.
/// </summary>
internal static class Slicing
{
    /// <summary>A bound's value: an int (a bool counts as one), or null when left out or none.</summary>
    public static long? Bound(Code? code, Frame frame)
    {
        if (code is null) return null;
        var v = code.Eval(frame);
        if (v.IsNone) return null;
        if (v.IsInt || v.IsBool) return v.AsInt;
        throw new ScriptRuntimeException($"TypeError: slice indices must be integers or none, not {v.TypeName}", code.Span);
    }

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

    /// <summary>
    /// <c>xs[lower:upper:step] = value</c>: with step 1 the slice is replaced by the value's items,
    /// whatever their number; any other step needs exactly as many items as the slice selects.
    /// </summary>
    public static void Assign(ListValue list, long? lower, long? upper, long? step, Value value, Interpreter interpreter, in SourceSpan at)
    {
        var items = list.Items;
        var (start, s, count) = Indices(items.Count, lower, upper, step);
        if (!Iteration.IsIterable(value))
            throw new RuntimeError(s == 1 ? "TypeError: can only assign an iterable" : "TypeError: must assign iterable to extended slice");
        var source = Iteration.Items(value, interpreter, at);
        // `xs[a:b] = xs` reads the list before it changes.
        if (ReferenceEquals(source, items)) source = [.. source];
        if (s == 1)
        {
            // PySlice_AdjustIndices may leave stop before start: then nothing is replaced.
            long replaced = count;
            if (items.Count - replaced + source.Count > ListValue.MaxLength)
                throw new RuntimeError($"list too long (more than {ListValue.MaxLength} items)");
            interpreter.Limits.Reserve((long)Operators.ValueBytes * (items.Count - replaced + source.Count), at);
            items.RemoveRange((int)start, (int)replaced);
            items.InsertRange((int)start, source);
            return;
        }
        if (source.Count != count)
            throw new RuntimeError($"ValueError: attempt to assign sequence of size {source.Count} to extended slice of size {count}");
        for (int k = 0; k < count; k++) items[(int)(start + k * s)] = source[k];
    }

    /// <summary><c>del xs[lower:upper:step]</c>: the items the slice selects leave the list.</summary>
    public static void Delete(ListValue list, long? lower, long? upper, long? step)
    {
        var items = list.Items;
        var (start, s, count) = Indices(items.Count, lower, upper, step);
        if (count == 0) return;
        // The same items, walked upwards.
        if (s < 0) (start, s) = (start + (count - 1) * s, -s);
        if (s == 1)
        {
            items.RemoveRange((int)start, (int)count);
            return;
        }
        long last = start + (count - 1) * s;
        int kept = (int)start;
        for (long i = start; i < items.Count; i++)
        {
            if (i <= last && (i - start) % s == 0) continue;
            items[kept++] = items[(int)i];
        }
        items.RemoveRange(kept, items.Count - kept);
    }
}
