namespace GradScript.Runtime;

using System.Runtime.CompilerServices;
using GradScript.Diagnostics;

/// <summary>Turning iterables (lists, ranges, strings) into items, for loops, destructuring and builtins.</summary>
internal static class Iteration
{
    /// <summary>Items materialised between two looks at the limits.</summary>
    private const int CheckInterval = 1 << 16;

    /// <summary>
    /// Large lists start at this capacity and grow, so that the work done before a look at the
    /// limits is never one allocation of the whole.
    /// </summary>
    private const int InitialCapacity = 1 << 16;

    /// <summary>Whether <see cref="Items"/> takes the value: a list, dict, range or string.</summary>
    public static bool IsIterable(Value source) => source.Reference is ListValue or DictValue or RangeValue or string or Terminal.ProgressLoop;

    /// <summary>
    /// The items of an iterable, materialised (at most <paramref name="max"/> of them); limited to
    /// what a list may hold. With an interpreter, a large materialisation looks at the memory limit
    /// first and at every limit as it goes, as at <paramref name="at"/>.
    /// </summary>
    public static List<Value> Items(Value source, Interpreter? limits = null, SourceSpan at = default, long max = long.MaxValue)
    {
        switch (source.Reference)
        {
            case ListValue list: return max >= list.Count ? list.Items : list.Items.GetRange(0, (int)max);
            case DictValue dict:
                var keys = new List<Value>((int)Math.Min(dict.Count, max));
                for (int i = 0; i < keys.Capacity; i++) keys.Add(dict.KeyAt(i));
                return keys;
            case RangeValue range:
                long length = Math.Min(range.Length, max);
                if (length > ListValue.MaxLength) throw new RuntimeError($"range too long to materialise (more than {ListValue.MaxLength} items)");
                limits?.Limits.Reserve(Operators.ValueBytes * length, at);
                var items = new List<Value>((int)Math.Min(length, InitialCapacity));
                for (long i = 0; i < length; i++)
                {
                    items.Add(Value.Int(range[i]));
                    if ((i & (CheckInterval - 1)) == CheckInterval - 1) limits?.Limits.CheckLimits(at);
                }
                return items;
            case string s:
                if (max >= ListValue.MaxLength && s.Length > ListValue.MaxLength && CodePoints(s) > ListValue.MaxLength)
                    throw new RuntimeError($"string too long to materialise (more than {ListValue.MaxLength} characters)");
                // Only as much of the string as the items taken need is looked at.
                int units = (int)Math.Min(s.Length, Math.Min(max, int.MaxValue / 2) * 2);
                bool plain = s.AsSpan(0, units).IndexOfAnyInRange('\uD800', '\uDFFF') < 0;
                long capacity = Math.Min(max, s.Length);
                limits?.Limits.Reserve(Operators.ValueBytes * capacity, at);
                var characters = new List<Value>((int)Math.Min(capacity, InitialCapacity));
                for (int i = 0; i < s.Length && characters.Count < max; i += plain || !char.IsSurrogatePair(s, i) ? 1 : 2)
                {
                    characters.Add(Value.String(plain || !char.IsSurrogatePair(s, i) ? Character(s[i]) : s.Substring(i, 2)));
                    if ((characters.Count & (CheckInterval - 1)) == 0) limits?.Limits.CheckLimits(at);
                }
                return characters;
            case Terminal.ProgressLoop progress: return Items(progress.Source, limits, at);
        }
        throw new RuntimeError($"{source.TypeName} is not iterable");
    }

    /// <summary>
    /// The items of an iterable one by one, without materialising it: a list by index (so items
    /// appended meanwhile are seen, as by a for loop), a range by arithmetic, a string by code point.
    /// </summary>
    public static IEnumerable<Value> Each(Value source)
    {
        switch (source.Reference)
        {
            case ListValue or RangeValue: return ByIndex(Indexed.Of(source));
            case string s: return Characters(s);
            case DictValue dict: return Keys(dict);
            case Terminal.ProgressLoop progress: return Each(progress.Source);
        }
        throw new RuntimeError($"{source.TypeName} is not iterable");

        static IEnumerable<Value> ByIndex(Indexed items)
        {
            for (long i = 0; i < items.Count; i++) yield return items[i];
        }
    }

