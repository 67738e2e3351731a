namespace GradScript.Adjoints;

using GradScript.Runtime;
using GradScript.Runtime.Nodes;

/// <summary>
/// A host's gradient calls of one script function by its generated adjoint
/// (<c>Engine.CallWithGradient</c> with spans), set up by the first call that
/// <see cref="GeneratedAdjoint.Prepare"/> let through at the start of a run. Of what Prepare checks
/// before a kernel runs, what cannot change between two host calls of the same function value was
/// settled by that call: the function's plan and its kernel for float64 leaves (a kernel, once
/// generated, is never replaced), the number of arguments and the threshold, and that a host call's
/// run, which begins afresh, has room for one call level, the call's steps before the first look at
/// the limits and its operations under the graph-size limit (the options are fixed).
/// The rest is checked at each call: the global still holds the function, the builtins the kernel
/// inlines and anomaly detection (<see cref="TryBegin"/>), the token and the stack (the caller).
/// </summary>
internal sealed class HostAdjoint(string name, GlobalCell cell, ScriptFunction function, AdjointKernel kernel)
{
    private readonly AdjointPlan _plan = function.Proto.Adjoint!;
    private readonly GlobalCell[] _globals = function.Closure.Globals;
    private readonly long _steps = 1 + function.Proto.Adjoint!.LoopSteps;

    /// <summary>The name the host calls it by.</summary>
    public readonly string Name = name;

    /// <summary>The global it was called through, which must still hold <see cref="Function"/>.</summary>
    public readonly GlobalCell Cell = cell;

    /// <summary>The function value it runs.</summary>
    public readonly ScriptFunction Function = function;

    /// <summary>The kernel it was made for.</summary>
    public readonly AdjointKernel Kernel = kernel;

    /// <summary>The kernel's code, read once here rather than through <see cref="Kernel"/> at each call.</summary>
    public readonly Func<double[], double[], double> Run = kernel.Run;

    /// <summary>Where the caller puts the arguments (one per parameter) and the kernel writes the gradient.</summary>
    public readonly double[] Inputs = new double[function.Proto.Adjoint!.ParameterCount],
        Gradient = new double[function.Proto.Adjoint!.ParameterCount];

    /// <summary>
    /// Begins a host call's run when the kernel may run now, counting its steps (see
    /// <see cref="ExecutionLimits.BeginCountedRun"/>); false, changing nothing, when the tape must do
    /// the call (a builtin redefined, anomaly detection on). The caller has found the stack deep
    /// enough and the token not cancelled, and holds the engine.
    /// </summary>
    public bool TryBegin(Interpreter interpreter)
    {
        if (!_plan.BuiltinsHold(_globals) || interpreter.Autograd.DetectAnomaly) return false;
        interpreter.Limits.BeginCountedRun(_steps);
        return true;
    }
}
