namespace GradScript.Runtime.Members;

using GradScript.Ast;
using GradScript.Diagnostics;

// Python's list methods. Items compare as `==` compares them (a tracked value by its data), and
// sort orders by `<` alone, stably, as Python's does. The functions append(xs, v) and pop(xs)
// remain beside xs.append(v) and xs.pop().
internal static partial class Members
{
    private static void DefineLists(Dictionary<string, MemberSet> table)
    {
        const Receiver L = Receiver.List;
        Method(table, L, "append", (_, in a) =>
        {
            Arity(a, "append", 1);
            Self(a).Add(a[1]);
            return Value.None;
        });
        Method(table, L, "pop", (_, in a) =>
        {
            Arity(a, "pop", 0, 1);
            var list = Self(a);
            if (list.Count == 0) throw new RuntimeError("IndexError: pop from empty list");
            int index = a.Count == 2 ? Position(a[1], list.Count, "pop index out of range") : list.Count - 1;
            var item = list[index];
            list.Items.RemoveAt(index);
            return item;
        });
        Method(table, L, "extend", (interpreter, in a) =>
        {
            Arity(a, "extend", 1);
            var list = Self(a);
            var items = Iteration.Items(a[1], interpreter, a.CallSite);
            foreach (var item in ReferenceEquals(items, list.Items) ? items.ToList() : items) list.Add(item);
            return Value.None;
        });
        Method(table, L, "insert", (_, in a) =>
        {
            Arity(a, "insert", 2);
            var list = Self(a);
            long i = Int(a[1], "insert");
            // Python clamps the index instead of failing: insert(100, x) appends.
            if (i < 0) i = Math.Max(0, i + list.Count);
            if (list.Count >= ListValue.MaxLength) throw new RuntimeError($"list too long (more than {ListValue.MaxLength} items)");
            list.Items.Insert((int)Math.Min(i, list.Count), a[2]);
            return Value.None;
        });
        Method(table, L, "index", (_, in a) =>
        {
            Arity(a, "index", 1);
            var list = Self(a);
            for (int i = 0; i < list.Count; i++)
            {
                if (Comparisons.AreEqual(list[i], a[1], a.CallSite)) return Value.Int(i);
            }
            throw new RuntimeError($"ValueError: {Formatter.Brief(a[1])} is not in list");
        });
        Method(table, L, "count", (_, in a) =>
        {
            Arity(a, "count", 1);
            long n = 0;
            foreach (var item in Self(a).Items) n += Comparisons.AreEqual(item, a[1], a.CallSite) ? 1 : 0;
            return Value.Int(n);
        });
        Method(table, L, "remove", (_, in a) =>
        {
            Arity(a, "remove", 1);
            var list = Self(a);
            for (int i = 0; i < list.Count; i++)
            {
                if (!Comparisons.AreEqual(list[i], a[1], a.CallSite)) continue;
                list.Items.RemoveAt(i);
                return Value.None;
            }
            throw new RuntimeError($"ValueError: list.remove(x): {Formatter.Brief(a[1])} is not in list");
        });
        Method(table, L, "clear", (_, in a) => { Arity(a, "clear", 0); Self(a).Items.Clear(); return Value.None; });
        Method(table, L, "reverse", (_, in a) => { Arity(a, "reverse", 0); Self(a).Items.Reverse(); return Value.None; });
        Method(table, L, "copy", (interpreter, in a) =>
        {
            Arity(a, "copy", 0);
            var list = Self(a);
            interpreter.Limits.Reserve((long)Operators.ValueBytes * list.Count, a.CallSite);
            return Value.Object(new ListValue([.. list.Items]));
        });
        Method(table, L, "sort", (interpreter, in a) =>
        {
            Arity(a, "sort", 0);
            var list = Self(a);
            var sorted = Sorting.Sort(list.Items, a, interpreter);
            list.Items.Clear();
            list.Items.AddRange(sorted);
            return Value.None;
        }, "key", "reverse");
    }

    private static ListValue Self(in Arguments a) => (ListValue)a[0].Reference!;

    private static long Int(Value v, string method) =>
        v.IsInt || v.IsBool ? v.AsInt : throw new RuntimeError($"TypeError: {method}() needs an integer, not {v.TypeName}");

    private static int Position(Value v, int count, string outOfRange)
    {
        long i = Int(v, "pop");
        if (i < 0) i += count;
        return i >= 0 && i < count ? (int)i : throw new RuntimeError($"IndexError: {outOfRange}");
    }
}

/// <summary>
/// Python's sort: stable, by <c>&lt;</c> alone (so NaN and unorderable mixes behave as in Python, the
/// latter an error), with an optional key function and reverse flag. Used by <c>xs.sort()</c> and
/// <c>sorted()</c>; tracked values order by their data and stay tracked.
/// </summary>
internal static class Sorting
{
    /// <summary>Comparisons between two looks at the limits, less one (a mask).</summary>
    private const long CheckInterval = (1 << 16) - 1;

    /// <summary>The items sorted as the call's <c>key=</c> and <c>reverse=</c> keywords say.</summary>
    public static List<Value> Sort(IReadOnlyList<Value> items, in Arguments call, Interpreter interpreter)
    {
        var site = call.CallSite;
        Value key = call.TryGetKeyword("key", out var k) && !k.IsNone ? k : default;
        bool reverse = call.TryGetKeyword("reverse", out var r) && r.IsTruthy;
        var keys = new Value[items.Count];
        for (int i = 0; i < keys.Length; i++)
            keys[i] = key.IsUndefined ? items[i] : Callable.CallValue(key, [items[i]], interpreter, site);
        var order = Enumerable.Range(0, items.Count).ToArray();
        long comparisons = 0;
        // Python's reverse keeps equal items in their order: sort by "greater" instead of reversing.
        // A long sort looks at the limits now and then, as a loop does.
        MergeSort(order, new int[order.Length], 0, order.Length, (x, y) =>
        {
            if ((++comparisons & CheckInterval) == 0) interpreter.Limits.CheckLimits(site);
            return reverse ? Less(keys[y], keys[x], site) : Less(keys[x], keys[y], site);
        });
        var result = new List<Value>(items.Count);
        foreach (int i in order) result.Add(items[i]);
        return result;
    }

    private static bool Less(Value a, Value b, in SourceSpan at)
    {
        try { return Comparisons.Compare(BinaryOp.Less, a, b, at); }
        catch (ScriptRuntimeException e) { throw new RuntimeError($"TypeError: {e.Message}"); }
    }

    // Top-down merge sort of order[from..to): an item of the right half goes first only when it is
    // strictly less, which keeps the sort stable.
    private static void MergeSort(int[] order, int[] scratch, int from, int to, Func<int, int, bool> less)
    {
        if (to - from < 2) return;
        int middle = (from + to) / 2;
        MergeSort(order, scratch, from, middle, less);
        MergeSort(order, scratch, middle, to, less);
        int left = from, right = middle, k = from;
        while (left < middle && right < to) scratch[k++] = less(order[right], order[left]) ? order[right++] : order[left++];
        while (left < middle) scratch[k++] = order[left++];
        while (right < to) scratch[k++] = order[right++];
        Array.Copy(scratch, from, order, from, to - from);
    }
}
