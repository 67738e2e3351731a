namespace GradScript.Runtime;

using System.Runtime.CompilerServices;
using GradScript.Ast;
using GradScript.Diagnostics;

/// <summary>
/// Equality and ordering (LANGUAGE.md §3). Numbers compare by value across int, float, bool and
/// tracked (tracked values by their data, giving plain bools); `==` between unlike types is false;
/// ordering unlike types is an error. Strings compare by code unit, lists lexicographically.
/// </summary>
internal static class Comparisons
{
    public static bool Compare(BinaryOp op, Value a, Value b, in SourceSpan at) => op switch
    {
        BinaryOp.Equal => AreEqual(a, b, at),
        BinaryOp.NotEqual => !AreEqual(a, b, at),
        _ => Order(op, a, b, at),
    };

    public static bool AreEqual(Value a, Value b, in SourceSpan at)
    {
        if (a.TryGetDouble(out double x) && b.TryGetDouble(out double y))
        {
            // Two ints compare exactly, not through doubles that may round.
            if ((a.IsInt || a.IsBool) && (b.IsInt || b.IsBool)) return a.AsInt == b.AsInt;
            return x == y;
        }
        switch (a.Reference, b.Reference)
        {
            case (string s, string t): return s == t;
            case (ListValue l, ListValue m): return ListsEqual(l, m, at);
            case (RangeValue r, RangeValue q): return r.Length == q.Length && (r.Length == 0 || (r.Start == q.Start && (r.Length == 1 || r.Step == q.Step)));
        }
        if (a.IsNone || b.IsNone) return a.IsNone && b.IsNone;
        return a.Reference is not null && ReferenceEquals(a.Reference, b.Reference);
    }

    private static bool ListsEqual(ListValue l, ListValue m, in SourceSpan at)
    {
        if (ReferenceEquals(l, m)) return true;
        if (l.Count != m.Count) return false;
        EnsureStack(at);
        for (int i = 0; i < l.Count; i++)
        {
            if (!AreEqual(l[i], m[i], at)) return false;
        }
        return true;
    }

    private static bool Order(BinaryOp op, Value a, Value b, in SourceSpan at)
    {
        int c = CompareOrder(op, a, b, at);
        return op switch
        {
            BinaryOp.Less => c < 0,
            BinaryOp.LessEqual => c <= 0,
            BinaryOp.Greater => c > 0,
            BinaryOp.GreaterEqual => c >= 0,
            _ => throw new System.Diagnostics.UnreachableException(),
        };
    }

    private static int CompareOrder(BinaryOp op, Value a, Value b, in SourceSpan at)
    {
        if (a.TryGetDouble(out double x) && b.TryGetDouble(out double y) && !a.IsNone && !b.IsNone)
        {
            if ((a.IsInt || a.IsBool) && (b.IsInt || b.IsBool)) return a.AsInt.CompareTo(b.AsInt);
            // NaN compares false with everything, as in Python.
            if (double.IsNaN(x) || double.IsNaN(y)) return op is BinaryOp.Less or BinaryOp.LessEqual ? 1 : -1;
            return x.CompareTo(y);
        }
        switch (a.Reference, b.Reference)
        {
            case (string s, string t): return string.CompareOrdinal(s, t);
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
            $"'{Operators.Symbol(op)}' is not supported between {a.TypeName} and {b.TypeName}", at);
    }

    private static void EnsureStack(in SourceSpan at)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new ScriptRuntimeException("lists nested too deeply to compare", at);
    }
}
