namespace GradScript.Runtime;

using GradScript.Diagnostics;

/// <summary>Turning iterables (lists, ranges, strings) into items, for loops, destructuring and builtins.</summary>
internal static class Iteration
{
    /// <summary>The items of an iterable, materialised; limited to what a list may hold.</summary>
    public static List<Value> Items(Value source)
    {
        switch (source.Reference)
        {
            case ListValue list: return list.Items;
            case RangeValue range:
                long length = range.Length;
                if (length > ListValue.MaxLength) throw new RuntimeError($"range too long to materialise (more than {ListValue.MaxLength} items)");
                var items = new List<Value>((int)length);
                for (long i = 0; i < length; i++) items.Add(Value.Int(range[i]));
                return items;
            case string s: return Characters(s).ToList();
            case Terminal.ProgressLoop progress: return Items(progress.Source);
        }
        throw new RuntimeError($"{source.TypeName} is not iterable");
    }

    /// <summary>The characters of a string as one-character strings (whole code points).</summary>
    public static IEnumerable<Value> Characters(string s)
    {
        for (int i = 0; i < s.Length; i += char.IsSurrogatePair(s, i) ? 2 : 1)
            yield return Value.String(char.IsSurrogatePair(s, i) ? s.Substring(i, 2) : s[i].ToString());
    }

    public static List<Value> Unpack(Value value, int count, in SourceSpan at)
    {
        List<Value> items;
        try { items = Items(value); }
        catch (RuntimeError) { throw new ScriptRuntimeException($"cannot unpack {value.TypeName} into {count} names", at); }
        if (items.Count != count)
            throw new ScriptRuntimeException($"cannot unpack {items.Count} values into {count} names", at);
        return items;
    }
}
