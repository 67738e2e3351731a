namespace GradScript.Runtime.Members;

// Python's dict methods. keys(), values() and items() give lists (items as [key, value] pairs),
// not live views: a loop over one may change the dict freely.
internal static partial class Members
{
    private static void DefineDicts(Dictionary<string, MemberSet> table)
    {
        const Receiver D = Receiver.Dict;
        Method(table, D, "keys", (i, in a) => { Arity(a, "keys", 0); return Listed(i, a, Dict(a).Pairs.Select(p => p.Key)); });
        Method(table, D, "values", (i, in a) => { Arity(a, "values", 0); return Listed(i, a, Dict(a).Pairs.Select(p => p.Value)); });
        Method(table, D, "items", (i, in a) =>
        {
            Arity(a, "items", 0);
            return Listed(i, a, Dict(a).Pairs.Select(p => Value.Object(new ListValue([p.Key, p.Value]))));
        });
        Method(table, D, "get", (_, in a) =>
        {
            Arity(a, "get", 1, 2);
            return Dict(a).TryGetValue(DictValue.Key(a[1]), out var value) ? value : a.Count == 3 ? a[2] : Value.None;
        });
        Method(table, D, "pop", (_, in a) =>
        {
            Arity(a, "pop", 1, 2);
            if (Dict(a).Remove(a[1], out var value)) return value;
            return a.Count == 3 ? a[2] : throw new RuntimeError($"KeyError: {Formatter.Brief(a[1])}");
        });
        Method(table, D, "setdefault", (_, in a) =>
        {
            Arity(a, "setdefault", 1, 2);
            var dict = Dict(a);
            if (dict.TryGetValue(DictValue.Key(a[1]), out var value)) return value;
            var fallback = a.Count == 3 ? a[2] : Value.None;
            dict.Set(a[1], fallback);
            return fallback;
        });
        Method(table, D, "update", (_, in a) =>
        {
            Arity(a, "update", 0, 1);
            var dict = Dict(a);
            if (a.Count == 2) DictValue.AddAll(dict, a[1]);
            for (int k = 0; k < a.KeywordNames.Length; k++) dict.Set(Value.String(a.KeywordNames[k]), a.KeywordValues[k]);
            return Value.None;
        }, AnyKeyword);
        Method(table, D, "copy", (_, in a) =>
        {
            Arity(a, "copy", 0);
            var copy = new DictValue();
            DictValue.AddAll(copy, a[0]);
            return Value.Object(copy);
        });
        Method(table, D, "clear", (_, in a) => { Arity(a, "clear", 0); Dict(a).Clear(); return Value.None; });
    }

    private static DictValue Dict(in Arguments a) => (DictValue)a[0].Reference!;

    private static Value Listed(Interpreter interpreter, in Arguments a, IEnumerable<Value> items)
    {
        interpreter.Limits.Reserve((long)Operators.ValueBytes * Dict(a).Count, a.CallSite);
        return Value.Object(new ListValue(items.ToList()));
    }
}
