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
            Autograd.BlockHandle => value.AsTracked.Data,
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
        _ => throw new ArgumentException($"a {CSharpName(value.GetType())} cannot be a GradScript value; accepted: {Accepted}"),
    };

    /// <summary>The CLR types a host may give as a value, as an error lists them.</summary>
    public const string Accepted = "double, float, long, int, short, byte, bool, string, null, and arrays, lists or other enumerables of these";

    /// <summary>A type's name as C# writes it: <c>object</c>, <c>int[]</c>, <c>KeyValuePair&lt;string, int&gt;</c>.</summary>
    public static string CSharpName(Type type)
    {
        if (type.IsEnum) return type.Name;
        if (type.IsArray) return CSharpName(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        if (Nullable.GetUnderlyingType(type) is { } underlying) return CSharpName(underlying) + "?";
        string? keyword = Type.GetTypeCode(type) switch
        {
            TypeCode.Boolean => "bool", TypeCode.Byte => "byte", TypeCode.SByte => "sbyte", TypeCode.Char => "char",
            TypeCode.Decimal => "decimal", TypeCode.Double => "double", TypeCode.Single => "float", TypeCode.Int32 => "int",
            TypeCode.UInt32 => "uint", TypeCode.Int64 => "long", TypeCode.UInt64 => "ulong", TypeCode.Int16 => "short",
            TypeCode.UInt16 => "ushort", TypeCode.String => "string",
            _ => type == typeof(object) ? "object" : null,
        };
        if (keyword is not null) return keyword;
        if (!type.IsGenericType) return type.Name;
        string name = type.Name[..type.Name.IndexOf('`')];
        return $"{name}<{string.Join(", ", type.GetGenericArguments().Select(CSharpName))}>";
    }

    // A plain loop: LINQ over Value is generic code no ReadyToRun image holds, JIT-compiled at
    // start-up when the command line hands a script its args.
    private static ListValue ListOf(IEnumerable items)
    {
        var list = new ListValue();
        foreach (object? item in items) list.Items.Add(FromClr(item));
        return list;
    }
}
