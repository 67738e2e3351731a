namespace GradScript.Runtime;

using System.Runtime.CompilerServices;
using GradScript.Autograd;

// param, backward, grad, value/detach, zero_grad, graph (LANGUAGE.md §4).
internal static partial class Builtins
{
    private static IEnumerable<NativeFunction> AutogradFunctions() =>
    [
        new("param", Param, ["dtype"]),
        new("backward", Backward, ["accumulate"]),
        new("grad", Grad),
        Data("value"),
        Data("detach"),
        new("zero_grad", ZeroGrad),
        new("graph", (_, in a) =>
        {
            Arity(a, "graph", 1);
            return Value.String(GraphDot.Render(Tracked(a[0], "graph")));
        }),
    ];

    private static Value Param(Interpreter interpreter, in Arguments args)
    {
        Arity(args, "param", 1);
        bool float32 = false;
        if (args.TryGetKeyword("dtype", out var dtype))
        {
            float32 = (dtype.Reference as string) switch
            {
                "float32" => true,
                "float64" => false,
                _ => throw new RuntimeError($"param() dtype must be \"float32\" or \"float64\", not {Formatter.Repr(dtype)}"),
            };
        }
        return Value.Object(new TrackedValue(Number(args[0], "param"), float32));
    }

    private static Value Backward(Interpreter interpreter, in Arguments args)
    {
        Arity(args, "backward", 1);
        var root = args[0].IsTracked
            ? args[0].AsTracked
            : throw new RuntimeError($"backward() needs a tracked value, got {args[0].TypeName}: was it computed from a param()?");
        interpreter.Backpropagation.Run(root, Flag(args, "accumulate", false), interpreter, args.CallSite);
        return Value.None;
    }

    private static Value Grad(Interpreter interpreter, in Arguments args)
    {
        Arity(args, "grad", 1);
        if (!args[0].IsTracked) throw new RuntimeError("grad() of an untracked value");
        return Value.Float(args[0].AsTracked.Grad);
    }

    private static NativeFunction Data(string name) => new(name, (_, in a) =>
    {
        Arity(a, name, 1);
        var v = a[0];
        if (v.IsTracked) return Value.Float(v.AsTracked.Data);
        if (v.IsFloat || v.IsInt) return v;
        throw new RuntimeError($"{name}() expects a number, got {v.TypeName}");
    });

    private static Value ZeroGrad(Interpreter interpreter, in Arguments args)
    {
        foreach (var v in args.Positional) ZeroGrad(v);
        return Value.None;
    }

    // Lists of parameters may nest (layers of neurons of weights).
    private static void ZeroGrad(Value v)
    {
        if (v.IsTracked) { v.AsTracked.Grad = 0; return; }
        if (v.Reference is not ListValue list)
            throw new RuntimeError($"zero_grad() expects tracked values or lists of them, got {v.TypeName}");
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack()) throw new RuntimeError("zero_grad(): lists nested too deeply");
        foreach (var item in list.Items) ZeroGrad(item);
    }

    private static TrackedValue Tracked(Value v, string function) =>
        v.IsTracked ? v.AsTracked : throw new RuntimeError($"{function}() needs a tracked value, got {v.TypeName}");
}
