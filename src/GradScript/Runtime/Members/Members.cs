namespace GradScript.Runtime.Members;

using GradScript.Autograd;
using GradScript.Runtime.Optimizers;

/// <summary>The kinds of built-in value that have attributes and methods of their own.</summary>
internal enum Receiver { Number, String, List, Dict, Tracked, Optimizer, Other }

/// <summary>Reads an attribute of <c>self</c>, such as <c>w.grad</c>.</summary>
internal delegate Value Getter(Interpreter interpreter, Value self);

/// <summary>Assigns an attribute of <c>self</c>, such as <c>w.data = 0.5</c>.</summary>
internal delegate void Setter(Interpreter interpreter, Value self, Value value);

/// <summary>
/// Everything one attribute name means, for each kind of receiver: a getter, a setter, or a method
/// (a native function whose first argument is the receiver). The compiler finds the set once, by
/// name; at run time a member access is a switch on the receiver's kind and an array read, never a
/// lookup by string. A name no built-in value has gets an empty set, so the error (or a module's
/// global of that name) is decided when the member is reached.
/// </summary>
internal sealed class MemberSet(string name)
{
    private const int Kinds = (int)Receiver.Other + 1;

    /// <summary>The attribute's name, as written after the dot.</summary>
    public readonly string Name = name;

    private readonly Getter?[] _getters = new Getter?[Kinds];
    private readonly Setter?[] _setters = new Setter?[Kinds];
    private readonly NativeFunction?[] _methods = new NativeFunction?[Kinds];

    public Getter? Getter(Receiver kind) => _getters[(int)kind];

    public Setter? Setter(Receiver kind) => _setters[(int)kind];

    public NativeFunction? Method(Receiver kind) => _methods[(int)kind];

    internal void Define(Receiver kind, Getter getter) => _getters[(int)kind] = getter;

    internal void Define(Receiver kind, Setter setter) => _setters[(int)kind] = setter;

    internal void Define(Receiver kind, NativeFunction method) => _methods[(int)kind] = method;
}

/// <summary>
/// The attributes and methods of built-in values (tracked values, numbers, strings, lists, dicts,
/// optimizers), one file per kind. Built once, before any engine exists, and never changed.
/// </summary>
internal static partial class Members
{
    private static readonly Dictionary<string, MemberSet> Table = Build();

    /// <summary>What <paramref name="name"/> means on each kind of value (possibly nothing).</summary>
    public static MemberSet Find(string name) => Table.TryGetValue(name, out var set) ? set : new MemberSet(name);

    /// <summary>The kind of receiver <paramref name="value"/> is.</summary>
    public static Receiver KindOf(Value value) => value.Reference switch
    {
        null => value.IsNone || value.IsUndefined ? Receiver.Other : Receiver.Number,
        BlockHandle => Receiver.Tracked,
        string => Receiver.String,
        ListValue => Receiver.List,
        DictValue => Receiver.Dict,
        Optimizer => Receiver.Optimizer,
        _ => Receiver.Other,
    };

    /// <summary>Python's message for a missing attribute, with a hint where one helps.</summary>
    public static RuntimeError NoAttribute(Value self, string name, string hint = "") =>
        new($"AttributeError: '{self.TypeName}' object has no attribute '{name}'{hint}");

    private static Dictionary<string, MemberSet> Build()
    {
        var table = new Dictionary<string, MemberSet>(StringComparer.Ordinal);
        DefineTracked(table);
        DefineNumbers(table);
        DefineOptimizers(table);
        DefineLists(table);
        DefineStrings(table);
        DefineDicts(table);
        return table;
    }

    private static MemberSet Set(Dictionary<string, MemberSet> table, string name)
    {
        if (!table.TryGetValue(name, out var set)) table[name] = set = new MemberSet(name);
        return set;
    }

    private static void Getter(Dictionary<string, MemberSet> table, Receiver kind, string name, Getter getter) =>
        Set(table, name).Define(kind, getter);

    private static void Setter(Dictionary<string, MemberSet> table, Receiver kind, string name, Setter setter) =>
        Set(table, name).Define(kind, setter);

    /// <summary>A method: <paramref name="body"/> gets the receiver as its first argument.</summary>
    private static void Method(Dictionary<string, MemberSet> table, Receiver kind, string name, NativeFunction.Body body, params string[] keywords) =>
        Set(table, name).Define(kind, keywords is [AnyKeyword] ? new NativeFunction(name, body, anyKeyword: true) : new NativeFunction(name, body, keywords));

    /// <summary>Checks the number of arguments of a method, not counting the receiver, as Python's message counts them.</summary>
    private static void Arity(in Arguments args, string method, int min, int max = -1)
    {
        if (max < 0) max = min;
        int given = args.Count - 1;
        if (given >= min && given <= max) return;
        throw new RuntimeError($"TypeError: {Runtime.Arity.Wrong(method, min, max, given)}");
    }
}
