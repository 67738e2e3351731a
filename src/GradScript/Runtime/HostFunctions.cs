namespace GradScript.Runtime;

using GradScript.Autograd;
using GradScript.Diagnostics;

/// <summary>Wraps a host's C# delegates as script functions.</summary>
internal static class HostFunctions
{
    /// <summary>
    /// A function of numbers (<paramref name="arity"/> of them, or any number when negative). With a
    /// gradient and a tracked argument, the result is recorded as depending on each tracked
    /// argument with the host's partial derivative; a node has two parents, so the result is a
    /// short chain of nodes carrying the same value, one more input each.
    /// </summary>
    public static NativeFunction Numeric(string name, int arity, Func<double[], double> function, Func<double[], double[]>? gradient) =>
        new(name, (interpreter, in args) =>
        {
            if (arity >= 0 && args.Count != arity)
                throw new RuntimeError(Arity.Wrong(name, arity, arity, args.Count));
            var x = new double[args.Count];
            bool tracked = false;
            for (int i = 0; i < x.Length; i++)
            {
                if (!args[i].TryGetDouble(out x[i]) || args[i].IsNone) throw new RuntimeError($"{name}() expects numbers, got {args[i].TypeName}");
                tracked |= args[i].IsTracked;
            }
            double y = function(x);
            if (!tracked || gradient is null || !interpreter.Autograd.IsRecording) return Value.Float(y);

            double[] partials = gradient(x);
            if (partials.Length != x.Length)
                throw new RuntimeError($"{name}(): the host's gradient has {partials.Length} entries for {x.Length} arguments");
            TrackedValue? result = null;
            for (int i = 0; i < x.Length; i++)
            {
                if (!args[i].IsTracked) continue;
                result = interpreter.Autograd.HostNode(result, args[i].AsTracked, y, partials[i], args.CallSite);
            }
            return Value.Object(result!);
        });

    public static NativeFunction FromDelegate(string name, Delegate function)
    {
        var parameters = function.Method.GetParameters();
        return new NativeFunction(name, (interpreter, in args) =>
        {
            if (args.Count != parameters.Length)
                throw new RuntimeError(Arity.Wrong(name, parameters.Length, parameters.Length, args.Count));
            var values = new object?[parameters.Length];
            for (int i = 0; i < values.Length; i++) values[i] = Convert(args[i], parameters[i].ParameterType, name, interpreter, args.CallSite);
            object? result;
            try { result = function.DynamicInvoke(values); }
            catch (System.Reflection.TargetInvocationException e) when (e.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                throw;
            }
            return function.Method.ReturnType == typeof(void) ? Value.None : ClrValues.FromClr(result);
        });
    }

    private static object? Convert(Value v, Type type, string name, Interpreter interpreter, in SourceSpan at)
    {
        if (type == typeof(object)) return ClrValues.ToClr(v);
        if (type == typeof(string)) return v.Reference as string ?? Formatter.Str(v);
        if (type == typeof(bool)) return v.IsTruthy;
        if (type == typeof(double[]))
            return Iteration.Items(v, interpreter, at).Select(item => item.TryGetDouble(out double d) ? d : throw new RuntimeError($"{name}() expects a list of numbers")).ToArray();
        if (!v.TryGetDouble(out double x) || v.IsNone) throw new RuntimeError($"{name}() expects a number, got {v.TypeName}");
        if (type == typeof(double)) return x;
        if (type == typeof(float)) return (float)x;
        if (type == typeof(long)) return (long)x;
        if (type == typeof(int)) return (int)x;
        throw new RuntimeError($"{name}() has a parameter of type {type.Name}, which scripts cannot pass");
    }
}
