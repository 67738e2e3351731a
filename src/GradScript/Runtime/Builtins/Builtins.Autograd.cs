namespace GradScript.Runtime;

using System.Runtime.CompilerServices;
using GradScript.Autograd;
using GradScript.Diagnostics;

// param, backward, grad, value/detach, zero_grad (of values, lists and optimizers), graph
// (docs/language.md §7); the function transforms grad(f) and value_and_grad(f); detect_anomaly.
internal static partial class Builtins
{
    private static IEnumerable<NativeFunction> AutogradFunctions() =>
    [
        new("param", Param, ["dtype"]),
        new("backward", Backward, ["accumulate", "create_graph"])
        {
            OnTracked = (interpreter, root, in at) =>
            {
                interpreter.Autograd.Backward(root, accumulate: false, at);
                return Value.None;
            },
        },
        new("grad", Grad, ["argnums"]) { OnTracked = (interpreter, node, in _) => GradientOf(interpreter, node) },
        new("value_and_grad", ValueAndGrad, ["argnums"]),
        new("detect_anomaly", DetectAnomaly),
        Data("value"),
        Data("detach"),
        new("zero_grad", ZeroGrad),
        new("graph", (i, in a) =>
        {
            Arity(a, "graph", 1);
            return Value.String(GraphDot.Render(Tracked(a[0], "graph"), null, i, a.CallSite));
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
                _ => throw new RuntimeError($"param() dtype must be \"float32\" or \"float64\", not {Formatter.Brief(dtype)}"),
            };
        }
        return Value.Object(TrackedValue.Leaf(Number(args[0], "param"), float32));
    }

    private static Value Backward(Interpreter interpreter, in Arguments args)
    {
        Arity(args, "backward", 1);
        var root = args[0].IsTracked
            ? args[0].AsTracked
            : throw new RuntimeError($"backward() needs a tracked value, got {args[0].TypeName}: was it computed from a param()?");
        bool accumulate = Flag(args, "accumulate", false);
        if (Flag(args, "create_graph", false)) BackwardRecorded(interpreter, root, accumulate, args.CallSite);
        else interpreter.Autograd.Backward(root, accumulate, args.CallSite);
        return Value.None;
    }

    // backward(l, create_graph=true): each node's gradient is also kept as a tracked value, which
    // grad() then returns, so it can be differentiated again.
    internal static void BackwardRecorded(Interpreter interpreter, TrackedValue root, bool accumulate, SourceSpan at)
    {
        foreach (var (node, term) in new HigherOrder(interpreter.Autograd, at).Gradients(root))
        {
            node.HasGrad = true;
            var computed = term.ToValue();
            var gradient = accumulate ? Operators.Arithmetic(Ast.BinaryOp.Add, GradientOf(interpreter, node), computed, interpreter, at) : computed;
            gradient.TryGetDouble(out double grad);
            node.Grad = grad;
            interpreter.Autograd.SetTrackedGradient(node, gradient.IsTracked ? gradient.AsTracked : null);
        }
        interpreter.Autograd.Tape.ComputationEnded();
    }

    // grad(v) reads a gradient; grad(f) makes the function that computes one.
    private static Value Grad(Interpreter interpreter, in Arguments args)
    {
        Arity(args, "grad", 1);
        if (args[0].Reference is Callable) return Transform(args, "grad", withValue: false);
        if (args.TryGetKeyword("argnums", out _)) throw new RuntimeError("grad(): argnums is for grad of a function");
        if (!args[0].IsTracked) throw new RuntimeError("grad() of an untracked value");
        return GradientOf(interpreter, args[0].AsTracked);
    }

    /// <summary><c>grad(t)</c> of a tracked value: its tracked gradient from a <c>create_graph</c> backward, else its number.</summary>
    internal static Value GradientOf(Interpreter interpreter, TrackedValue node) =>
        interpreter.Autograd.TrackedGradient(node) is { } tracked ? Value.Object(tracked) : Value.Float(node.Grad);

    private static Value ValueAndGrad(Interpreter interpreter, in Arguments args)
    {
        Arity(args, "value_and_grad", 1);
        if (args[0].Reference is not Callable) throw new RuntimeError($"value_and_grad() expects a function, got {args[0].TypeName}");
        return Transform(args, "value_and_grad", withValue: true);
    }

    // argnums: an int (the gradient is a number) or a list of ints (a list of gradients), as JAX.
    private static Value Transform(in Arguments args, string name, bool withValue)
    {
        int[] indices = [0];
        bool listResult = false;
        if (args.TryGetKeyword("argnums", out var argnums))
        {
            if (argnums.Reference is ListValue list)
            {
                if (list.Count == 0) throw new RuntimeError($"{name}(): argnums must not be empty");
                indices = list.Items.Select(item => ArgumentIndex(item, name)).ToArray();
                listResult = true;
            }
            else indices = [ArgumentIndex(argnums, name)];
        }
        return Value.Object(new FunctionTransform(args[0], indices, listResult, withValue).ToFunction(name));
    }

    private static int ArgumentIndex(Value v, string name)
    {
        long index = v.IsInt ? v.AsInt : throw new RuntimeError($"{name}(): argnums must be an int or a list of ints, got {v.TypeName}");
        return index is >= 0 and < 256 ? (int)index : throw new RuntimeError($"{name}(): argnums {index} is out of range");
    }

    private static Value DetectAnomaly(Interpreter interpreter, in Arguments args)
    {
        Arity(args, "detect_anomaly", 1);
        if (!args[0].IsBool) throw new RuntimeError($"detect_anomaly() expects true or false, got {args[0].TypeName}");
        interpreter.Autograd.DetectAnomaly = args[0].AsBool;
        return Value.None;
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
        // PyTorch's optimizer.zero_grad() takes no argument; here the optimizer is the argument, and
        // a call with none would zero nothing without a word.
        if (args.Count == 0)
            throw new RuntimeError("zero_grad() needs what to zero: tracked values, lists of them or an optimizer, as in zero_grad(w, b), zero_grad(params) or zero_grad(opt)");
        var visited = new HashSet<ListValue>(ReferenceEqualityComparer.Instance);
        foreach (var v in args.Positional) ZeroGrad(interpreter, v, visited);
        return Value.None;
    }

    // Lists of parameters may nest (layers of neurons of weights); an optimizer zeroes its own. Each
    // list is cleared once, however many times it is shared, and a list that contains itself ends.
    private static void ZeroGrad(Interpreter interpreter, Value v, HashSet<ListValue> visited)
    {
        if (v.IsTracked)
        {
            var node = v.AsTracked;
            node.Grad = 0;
            interpreter.Autograd.SetTrackedGradient(node, null);
            return;
        }
        if (v.Reference is Optimizers.Optimizer optimizer) { optimizer.ZeroGrad(interpreter); return; }
        if (v.Reference is not ListValue list)
            throw new RuntimeError($"zero_grad() expects tracked values, lists of them or optimizers, got {v.TypeName}");
        if (!visited.Add(list)) return;
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack()) throw new RuntimeError("zero_grad(): lists nested too deeply");
        foreach (var item in list.Items) ZeroGrad(interpreter, item, visited);
    }

    private static TrackedValue Tracked(Value v, string function) =>
        v.IsTracked ? v.AsTracked : throw new RuntimeError($"{function}() needs a tracked value, got {v.TypeName}");
}
