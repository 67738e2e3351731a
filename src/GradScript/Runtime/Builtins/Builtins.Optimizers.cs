namespace GradScript.Runtime;

using System.Runtime.CompilerServices;
using GradScript.Autograd;
using GradScript.Runtime.Optimizers;

// sgd, adam and step: PyTorch's optimizers over a list of leaves (zero_grad takes them too).
internal static partial class Builtins
{
    // In a nested class, so they exist before Functions (a field of another file) is built from them.
    private static class OptimizerSignatures
    {
        public static readonly string[] Sgd = ["params", "lr", "momentum", "dampening", "weight_decay", "nesterov"];
        public static readonly string[] Adam = ["params", "lr", "betas", "eps", "weight_decay", "amsgrad"];
    }

    /// <summary>torch.optim.Adam's defaults.</summary>
    private const double AdamLearningRate = 0.001, AdamBeta1 = 0.9, AdamBeta2 = 0.999, AdamEpsilon = 1e-8;

    private static IEnumerable<NativeFunction> OptimizerFunctions() =>
    [
        new("sgd", MakeSgd, OptimizerSignatures.Sgd),
        new("adam", MakeAdam, OptimizerSignatures.Adam),
        new("step", Step),
    ];

    private static Value MakeSgd(Interpreter interpreter, in Arguments args)
    {
        var a = Bind(args, "sgd", OptimizerSignatures.Sgd, required: 2);
        var parameters = Leaves(a[0], "sgd");
        var settings = new Sgd.Settings(
            LearningRate: Setting(a[1], "sgd", "lr", 0),
            Momentum: Setting(a[2], "sgd", "momentum", 0),
            Dampening: Setting(a[3], "sgd", "dampening", 0),
            WeightDecay: Setting(a[4], "sgd", "weight_decay", 0),
            Nesterov: !a[5].IsUndefined && a[5].IsTruthy);
        if (settings.Nesterov && (settings.Momentum == 0 || settings.Dampening != 0))
            throw new RuntimeError("sgd(): nesterov momentum needs a momentum above 0 and dampening 0");
        return Value.Object(new Sgd(parameters, settings));
    }

    private static Value MakeAdam(Interpreter interpreter, in Arguments args)
    {
        var a = Bind(args, "adam", OptimizerSignatures.Adam, required: 1);
        var parameters = Leaves(a[0], "adam");
        var (beta1, beta2) = a[2].IsUndefined ? (AdamBeta1, AdamBeta2) : Betas(a[2]);
        var settings = new Adam.Settings(
            LearningRate: Setting(a[1], "adam", "lr", AdamLearningRate),
            Beta1: beta1,
            Beta2: beta2,
            Epsilon: Setting(a[3], "adam", "eps", AdamEpsilon),
            WeightDecay: Setting(a[4], "adam", "weight_decay", 0),
            AmsGrad: !a[5].IsUndefined && a[5].IsTruthy);
        return Value.Object(new Adam(parameters, settings));
    }

    private static Value Step(Interpreter interpreter, in Arguments args)
    {
        Arity(args, "step", 1);
        var optimizer = args[0].Reference as Optimizer ?? throw new RuntimeError($"step() expects an optimizer, got {args[0].TypeName}");
        optimizer.Step();
        optimizer.MarkChanged(interpreter);
        return Value.None;
    }

    /// <summary>A hyperparameter: a finite number, not negative (PyTorch refuses a negative lr, momentum, eps or weight decay).</summary>
    private static double Setting(Value v, string function, string name, double fallback)
    {
        if (v.IsUndefined) return fallback;
        if (!(v.IsPlainNumber || v.IsTracked)) throw new RuntimeError($"{function}(): {name} must be a number, got {v.TypeName}");
        v.TryGetDouble(out double d);
        if (!double.IsFinite(d) || d < 0) throw new RuntimeError($"{function}(): {name} must be a finite number >= 0, got {Formatter.Repr(v)}");
        return d;
    }

