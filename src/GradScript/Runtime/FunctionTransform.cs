namespace GradScript.Runtime;

using GradScript.Autograd;
using GradScript.Diagnostics;

/// <summary>
/// JAX-style transforms: <c>grad(f)</c> and <c>value_and_grad(f)</c> return a function that calls
/// f and gives ∂f/∂(chosen arguments) at the point it is called with. Plain numbers become fresh
/// parameters; a tracked argument (from an enclosing transform or graph) is wrapped so that the
/// gradient is recorded as a function of it, which is what makes <c>grad(grad(f))</c> a second
/// derivative. No node's <c>grad</c> is changed: the gradient is the result, not a side effect.
/// </summary>
internal sealed class FunctionTransform(Value function, int[] argumentIndices, bool listResult, bool withValue)
{
    /// <summary>The builtin that the transform is, named as it was made: grad(loss).</summary>
    public NativeFunction ToFunction(string transformName)
    {
        string name = $"{transformName}({(function.Reference as Callable)?.Name ?? "f"})";
        return new NativeFunction(name, (interpreter, in args) => Apply(interpreter, args, name));
    }

    private Value Apply(Interpreter interpreter, in Arguments args, string name)
    {
        foreach (int index in argumentIndices)
        {
            if (index >= args.Count)
                throw new RuntimeError($"{name}: argnums asks for argument {index} but {args.Count} {(args.Count == 1 ? "was" : "were")} given");
        }

        // Gradients are recorded only when something outside already records (a nested transform
        // or a graph the result feeds); inside no_grad the transform still differentiates.
        bool outerRecording = interpreter.IsRecording;
        int noGrad = interpreter.NoGradDepth;
        interpreter.NoGradDepth = 0;
        try
        {
            var arguments = args.Positional.ToArray();
            var inputs = new TrackedValue[argumentIndices.Length];
            // The gradient is a function of any tracked argument, differentiated by or not: in
            // grad(grad(f, argnums=0), argnums=1)(x, y), ∂f/∂x depends on the tracked y.
            bool nested = outerRecording && arguments.Any(a => a.IsTracked);
            for (int k = 0; k < inputs.Length; k++)
            {
                var argument = arguments[argumentIndices[k]];
                if (!argument.TryGetDouble(out double x) || argument.IsNone || argument.IsBool)
                    throw new RuntimeError($"{name}: argument {argumentIndices[k]} must be a number to differentiate by, got {argument.TypeName}");
                if (argument.IsTracked && outerRecording)
                {
                    var outer = argument.AsTracked;
                    inputs[k] = interpreter.Record(new TrackedValue(Op.Identity, outer.Data, outer.IsFloat32, outer), args.CallSite);
                }
                else inputs[k] = new TrackedValue(x, isFloat32: argument.IsTracked && argument.AsTracked.IsFloat32);
                arguments[argumentIndices[k]] = Value.Object(inputs[k]);
            }

            var result = Callable.CallValue(function, arguments, interpreter, args.CallSite);
            var gradients = Differentiate(interpreter, result, inputs, nested, args.CallSite, name);
            if (!nested) result = Value.Float(result.TryGetDouble(out double v) ? v : 0);
            var gradient = listResult ? Value.Object(new ListValue([.. gradients])) : gradients[0];
            return withValue ? Value.Object(new ListValue([result, gradient])) : gradient;
        }
        finally
        {
            interpreter.NoGradDepth = noGrad;
        }
    }

    private static Value[] Differentiate(Interpreter interpreter, Value result, TrackedValue[] inputs, bool nested, SourceSpan at, string name)
    {
        var gradients = new Value[inputs.Length];
        if (!result.IsTracked)
        {
            if (!result.IsPlainNumber) throw new RuntimeError($"{name}: the function must return a number, got {result.TypeName}");
            Array.Fill(gradients, Value.Float(0.0));
            return gradients;
        }
        if (nested)
        {
            var all = new HigherOrder(interpreter, at).Gradients(result.AsTracked);
            for (int k = 0; k < inputs.Length; k++) gradients[k] = all.TryGetValue(inputs[k], out var g) ? g : Value.Float(0.0);
            return gradients;
        }
        var plain = interpreter.Backpropagation.GradientsOf(result.AsTracked, inputs, interpreter, at);
        for (int k = 0; k < inputs.Length; k++) gradients[k] = Value.Float(plain[k]);
        return gradients;
    }
}