    /// <summary>
    /// A list or range read by index, without copying either; its count is read afresh each time,
    /// as a list may grow while it is walked. A string (or a progress loop over one) is made into a
    /// list first, under the run's limits (<see cref="Of"/>): it may be 2^24 characters long, and its
    /// code points are not at fixed indexes.
    /// </summary>
    public readonly struct Indexed
    {
        private readonly List<Value>? _list;
        private readonly RangeValue? _range;

        private Indexed(List<Value>? list, RangeValue? range) => (_list, _range) = (list, range);

        public static Indexed Of(Value source, Interpreter? limits = null, SourceSpan at = default) => source.Reference switch
        {
            ListValue list => new(list.Items, null),
            RangeValue range => new(null, range),
            _ => new(Items(source, limits, at), null),
        };

        public long Count
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => _list?.Count ?? _range!.Length;
        }

        public Value this[long i] => _list is not null ? _list[(int)i] : Value.Int(_range![i]);
    }

    /// <summary>How many items an iterable has, without materialising it.</summary>
    public static long Length(Value source) => source.Reference switch
    {
        ListValue list => list.Count,
        RangeValue range => range.Length,
        string s => CodePoints(s),
        DictValue dict => dict.Count,
        Terminal.ProgressLoop progress => Length(progress.Source),
        _ => throw new RuntimeError($"{source.TypeName} is not iterable"),
    };

    /// <summary>A dict's keys in order; a change of its size meanwhile is Python's RuntimeError.</summary>
    public static IEnumerable<Value> Keys(DictValue dict)
    {
        int version = dict.Version;
        for (int i = 0; i < dict.Count; i++)
        {
            yield return dict.KeyAt(i);
            if (dict.Version != version) throw ChangedSize();
        }
    }

    public static RuntimeError ChangedSize() => new("RuntimeError: dictionary changed size during iteration");

    /// <summary>How many code points a string has (a surrogate pair is one), as <c>len</c> counts.</summary>
    public static int CodePoints(string s) =>
        s.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0 ? s.Length : s.EnumerateRunes().Count();

    // One-character strings of the first 256 code points, shared, so that iterating over a long
    // string does not make one string object per character.
    private static readonly string[] Latin1 = Enumerable.Range(0, 256).Select(c => ((char)c).ToString()).ToArray();

    private static string Character(char c) => c < 256 ? Latin1[c] : c.ToString();

    /// <summary>The characters of a string as one-character strings (whole code points).</summary>
    public static IEnumerable<Value> Characters(string s)
    {
        for (int i = 0; i < s.Length; i += char.IsSurrogatePair(s, i) ? 2 : 1)
            yield return Value.String(char.IsSurrogatePair(s, i) ? s.Substring(i, 2) : Character(s[i]));
    }

    /// <summary>The items of <paramref name="value"/> for <paramref name="count"/> names; a range or string of another length is refused before it is materialised.</summary>
    public static List<Value> Unpack(Value value, int count, in SourceSpan at)
    {
        long length = value.Reference switch
        {
            RangeValue range => range.Length,
            string s => CodePoints(s),
            _ => -1,
        };
        if (length >= 0 && length != count)
            throw new ScriptRuntimeException($"cannot unpack {length} values into {count} names", at);
        List<Value> items;
        try { items = Items(value); }
        catch (RuntimeError) { throw new ScriptRuntimeException($"cannot unpack {value.TypeName} into {count} names", at); }
        if (items.Count != count)
            throw new ScriptRuntimeException($"cannot unpack {items.Count} values into {count} names", at);
        return items;
    }
}