    /// <summary>Adam's [β1, β2], each in [0, 1) as PyTorch requires.</summary>
    private static (double, double) Betas(Value v)
    {
        if (v.Reference is not ListValue { Count: 2 } list)
        {
            string got = v.Reference is ListValue l ? $"a list of {l.Count} item{(l.Count == 1 ? "" : "s")}" : v.TypeName;
            throw new RuntimeError($"adam(): betas must be a list of two numbers, got {got}");
        }
        var betas = new double[2];
        for (int i = 0; i < 2; i++)
        {
            betas[i] = Setting(list[i], "adam", $"betas[{i}]", 0);
            if (betas[i] >= 1) throw new RuntimeError($"adam(): betas[{i}] must be below 1, got {Formatter.Repr(list[i])}");
        }
        return (betas[0], betas[1]);
    }

    /// <summary>
    /// The leaves in a list of parameters, nested lists flattened in order (as micrograd's
    /// <c>parameters()</c> gives them). Anything else is an error that says where it is, as
    /// <c>params[1][0]</c>: an untracked item, a value computed by an operation (an optimizer
    /// can only move leaves), a leaf given twice (it would be stepped twice).
    /// </summary>
    private static TrackedValue[] Leaves(Value parameters, string function)
    {
        if (parameters.Reference is not ListValue list)
        {
            string hint = parameters.IsTracked ? " (write [w] for one parameter)" : "";
            throw new RuntimeError($"{function}() expects a list of parameters, got {parameters.TypeName}{hint}");
        }
        var collector = new LeafCollector(function);
        collector.Collect(list);
        if (collector.Leaves.Count == 0) throw new RuntimeError($"{function}() got an empty list of parameters");
        return [.. collector.Leaves];
    }

    // Places (params[1][0]) are written out only for a message: a list nested a hundred thousand
    // deep would otherwise build a string per level, each as long as the depth.
    private sealed class LeafCollector(string function)
    {
        private readonly Dictionary<TrackedValue, int[]> _places = [];
        private readonly HashSet<ListValue> _open = new(ReferenceEqualityComparer.Instance);
        private readonly List<int> _path = [];

        public List<TrackedValue> Leaves { get; } = [];

        public void Collect(ListValue list)
        {
            if (!_open.Add(list)) throw new RuntimeError($"{function}(): {Place(_path)} is a list that contains itself");
            if (!RuntimeHelpers.TryEnsureSufficientExecutionStack()) throw new RuntimeError($"{function}(): lists nested too deeply");
            for (int i = 0; i < list.Count; i++)
            {
                var item = list[i];
                _path.Add(i);
                if (item.Reference is ListValue inner) Collect(inner);
                else Take(item);
                _path.RemoveAt(_path.Count - 1);
            }
            _open.Remove(list);
        }

        private void Take(Value item)
        {
            if (!item.IsTracked)
                throw new RuntimeError($"{function}(): {Place(_path)} is not a tracked value ({item.TypeName}): make parameters with param()");
            var leaf = item.AsTracked;
            if (!leaf.IsLeaf)
                throw new RuntimeError($"{function}(): {Place(_path)} is not a leaf but the result of an operation: pass the param() values themselves");
            if (!_places.TryAdd(leaf, [.. _path]))
                throw new RuntimeError($"{function}(): {Place(_path)} is the same parameter as {Place(_places[leaf])}");
            Leaves.Add(leaf);
        }

        // A deep place shows its first and last indices: params[0][0][0][0]…[0][3] (100001 levels).
        private static string Place(IReadOnlyList<int> path)
        {
            string Indices(IEnumerable<int> part) => string.Concat(part.Select(i => $"[{i}]"));
            return path.Count <= 10
                ? "params" + Indices(path)
                : $"params{Indices(path.Take(4))}…{Indices(path.Skip(path.Count - 2))} ({path.Count} levels)";
        }
    }
}
