namespace GradScript.Runtime;

using GradScript.Autograd;

/// <summary>Wraps a host's C# delegates as script functions.</summary>
internal static class HostFunctions
{
    public static NativeFunction Unary(string name, Func<double, double> function, Func<double, double>? derivative) =>
        new(name, (interpreter, in args) =>
        {
            if (args.Count != 1) throw new RuntimeError($"{name}() takes 1 argument but {args.Count} were given");
            var v = args[0];
            if (!v.TryGetDouble(out double x) || v.IsNone) throw new RuntimeError($"{name}() expects a number, got {v.TypeName}");
            double y = function(x);
            if (v.IsTracked && derivative is not null && interpreter.IsRecording)
                return Value.Object(interpreter.Record(Differentiable.Host(v.AsTracked, y, derivative(x)), args.CallSite));
            return Value.Float(y);
        });

    public static NativeFunction FromDelegate(string name, Delegate function)
    {
        if (function is Func<double, double> unary) return Unary(name, unary, null);
        var parameters = function.Method.GetParameters();
        return new NativeFunction(name, (_, in args) =>
        {
            if (args.Count != parameters.Length)
                throw new RuntimeError($"{name}() takes {parameters.Length} arguments but {args.Count} were given");
            var values = new object?[parameters.Length];
            for (int i = 0; i < values.Length; i++) values[i] = Convert(args[i], parameters[i].ParameterType, name);
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

    private static object? Convert(Value v, Type type, string name)
    {
        if (type == typeof(object)) return ClrValues.ToClr(v);
        if (type == typeof(string)) return v.Reference as string ?? Formatter.Str(v);
        if (type == typeof(bool)) return v.IsTruthy;
        if (type == typeof(double[]))
            return Iteration.Items(v).Select(item => item.TryGetDouble(out double d) ? d : throw new RuntimeError($"{name}() expects a list of numbers")).ToArray();
        if (!v.TryGetDouble(out double x) || v.IsNone) throw new RuntimeError($"{name}() expects a number, got {v.TypeName}");
        if (type == typeof(double)) return x;
        if (type == typeof(float)) return (float)x;
        if (type == typeof(long)) return (long)x;
        if (type == typeof(int)) return (int)x;
        throw new RuntimeError($"{name}() has a parameter of type {type.Name}, which scripts cannot pass");
    }
}
