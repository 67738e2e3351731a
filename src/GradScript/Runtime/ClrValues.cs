namespace GradScript.Runtime;

using System.Collections;

/// <summary>Conversions between script values and the CLR values a host passes and receives.</summary>
internal static class ClrValues
{
    public static object? ToClr(Value value)
    {
        if (value.IsFloat) return value.AsFloat;
        if (value.IsInt) return value.AsInt;
        if (value.IsBool) return value.AsBool;
        if (value.IsNone || value.IsUndefined) return null;
        return value.Reference switch
        {
            string s => s,
            Autograd.TrackedValue t => t.Data,
            ListValue l => l.Items.Select(ToClr).ToList().AsReadOnly(),
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
