namespace GradScript.Runtime;

/// <summary>
/// <c>xs[i]</c> for lists, strings and ranges: 0-based, negative indices count from the end, and an
/// index out of range is an error, as in Python.
/// </summary>
internal static class Indexing
{
    public static Value Get(Value target, Value key)
    {
        switch (target.Reference)
        {
            case ListValue list: return list[Position(key, list.Count, "list")];
            case DictValue dict: return dict[key];
            case string s: return Value.String(CodePointAt(s, key));
            case RangeValue range:
                long length = range.Length;
                return Value.Int(range[PositionLong(key, length, "range")]);
        }
        throw new RuntimeError($"{target.TypeName} is not indexable");
    }

    public static void Set(Value target, Value key, Value value)
    {
        if (target.Reference is ListValue list)
        {
            list.Items[Position(key, list.Count, "list")] = value;
            return;
        }
        if (target.Reference is DictValue dict)
        {
            dict.Set(key, value);
            return;
        }
        throw new RuntimeError(target.Reference is string
            ? "strings are immutable: an item cannot be assigned"
            : $"{target.TypeName} does not support item assignment");
    }

    // Strings index by code point, as Python's do (and as len counts): "a😀b"[2] is "b".
    private static string CodePointAt(string s, Value key)
    {
        if (s.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0) return s[Position(key, s.Length, "string")].ToString();
        var runes = s.EnumerateRunes().ToArray();
        return runes[Position(key, runes.Length, "string")].ToString();
    }

    private static int Position(Value key, int count, string kind) => (int)PositionLong(key, count, kind);

    private static long PositionLong(Value key, long count, string kind)
    {
        if (!key.IsInt && !key.IsBool) throw new RuntimeError($"{kind} indices must be integers, not {key.TypeName}");
        long i = key.AsInt;
        if (i < 0) i += count;
        if (i < 0 || i >= count) throw new RuntimeError($"{kind} index out of range");
        return i;
    }
}
