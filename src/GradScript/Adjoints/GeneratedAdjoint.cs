namespace GradScript.Adjoints;

using System.Runtime.CompilerServices;
using GradScript.Diagnostics;
using GradScript.Runtime;
using GradScript.Runtime.Nodes;

/// <summary>
/// Where a gradient asked of a script function (<see cref="PointGradient"/>, a host's
/// <see cref="Engine.CallWithGradient(string, double[])"/>) takes the generated adjoint instead of the tape. It does
/// only when nothing the tape would do could be seen to differ: the function has a plan, its builtins
/// are still the builtins, anomaly detection is off, the call fits the depth limit, the graph would
/// fit the graph-size limit, and the call's steps (the call and each loop iteration) would not reach
/// a look at the limits; then it counts those steps and the recorded operations as the interpreter
/// would have. Otherwise it declines, changing nothing, and the caller runs the tape, where every
/// limit acts at its own place.
/// </summary>
internal static class GeneratedAdjoint
{
    /// <summary>
    /// Gradient calls of a function before its adjoint is generated (<see cref="Interpreter.AdjointThreshold"/>'s
    /// default). Generating a ten-operation kernel (expression compiler and JIT) was measured at 8–60 ms
    /// on a loaded 2-core machine, where a call on the tape took about 2 µs: it pays for itself after
    /// thousands of calls, which a host's or a training loop's function reaches, and a function
    /// differentiated a few times never pays it.
    /// </summary>
    public const int DefaultThreshold = 1000;

    /// <summary>
    /// Value and gradient of <paramref name="function"/> at <paramref name="inputs"/> (one number per
    /// parameter, kinds as in <paramref name="signature"/>); each leaf parameter's gradient is written
    /// to <paramref name="gradients"/> by parameter index. False, with nothing changed, when the tape must do it.
    /// </summary>
    public static bool TryRun(Interpreter interpreter, ScriptFunction function, ulong signature, double[] inputs, double[] gradients,
        in SourceSpan site, out double value)
    {
        value = 0;
        if (Prepare(interpreter, function, signature, inputs.Length) is not { } kernel) return false;
        value = kernel.Run(inputs, gradients);
        return true;
    }

    /// <summary>
    /// The kernel that computes <paramref name="function"/>'s value and gradient for
    /// <paramref name="signature"/> and <paramref name="count"/> arguments, with the call's steps and
    /// operations counted, for the caller to run at once; null, with nothing changed, when the tape
    /// must do it (see the class).
    /// </summary>
    public static AdjointKernel? Prepare(Interpreter interpreter, ScriptFunction function, ulong signature, int count)
    {
        var plan = function.Proto.Adjoint;
        int threshold = interpreter.AdjointThreshold;
        if (plan is null || threshold < 0 || count != plan.ParameterCount) return null;
        var autograd = interpreter.Autograd;
        if (autograd.DetectAnomaly || plan.KernelFor(signature, threshold) is not { } kernel) return null;
        if (!plan.BuiltinsHold(function.Closure.Globals)) return null;
        var limits = interpreter.Limits;
        if (limits.CallDepth >= limits.MaxCallDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack() || !autograd.CanRecord(kernel.Nodes)
            || !limits.TryAdvance(1 + plan.LoopSteps))
            return null;
        autograd.CountUnrecorded(kernel.Nodes);
        return kernel;
    }

    /// <summary>
    /// <see cref="PointGradient.At"/> by the generated adjoint, when <paramref name="arguments"/> fit
    /// one: as many as the parameters, those at <paramref name="by"/> numbers (each differentiated by
    /// once) and the rest plain numbers, none tracked where something outside records.
    /// </summary>
    public static bool TryAt(Interpreter interpreter, ScriptFunction function, Value[] arguments, int[] by, in SourceSpan site,
        out PointGradient.Outcome outcome)
    {
        outcome = default;
        if (function.Proto.Adjoint is null || arguments.Length > Signature.MaxParameters) return false;
        // Outside any recording a tracked argument differentiated by is a fresh leaf of its dtype; one
        // not differentiated by would bring its own history into the graph: the tape's.
        bool recording = interpreter.Autograd.IsRecording;
        ulong signature = 0;
        var inputs = new double[arguments.Length];
        for (int i = 0; i < arguments.Length; i++)
        {
            var argument = arguments[i];
            if (argument.IsTracked ? recording : !argument.IsFloat && !argument.IsInt) return false;
            inputs[i] = argument.IsTracked ? argument.AsTracked.Data : argument.IsFloat ? argument.AsFloat : argument.AsInt;
            signature = Signature.With(signature, i, ParameterKind.Plain);
        }
        foreach (int index in by)
        {
            if ((uint)index >= (uint)arguments.Length || Signature.Of(signature, index) != ParameterKind.Plain) return false; // or by twice
            var kind = arguments[index].IsTracked && arguments[index].AsTracked.IsFloat32 ? ParameterKind.Leaf32 : ParameterKind.Leaf64;
            signature = Signature.With(signature & ~(3UL << (2 * index)), index, kind);
        }
        for (int i = 0; i < arguments.Length; i++)
        {
            if (arguments[i].IsTracked && Signature.Of(signature, i) == ParameterKind.Plain) return false;
        }
        var all = new double[arguments.Length];
        if (!TryRun(interpreter, function, signature, inputs, all, site, out double value)) return false;
        var gradients = new Value[by.Length];
        for (int k = 0; k < by.Length; k++) gradients[k] = Value.Float(all[by[k]]);
        outcome = new PointGradient.Outcome(Value.Float(value), gradients, Nested: false);
        return true;
    }
}
