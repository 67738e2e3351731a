namespace GradScript.Runtime;

/// <summary>
/// JAX-style transforms: <c>grad(f)</c> and <c>value_and_grad(f)</c> return a function that calls
/// f and gives ∂f/∂(chosen arguments) at the point it is called with (<see cref="PointGradient"/>).
/// No node's <c>grad</c> is changed: the gradient is the result, not a side effect.
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
        var (result, gradients, nested) = PointGradient.At(interpreter, function, args.Positional.ToArray(), argumentIndices, args.CallSite, name);
        if (!result.IsTracked && !result.IsPlainNumber) throw new RuntimeError($"{name}: the function must return a number, got {result.TypeName}");
        if (!nested) result = Value.Float(result.TryGetDouble(out double v) ? v : 0);
        var gradient = listResult ? Value.Object(new ListValue([.. gradients])) : gradients[0];
        return withValue ? Value.Object(new ListValue([result, gradient])) : gradient;
    }
}
