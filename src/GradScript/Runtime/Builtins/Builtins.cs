namespace GradScript.Runtime;

using System.Collections.Frozen;

/// <summary>
/// The builtin functions and constants (docs/builtins.md). They are immutable and shared by every
/// engine; each engine starts with them as globals, which a script may shadow. Each group lives in
/// its own file: core, math, autograd, gradcheck, random, optimizers, plot, progress, help. Their
/// signatures and docs are in <see cref="BuiltinDocs"/>.
/// </summary>
internal static partial class Builtins
{
    /// <summary>Every builtin function, in the order they are listed in the docs.</summary>
    public static readonly IReadOnlyList<NativeFunction> Functions =
        [.. CoreFunctions(), .. PythonFunctions(), .. MathFunctions(), .. AutogradFunctions(), .. GradCheckFunctions(), .. RandomFunctions(), .. OptimizerFunctions(), .. PlotFunctions(), .. ProgressFunctions(), .. HelpFunctions()];

    /// <summary>The builtins that a <c>for</c> loop runs without building their lists (see ZipForInstruction).</summary>
    public static readonly NativeFunction ZipFunction = Functions.Single(f => f.Name == "zip"),
        EnumerateFunction = Functions.Single(f => f.Name == "enumerate");

    /// <summary>
    /// The builtins that record an operation on tracked arguments, by name: what a generated adjoint
    /// may call (<see cref="NativeFunction.Records"/>).
    /// </summary>
    public static readonly FrozenDictionary<string, NativeFunction> Recording =
        Functions.Where(f => f.Records is not null).ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>The builtins <c>backward</c> and <c>grad</c>, which the compiled tier calls directly on a tracked argument while the names still mean them.</summary>
    public static readonly NativeFunction BackwardFunction = Functions.Single(f => f.Name == "backward"),
        GradFunction = Functions.Single(f => f.Name == "grad");

    /// <summary>The builtin <c>range</c>, whose loops a generated adjoint unrolls.</summary>
    public static readonly NativeFunction RangeFunction = Functions.Single(f => f.Name == "range");

    /// <summary>The constants: pi, e, inf, nan.</summary>
    public static readonly IReadOnlyList<(string Name, Value Value)> Constants =
    [
        ("pi", Value.Float(Math.PI)),
        ("e", Value.Float(Math.E)),
        ("inf", Value.Float(double.PositiveInfinity)),
        ("nan", Value.Float(double.NaN)),
    ];

    /// <summary>Defines the builtins as globals (of a new interpreter, or a module), and <c>args</c> as an empty list.</summary>
    public static void Install(Func<string, GlobalCell> global)
    {
        foreach (var function in Functions) global(function.Name).Value = Value.Object(function);
        foreach (var (name, value) in Constants) global(name).Value = value;
        global("args").Value = Value.Object(new ListValue());
    }

    /// <summary>Whether a global still holds the builtin or constant an engine starts with.</summary>
    public static bool IsInitialValue(string name, Value value)
    {
        if (value.Reference is NativeFunction f) return f.Name == name && Functions.Any(b => ReferenceEquals(b, f));
        if (name == "args") return value.Reference is ListValue { Count: 0 };
        foreach (var (constant, initial) in Constants)
        {
            if (constant == name) return value.IsFloat && BitConverter.DoubleToInt64Bits(value.AsFloat) == BitConverter.DoubleToInt64Bits(initial.AsFloat);
        }
        return false;
    }

    // ------------------------------------------------------------------ argument checks

    private static void Arity(in Arguments args, string name, int min, int max = -1)
    {
        if (max < 0) max = min;
        if (args.Count >= min && args.Count <= max) return;
        throw new RuntimeError(Runtime.Arity.Wrong(name, min, max, args.Count));
    }

    /// <summary>A number argument as a double (a tracked value gives its data).</summary>
    private static double Number(Value v, string function)
    {
        if (v.TryGetDouble(out double d) && !v.IsNone) return d;
        throw new RuntimeError($"{function}() expects a number, got {v.TypeName}");
    }

    public static long Integer(Value v, string function)
    {
        if (v.IsInt || v.IsBool) return v.AsInt;
        throw new RuntimeError($"{function}() expects an integer, got {v.TypeName}");
    }

    private static ListValue List(Value v, string function) =>
        v.Reference as ListValue ?? throw new RuntimeError($"{function}() expects a list, got {v.TypeName}");

    private static bool Flag(in Arguments args, string keyword, bool fallback) =>
        args.TryGetKeyword(keyword, out var v) ? v.IsTruthy : fallback;
}
