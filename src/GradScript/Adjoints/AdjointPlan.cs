namespace GradScript.Adjoints;

using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using GradScript.Autograd;
using GradScript.Runtime;

/// <summary>Where an operand of a step comes from.</summary>
internal enum OperandKind
{
    /// <summary>The function's parameter <see cref="Operand.Index"/>.</summary>
    Parameter,

    /// <summary>The result of step <see cref="Operand.Index"/>.</summary>
    Step,

    /// <summary>A plain number known when compiling: a literal, or one folded from literals.</summary>
    Constant,
}

/// <summary>An operand of a step: a parameter or step by <see cref="Index"/>, or the plain number <see cref="Constant"/> (an int or a float).</summary>
internal readonly record struct Operand(OperandKind Kind, int Index, Value Constant)
{
    public static Operand Parameter(int index) => new(OperandKind.Parameter, index, default);

    public static Operand Step(int index) => new(OperandKind.Step, index, default);

    public static Operand Number(Value value) => new(OperandKind.Constant, 0, value);

    /// <summary>A constant as a recorded operation reads its plain operand.</summary>
    public double Double => Constant.TryGetDouble(out double d) ? d : throw new InvalidOperationException("not a number");
}

/// <summary>
/// One operation the function records when it runs, in the order it records them. A unary step
/// (<see cref="IsUnary"/>) reads <see cref="Left"/> only. <see cref="Compound"/> marks <c>x op= v</c>,
/// which updates a leaf in place instead of recording: a signature where its left operand is a
/// parameter (a leaf) is not generated.
/// </summary>
internal sealed record Step(Op Op, Operand Left, Operand Right, bool IsUnary, bool Compound = false);

/// <summary>A guard: the global in slot <see cref="Slot"/> of the function's script still holds <see cref="Builtin"/> (builtins are shared by every engine).</summary>
internal readonly record struct BuiltinGuard(int Slot, NativeFunction Builtin);

/// <summary>
/// A function body as a straight line of recorded operations (<see cref="PlanBuilder"/> makes it when
/// the function is compiled), and the adjoint code generated from it for each signature it is called
/// with (<see cref="AdjointCompiler"/>). Immutable but for its caches, which are safe for threads:
/// a compiled script, and so its plans, is shared between engines.
/// </summary>
internal sealed class AdjointPlan(int parameterCount, Step[] steps, Operand result, BuiltinGuard[] guards, long loopSteps)
{
    /// <summary>Steps the interpreter counts for the call besides the call itself: one per iteration of each unrolled loop.</summary>
    public long LoopSteps { get; } = loopSteps;

    public int ParameterCount { get; } = parameterCount;

    public Step[] Steps { get; } = steps;

    public Operand Result { get; } = result;

    public BuiltinGuard[] Guards { get; } = guards;

    /// <summary>Whether every builtin the plan inlines is still that builtin in <paramref name="globals"/>, the function's script's globals.</summary>
    public bool BuiltinsHold(GlobalCell[] globals)
    {
        foreach (var guard in Guards)
        {
            if (!ReferenceEquals(globals[guard.Slot].Value.Reference, guard.Builtin)) return false;
        }
        return true;
    }

    // A signature that cannot be generated is cached as null, so it is looked at once.
    private readonly ConcurrentDictionary<ulong, AdjointKernel?> _kernels = new();

    // The last kernel used: a host calling one function in a loop reads one field.
    private volatile AdjointKernel? _last;

    private int _calls;

    /// <summary>Signatures generated so far (for tests).</summary>
    internal int KernelCount => _kernels.Values.Count(k => k is not null);

    /// <summary>
    /// The kernel for <paramref name="signature"/> (<see cref="Signature"/>), generating it when the
    /// function has been asked for its gradient <paramref name="threshold"/> times; null before that
    /// and for a signature the generator does not handle.
    /// </summary>
    public AdjointKernel? KernelFor(ulong signature, int threshold)
    {
        if (_last is { } last && last.Signature == signature) return last;
        if (_kernels.TryGetValue(signature, out var known)) return _last = known;
        if (threshold > 0 && Interlocked.Increment(ref _calls) < threshold) return null;
        // Two threads may generate the same kernel at once; one of them is kept. Compiled ahead of time
        // (Native AOT) nothing is generated (the interpreter's Tiering says so first), and this feature
        // switch, folded by the AOT compiler, leaves the expression-tree code out of that build.
        var kernel = _kernels.GetOrAdd(signature, RuntimeFeature.IsDynamicCodeSupported ? AdjointCompiler.TryCompile(this, signature) : null);
        if (kernel is not null) _last = kernel;
        return kernel;
    }
}
