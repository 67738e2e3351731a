namespace GradScript.Runtime;

using GradScript.Diagnostics;

// gradcheck(f, x1, x2, …): PyTorch's torch.autograd.gradcheck for a script's own functions.
internal static partial class Builtins
{
    /// <summary>PyTorch gradcheck's defaults: the central difference's step and the tolerances |a − n| ≤ atol + rtol·|n|.</summary>
    private const double GradCheckEps = 1e-6, GradCheckAtol = 1e-5, GradCheckRtol = 1e-3;

    private static IEnumerable<NativeFunction> GradCheckFunctions() =>
    [
        new("gradcheck", GradCheck, ["eps", "atol", "rtol", "raise_exception"]),
    ];

    /// <summary>
    /// Compares backward's gradient of f at a point with central differences, argument by argument.
    /// The analytic gradient comes from one call of f on fresh float64 params (recorded even inside
    /// no_grad), backpropagated as a function transform is, leaving every node's grad as it was (a
    /// global param f uses included), so a check in the middle of training changes nothing; the
    /// numeric one from calls on plain floats, unrecorded. Returns true, or raises an error naming
    /// the first argument whose gradients disagree (false instead with raise_exception=false).
    /// </summary>
    private static Value GradCheck(Interpreter interpreter, in Arguments args)
    {
        if (args.Count == 0 || args[0].Reference is not Callable function)
            throw new RuntimeError($"gradcheck() expects a function, got {(args.Count == 0 ? "nothing" : args[0].TypeName)}");
        if (args.Count == 1) throw new RuntimeError("gradcheck() needs a point: at least one number after the function");
        var point = new double[args.Count - 1];
        for (int i = 0; i < point.Length; i++) point[i] = Number(args[i + 1], "gradcheck");
        double eps = Tolerance(args, "eps", GradCheckEps, zeroAllowed: false);
        double atol = Tolerance(args, "atol", GradCheckAtol, zeroAllowed: true);
        double rtol = Tolerance(args, "rtol", GradCheckRtol, zeroAllowed: true);
        bool raise = Flag(args, "raise_exception", true);
        var site = args.CallSite;

        var (result, gradients, _) = PointGradient.At(interpreter, Value.Object(function), PointGradient.Floats(point),
            [.. Enumerable.Range(0, point.Length)], site, "gradcheck()");
        Result(result, function);   // a number; one that does not depend on the point has a zero gradient
        using (interpreter.Autograd.NoGrad())
        {
            var shifted = (double[])point.Clone();
            for (int i = 0; i < point.Length; i++)
            {
                shifted[i] = point[i] + eps;
                double above = Result(CallWith(interpreter, function, shifted, site), function);
                shifted[i] = point[i] - eps;
                double below = Result(CallWith(interpreter, function, shifted, site), function);
                shifted[i] = point[i];
                double numeric = (above - below) / (2 * eps);
                double analytic = gradients[i].AsFloat;
                if (Math.Abs(analytic - numeric) <= atol + rtol * Math.Abs(numeric)) continue;
                if (!raise) return Value.False;
                throw new RuntimeError(
                    $"gradcheck(): gradient mismatch for {ArgumentName(function, i)} of {function.Name} at " +
                    $"({string.Join(", ", point.Select(NumberFormat.FormatFloat))}): " +
                    $"analytic {NumberFormat.FormatFloat(analytic)}, numeric {NumberFormat.FormatFloat(numeric)}");
            }
        }
        return Value.True;
    }

    private static Value CallWith(Interpreter interpreter, Callable function, double[] point, in SourceSpan site) =>
        Callable.CallValue(Value.Object(function), PointGradient.Floats(point), interpreter, site);

    private static double Result(Value result, Callable function) =>
        result.TryGetDouble(out double d) && !result.IsNone
            ? d
            : throw new RuntimeError($"gradcheck(): {function.Name}() returned a {result.TypeName}, not a number");

    private static string ArgumentName(Callable function, int i) =>
        function is Nodes.ScriptFunction script && i < script.Proto.Parameters.Length
            ? $"argument {i + 1} ({script.Proto.Parameters[i]})"
            : $"argument {i + 1}";

    private static double Tolerance(in Arguments args, string keyword, double fallback, bool zeroAllowed)
    {
        if (!args.TryGetKeyword(keyword, out var v)) return fallback;
        if (v.IsPlainNumber && v.TryGetDouble(out double d) && double.IsFinite(d) && (d > 0 || (zeroAllowed && d == 0))) return d;
        throw new RuntimeError($"gradcheck() {keyword} must be a {(zeroAllowed ? "non-negative" : "positive")} number, got {Formatter.Brief(v)}");
    }
}
