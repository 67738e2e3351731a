namespace GradScript.Runtime.Members;

using GradScript.Autograd;
using GradScript.Runtime.Optimizers;

// PyTorch's spelling on tracked values and plain numbers, with PyTorch's meaning: `.backward()`
// accumulates, `.grad` is none until a backward reaches a leaf, `.data` reads and (on a leaf)
// writes the value unrecorded. A plain number acts as a tensor that does not require grad, except
// that `.grad` and `.backward()` on it are errors: they catch a forgotten param().
internal static partial class Members
{
    private const string ForgottenParam = " (was it computed from a param()?)";

    private static void DefineTracked(Dictionary<string, MemberSet> table)
    {
        const Receiver T = Receiver.Tracked;
        Getter(table, T, "grad", (interpreter, self) => GradOf(interpreter, self.AsTracked));
        Setter(table, T, "grad", SetGrad);
        Getter(table, T, "data", (_, self) => Value.Float(self.AsTracked.Data));
        Setter(table, T, "data", SetData);
        Getter(table, T, "requires_grad", (_, _) => Value.True);
        Getter(table, T, "is_leaf", (_, self) => Value.Bool(self.AsTracked.IsLeaf));
        Getter(table, T, "grad_fn", (_, self) => self.AsTracked.IsLeaf ? Value.None : Value.String(self.AsTracked.Op.ToString().ToLowerInvariant()));
        Method(table, T, "item", (_, in a) => { Arity(a, "item", 0); return Value.Float(a[0].AsTracked.Data); });
        Method(table, T, "detach", (_, in a) => { Arity(a, "detach", 0); return Value.Float(a[0].AsTracked.Data); });
        Method(table, T, "backward", Backward, "retain_graph", "create_graph");
    }

    private static void DefineNumbers(Dictionary<string, MemberSet> table)
    {
        const Receiver N = Receiver.Number;
        Getter(table, N, "grad", (_, self) => throw NoAttribute(self, "grad", ForgottenParam));
        Getter(table, N, "data", (_, self) => self);
        Getter(table, N, "requires_grad", (_, _) => Value.False);
        Getter(table, N, "is_leaf", (_, _) => Value.True);
        Getter(table, N, "grad_fn", (_, _) => Value.None);
        Method(table, N, "item", (_, in a) => { Arity(a, "item", 0); return a[0]; });
        Method(table, N, "detach", (_, in a) => { Arity(a, "detach", 0); return a[0]; });
        Method(table, N, "backward", (_, in a) =>
            throw new RuntimeError($"RuntimeError: element 0 of tensors does not require grad and does not have a grad_fn: backward() needs a tracked value, got {a[0].TypeName}{ForgottenParam}"),
            "retain_graph", "create_graph");
        Method(table, N, "zero_", (_, in a) =>
            throw NoAttribute(a[0], "zero_", " (a gradient read out is a number: write w.grad.zero_() to zero w's)"));
        // A list of losses is not one scalar: PyTorch's message for a tensor with several elements.
        Method(table, Receiver.List, "backward", (_, in a) =>
            throw new RuntimeError("RuntimeError: grad can be implicitly created only for scalar outputs: backward() needs one tracked value, not a list (sum the losses first)"),
            "retain_graph", "create_graph");
    }

    private static void DefineOptimizers(Dictionary<string, MemberSet> table)
    {
        const Receiver O = Receiver.Optimizer;
        Method(table, O, "step", (interpreter, in a) =>
        {
            Arity(a, "step", 0);
            var optimizer = (Optimizer)a[0].Reference!;
            optimizer.Step();
            optimizer.MarkChanged(interpreter);
            return Value.None;
        });
        // PyTorch's default since 2.0: the gradients become none, and a step skips those leaves.
        Method(table, O, "zero_grad", (interpreter, in a) =>
        {
            Arity(a, "zero_grad", 0);
            bool toNone = !a.TryGetKeyword("set_to_none", out var flag) || flag.IsTruthy;
            ((Optimizer)a[0].Reference!).ZeroGrad(interpreter, toNone);
            return Value.None;
        }, "set_to_none");
    }

    /// <summary>PyTorch's <c>.grad</c>: none for a value that is not a leaf or that no backward has reached.</summary>
    private static Value GradOf(Interpreter interpreter, TrackedValue node)
    {
        if (!node.IsLeaf || !node.HasGrad) return Value.None;
        return interpreter.Autograd.TrackedGradient(node) is { } tracked ? Value.Object(tracked) : Value.Float(node.Grad);
    }

    /// <summary><c>w.grad = none</c> forgets the gradient; <c>w.grad = 0.0</c> sets it.</summary>
    private static void SetGrad(Interpreter interpreter, Value self, Value value)
    {
        var node = self.AsTracked;
        if (!node.IsLeaf) throw new RuntimeError("RuntimeError: .grad can be assigned only on a leaf (a param())");
        interpreter.Autograd.SetTrackedGradient(node, null);
        if (value.IsNone)
        {
            node.Grad = 0;
            node.HasGrad = false;
            return;
        }
        node.Grad = Rounded(node, PlainNumber(value, ".grad"));
        node.HasGrad = true;
    }

    /// <summary>
    /// <c>w.data = v</c>: the leaf's value changes in place, unrecorded. As in PyTorch, a write through
    /// <c>.data</c> is not seen by autograd's check of in-place changes (an optimizer step is).
    /// </summary>
    private static void SetData(Interpreter interpreter, Value self, Value value)
    {
        var node = self.AsTracked;
        if (!node.IsLeaf)
            throw new RuntimeError("RuntimeError: .data can be assigned only on a leaf (a param()): the result of an operation is fixed");
        node.Data = Rounded(node, PlainNumber(value, ".data"));
    }

    private static double Rounded(TrackedValue node, double value) => node.IsFloat32 ? (float)value : value;

    private static double PlainNumber(Value value, string attribute)
    {
        if (value.TryGetDouble(out double d) && !value.IsNone) return d;
        throw new RuntimeError($"TypeError: {attribute} must be a number, not {value.TypeName}");
    }

    // l.backward() accumulates, as PyTorch's does; the graph stays, so retain_graph changes nothing.
    private static Value Backward(Interpreter interpreter, in Arguments a)
    {
        Arity(a, "backward", 0);
        var root = a[0].AsTracked;
        if (a.TryGetKeyword("create_graph", out var createGraph) && createGraph.IsTruthy)
            Builtins.BackwardRecorded(interpreter, root, accumulate: true, a.CallSite);
        else interpreter.Autograd.Backward(root, accumulate: true, a.CallSite);
        return Value.None;
    }
}
