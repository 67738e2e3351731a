namespace GradScript.Runtime;

using System.Collections;

/// <summary>Conversions between script values and the CLR values a host passes and receives.</summary>
internal static class ClrValues
{
    /// <summary>
    /// A script value as the host sees it; a list becomes a read-only list of such values. Lists are
    /// converted without recursion, each once: a list shared in several places is one CLR list, and a
    /// list that contains itself gives a CLR list that contains itself.
    /// </summary>
    public static object? ToClr(Value value)
    {
        if (value.Reference is not ListValue root) return Scalar(value);
        var converted = new Dictionary<ListValue, (List<object?> Items, IReadOnlyList<object?> View)>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<ListValue>();
        IReadOnlyList<object?> Convert(ListValue list)
        {
            if (converted.TryGetValue(list, out var done)) return done.View;
            var items = new List<object?>(list.Count);
            converted[list] = (items, items.AsReadOnly());
            pending.Push(list);
            return converted[list].View;
        }
        var result = Convert(root);
        while (pending.Count > 0)
        {
            var list = pending.Pop();
            var items = converted[list].Items;
            foreach (var item in list.Items) items.Add(item.Reference is ListValue inner ? Convert(inner) : Scalar(item));
        }
        return result;
    }

    private static object? Scalar(Value value)
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
