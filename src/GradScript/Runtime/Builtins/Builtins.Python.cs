namespace GradScript.Runtime;

using GradScript.Ast;
using GradScript.Runtime.Members;

// sorted, reversed, any, all, dict, divmod: Python's builtins over any iterable. reversed gives a list
// (not a lazy iterator), as zip and enumerate do.
internal static partial class Builtins
{
    private static IEnumerable<NativeFunction> PythonFunctions() =>
    [
        new("sorted", (i, in a) =>
        {
            Arity(a, "sorted", 1);
            return Value.Object(new ListValue(Sorting.Sort(Iteration.Items(a[0], i, a.CallSite), a, i)));
        }, ["key", "reverse"]),
        new("reversed", (i, in a) =>
        {
            Arity(a, "reversed", 1);
            var items = new List<Value>(Iteration.Items(a[0], i, a.CallSite));
            items.Reverse();
            return Value.Object(new ListValue(items));
        }),
        new("any", (i, in a) =>
        {
            Arity(a, "any", 1);
            return Value.Bool(FirstWhere(i, a, truthy: true));
        }),
        new("all", (i, in a) =>
        {
            Arity(a, "all", 1);
            return Value.Bool(!FirstWhere(i, a, truthy: false));
        }),
        new("dict", (i, in a) =>
        {
            Arity(a, "dict", 0, 1);
            var dict = new DictValue();
            if (a.Count == 1) DictValue.AddAll(dict, a[0]);
            for (int k = 0; k < a.KeywordNames.Length; k++) dict.Set(Value.String(a.KeywordNames[k]), a.KeywordValues[k]);
            return Value.Object(dict);
        }, anyKeyword: true),
        new("divmod", (i, in a) =>
        {
            Arity(a, "divmod", 2);
            var quotient = Operators.Arithmetic(BinaryOp.FloorDivide, a[0], a[1], i, a.CallSite);
            var remainder = Operators.Arithmetic(BinaryOp.Modulo, a[0], a[1], i, a.CallSite);
            return Value.Object(new ListValue([quotient, remainder]));
        }),
    ];

    // Whether some item's truthiness is `truthy`, looking at the limits as a long range is walked.
    private static bool FirstWhere(Interpreter interpreter, in Arguments a, bool truthy)
    {
        long n = 0;
        foreach (var item in Iteration.Each(a[0]))
        {
            if (item.IsTruthy == truthy) return true;
            if ((++n & 0xFFFF) == 0) interpreter.Limits.CheckLimits(a.CallSite);
        }
        return false;
    }
}
