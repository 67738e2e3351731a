namespace GradScript.Runtime;

using System.Collections;

/// <summary>Conversions between script values and the CLR values a host passes and receives.</summary>
internal static class ClrValues
{
    /// <summary>A script value as the host sees it; a list becomes a read-only list of such values.</summary>
    public static object? ToClr(Value value) =>
        value.Reference is ListValue list ? ListToClr(list) : ScalarToClr(value);

    private static object? ScalarToClr(Value value)
    {
        if (value.IsFloat) return value.AsFloat;
        if (value.IsInt) return value.AsInt;
        if (value.IsBool) return value.AsBool;
        if (value.IsNone || value.IsUndefined) return null;
        return value.Reference switch
        {
            string s => s,
            Autograd.TrackedValue t => t.Data,
            _ => Formatter.Repr(value),
        };
    }

    // Lists are copied without recursion, each list once: a list nested a million deep, or one that
    // contains itself (a = []; append(a, a)), would overflow the stack copied recursively, and that
    // ends the process. A list that holds another twice, or itself, gives a CLR list that does too.
    private static IReadOnlyList<object?> ListToClr(ListValue root)
    {
        var copies = new Dictionary<ListValue, (List<object?> Items, IReadOnlyList<object?> View)>(ReferenceEqualityComparer.Instance);
        var unfilled = new Stack<ListValue>();
        var result = CopyOf(root);
        while (unfilled.Count > 0)
        {
            var list = unfilled.Pop();
            var items = copies[list].Items;
            foreach (var item in list.Items)
                items.Add(item.Reference is ListValue inner ? CopyOf(inner) : ScalarToClr(item));
        }
        return result;

        IReadOnlyList<object?> CopyOf(ListValue list)
        {
            if (copies.TryGetValue(list, out var copy)) return copy.View;
            var items = new List<object?>(list.Count);
            copies[list] = (items, items.AsReadOnly());
            unfilled.Push(list);
            return copies[list].View;
        }
    }

    public static Value FromClr(object? value) => value switch
    {
        null => Value.None,
        Value v => v,
        double d => Value.Float(d),
        float f => Value.Float(f),
        long l => Value.Int(l),
        int i => Value.Int(i),
        short s => Value.Int(s),
        byte b => Value.Int(b),
        bool b => Value.Bool(b),
        string s => Value.String(s),
        Callable c => Value.Object(c),
        IEnumerable e => Value.Object(ListOf(e)),
        _ => throw new ArgumentException($"a {value.GetType().Name} cannot be a GradScript value"),
    };

    // A plain loop: LINQ over Value is generic code no ReadyToRun image holds, JIT-compiled at
    // start-up when the command line hands a script its args.
    private static ListValue ListOf(IEnumerable items)
    {
        var list = new ListValue();
        foreach (object? item in items) list.Items.Add(FromClr(item));
        return list;
    }
}
