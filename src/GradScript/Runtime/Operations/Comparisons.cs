namespace GradScript.Runtime;

using System.Runtime.CompilerServices;
using GradScript.Ast;
using GradScript.Diagnostics;

/// <summary>
/// Equality and ordering (docs/language.md §3). Numbers compare by value across int, float, bool and
/// tracked (tracked values by their data, giving plain bools); `==` between unlike types is false;
/// ordering unlike types is an error. Strings compare by code point (as Python's do), lists
/// lexicographically.
/// </summary>
internal static class Comparisons
{
    public static bool Compare(BinaryOp op, Value a, Value b, in SourceSpan at) => op switch
    {
        BinaryOp.Equal => AreEqual(a, b, at),
        BinaryOp.NotEqual => !AreEqual(a, b, at),
        BinaryOp.Less or BinaryOp.LessEqual or BinaryOp.Greater or BinaryOp.GreaterEqual => Order(op, a, b, at),
        _ => throw new System.Diagnostics.UnreachableException(op.ToString()),
    };

    public static bool AreEqual(Value a, Value b, in SourceSpan at) => AreEqual(a, b, at, null);

    private static bool AreEqual(Value a, Value b, in SourceSpan at, HashSet<(ListValue, ListValue)>? assumed)
    {
        if (IsNumeric(a) && IsNumeric(b)) return CompareNumbers(a, b) == 0;
        if (a.IsBool || b.IsBool) return a.IsBool && b.IsBool && a.AsBool == b.AsBool;
        switch (a.Reference, b.Reference)
        {
            case (string s, string t): return s == t;
            case (ListValue l, ListValue m): return ListsEqual(l, m, at, assumed);
            case (DictValue d, DictValue e): return DictsEqual(d, e, at, assumed);
            case (RangeValue r, RangeValue q): return r.Length == q.Length && (r.Length == 0 || (r.Start == q.Start && (r.Length == 1 || r.Step == q.Step)));
        }
        if (a.IsNone || b.IsNone) return a.IsNone && b.IsNone;
        return a.Reference is not null && ReferenceEquals(a.Reference, b.Reference);
    }

    // int, float and tracked values compare by value; bool is a type of its own (docs/language.md §3).
    private static bool IsNumeric(Value v) => v.IsFloat || v.IsInt || v.IsTracked;

    /// <summary>
    /// Compares two numbers exactly, as Python does: an int is never rounded to a double first
    /// (2^53 + 1 &gt; 2^53 as a float). NaN gives <see cref="Unordered"/>.
    /// </summary>
    private static int CompareNumbers(Value a, Value b)
    {
        if (a.IsInt && b.IsInt) return a.AsInt.CompareTo(b.AsInt);
        a.TryGetDouble(out double x);
        b.TryGetDouble(out double y);
        if (a.IsInt) return CompareIntToFloat(a.AsInt, y);
        if (b.IsInt) return CompareIntToFloat(b.AsInt, x) is var c && c == Unordered ? c : -c;
        if (double.IsNaN(x) || double.IsNaN(y)) return Unordered;
        return x.CompareTo(y);
    }

    private const int Unordered = int.MinValue;

    private static int CompareIntToFloat(long i, double d)
    {
        if (double.IsNaN(d)) return Unordered;
        // 2^63 is exactly representable; every double at or beyond it is beyond every long.
        if (d >= 9.2233720368547758E18) return -1;
        if (d < -9.2233720368547758E18) return 1;
        double floor = Math.Floor(d);
        int c = i.CompareTo((long)floor);
        return c != 0 ? c : (d > floor ? -1 : 0);
    }

    // Lists nested in lists: a pair of lists met again while comparing is taken as equal, since
    // any difference found anywhere makes the whole comparison false. So a list shared in many
    // places (xs = [xs, xs], repeated) is compared once, not once per path to it, and lists that
    // contain themselves compare in finite time. Flat lists never allocate the set.
    private static bool ListsEqual(ListValue l, ListValue m, in SourceSpan at, HashSet<(ListValue, ListValue)>? assumed)
    {
        if (ReferenceEquals(l, m)) return true;
        if (l.Count != m.Count) return false;
        if (assumed is not null && !assumed.Add((l, m))) return true;
        EnsureStack(at);
        for (int i = 0; i < l.Count; i++)
        {
            if (assumed is null && l[i].Reference is ListValue && m[i].Reference is ListValue) assumed = [(l, m)];
            if (!AreEqual(l[i], m[i], at, assumed)) return false;
        }
        return true;
    }

    // Same keys, and equal values for each, in any order (as Python's dicts compare).
    private static bool DictsEqual(DictValue d, DictValue e, in SourceSpan at, HashSet<(ListValue, ListValue)>? assumed)
    {
        if (ReferenceEquals(d, e)) return true;
        if (d.Count != e.Count) return false;
        EnsureStack(at);
        foreach (var (key, value) in d.Pairs)
        {
            if (!e.TryGetValue(key, out var other) || !AreEqual(value, other, at, assumed)) return false;
        }
        return true;
    }

    private static bool Order(BinaryOp op, Value a, Value b, in SourceSpan at)
    {
        int c = CompareOrder(op, a, b, at);
        if (c == Unordered) return false; // NaN compares false with everything, as in Python
        return op switch
        {
            BinaryOp.Less => c < 0,
            BinaryOp.LessEqual => c <= 0,
            BinaryOp.Greater => c > 0,
            BinaryOp.GreaterEqual => c >= 0,
            _ => throw new System.Diagnostics.UnreachableException(op.ToString()),
        };
    }

    private static int CompareOrder(BinaryOp op, Value a, Value b, in SourceSpan at)
    {
        if (IsNumeric(a) && IsNumeric(b)) return CompareNumbers(a, b);
        if (a.IsBool && b.IsBool) return a.AsBool.CompareTo(b.AsBool);
        switch (a.Reference, b.Reference)
        {
            case (string s, string t): return CompareCodePoints(s, t);
            case (ListValue l, ListValue m):
                EnsureStack(at);
                for (int i = 0; i < Math.Min(l.Count, m.Count); i++)
                {
                    if (AreEqual(l[i], m[i], at)) continue;
                    return CompareOrder(op, l[i], m[i], at);
                }
                return l.Count.CompareTo(m.Count);
        }
        throw new ScriptRuntimeException(
            $"'{OperatorTable.Of(op).Symbol}' is not supported between {a.TypeName} and {b.TypeName}", at);
    }

    /// <summary>
    /// Orders two strings by code point, as Python does. UTF-16 order differs from it only where a
    /// surrogate (a code point above U+FFFF) meets a unit from U+E000 up: moving the surrogates above
    /// those units restores code-point order at the first difference.
    /// </summary>
    public static int CompareCodePoints(string s, string t)
    {
        if (ReferenceEquals(s, t)) return 0; // max(s, s, …) of a huge string compares nothing
        // The common prefix is found a vector at a time: two equal strings of 2^27 characters compare in milliseconds.
        int i = s.AsSpan().CommonPrefixLength(t);
        if (i == s.Length || i == t.Length) return s.Length.CompareTo(t.Length);
        return CodePointKey(s[i]).CompareTo(CodePointKey(t[i]));
    }

    private static int CodePointKey(char c) => c >= 0xE000 ? c - 0x800 : char.IsSurrogate(c) ? c + 0x2000 : c;

    private static void EnsureStack(in SourceSpan at)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new ScriptRuntimeException("lists nested too deeply to compare", at);
    }
}
