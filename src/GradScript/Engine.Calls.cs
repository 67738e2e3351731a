namespace GradScript;

using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using GradScript.Diagnostics;
using GradScript.Adjoints;
using GradScript.Runtime;
using GradScript.Runtime.Nodes;

// Calling script functions from the host, with or without their gradient.
public sealed partial class Engine
{
    /// <summary>
    /// Calls a global function (a script's <c>def</c>, a builtin or a host function) with positional
    /// arguments (CLR values as for <see cref="SetGlobal"/>) and returns its result as a CLR value
    /// (as <see cref="Evaluate"/> does). Runs with this engine's limits, like a run.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No global of that name is defined.</exception>
    /// <exception cref="ScriptRuntimeException">The global is not a function, or the call failed.</exception>
    public object? Call(string function, params object?[] arguments) =>
        ClrValues.ToClr(Invoke(function, arguments.Select(ClrValues.FromClr).ToArray(), default));

    /// <summary>
    /// Calls a global function of numbers and returns its value and its gradient with respect to
    /// each argument, in one call: each argument becomes a float64 parameter, the result is
    /// backpropagated, and each parameter's gradient is read (JAX's <c>value_and_grad</c>). A result
    /// that does not depend on the arguments has a zero gradient. Allocates the gradient and the
    /// result; a host calling in a loop can use the overload with spans, which allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="function"/> or <paramref name="arguments"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">No global of that name is defined.</exception>
    /// <exception cref="ScriptRuntimeException">The call failed, or its result is not a number.</exception>
    public ValueAndGradient CallWithGradient(string function, params double[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var gradient = new double[arguments.Length];
        double value = CallWithGradient(function, arguments, gradient);
        return new ValueAndGradient(value, gradient);
    }

    /// <summary>
    /// Calls a global function of numbers at <paramref name="arguments"/>, writes its gradient with
    /// respect to each argument into <paramref name="gradient"/> (∂f/∂argument i at index i) and
    /// returns its value: <see cref="CallWithGradient(string, double[])"/> for a host that calls in a
    /// loop. When the function's derivative is generated code (a straight-line function, after its
    /// first thousand gradient calls: see <c>docs/embedding.md</c>), a call allocates nothing;
    /// otherwise it runs on the recorded graph as the other overload does, with the same digits,
    /// errors and limits. The two spans may be the same memory: the arguments are read before any
    /// gradient is written. The engine's rule for threads holds: one call at a time per engine.
    /// </summary>
    /// <param name="function">The name of a global function (a script's <c>def</c>, a builtin or a host function).</param>
    /// <param name="arguments">One float64 per parameter, each differentiated by.</param>
    /// <param name="gradient">Where the gradient goes: exactly as long as <paramref name="arguments"/>.
    /// Left as it was when the call throws.</param>
    /// <returns>The function's value at <paramref name="arguments"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="function"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="gradient"/> is not as long as <paramref name="arguments"/>.</exception>
    /// <exception cref="KeyNotFoundException">No global of that name is defined.</exception>
    /// <exception cref="ScriptRuntimeException">The global is not a function, the call failed (wrong
    /// number of arguments, an error in the function), or its result is not a number.</exception>
    /// <exception cref="ScriptLimitException">A limit of the engine's options stopped the call.</exception>
    /// <exception cref="OperationCanceledException">The engine's cancellation token was cancelled.</exception>
    /// <exception cref="InvalidOperationException">Another thread is running this engine.</exception>
    public double CallWithGradient(string function, ReadOnlySpan<double> arguments, Span<double> gradient)
    {
        // The quick path, for the function a host calls in a loop: the one called this way last (see
        // HostAdjoint). Everything else takes the full checks (EnterGenerated). What depends on this
        // thread alone (its stack) or on no engine state (the token) is looked at before entering:
        // entering waits for the stores of the call before (the last gradient), and what comes
        // before it overlaps with them.
        var call = _lastAdjoint;
        if (call is null || !ReferenceEquals(call.Name, function) || arguments.Length != call.Inputs.Length
            || gradient.Length != arguments.Length || !RuntimeHelpers.TryEnsureSufficientExecutionStack()
            || Options.CancellationToken.IsCancellationRequested || !TryEnterQuick(call))
        {
            call = EnterGenerated(function, arguments.Length, gradient.Length);
            if (call is null) return OnTheTape(function, arguments, gradient);
        }
        var inputs = call.Inputs;
        for (int i = 0; i < inputs.Length; i++) inputs[i] = arguments[i];
        double value;
        try
        {
            value = call.Run(inputs, call.Gradient);
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
        var outputs = call.Gradient;
        for (int i = 0; i < outputs.Length; i++) gradient[i] = outputs[i];
        return value;
    }

    // The host's generated adjoint of the function it called by name last (written only inside the engine).
    private volatile HostAdjoint? _lastAdjoint;

    // Enters the engine for a call of the last function by its generated adjoint; false, with the
    // engine left, when the global holds another value now or HostAdjoint.TryBegin declines.
    private bool TryEnterQuick(HostAdjoint call)
    {
        Enter();
        if (ReferenceEquals(call.Cell.Value.Reference, call.Function) && call.TryBegin(_interpreter)) return true;
        Volatile.Write(ref _busy, 0);
        return false;
    }

    // The checks of the arguments, then GeneratedAdjoint.Prepare's checks in full, with the engine
    // entered and the run begun (without a timer: TryBeginBoundedRun); the adjoint that may run is
    // kept for the next call's quick path. Null when the tape must do it, with the engine left as it
    // was but for the run's limits, which the tape's run resets.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private HostAdjoint? EnterGenerated(string function, int count, int gradientLength)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (gradientLength != count) throw GradientLength(gradientLength, count);
        var target = HostTarget(function);
        var callee = target.Cell.Value;
        if (callee.IsUndefined) throw NotDefined(function);
        if (callee.Reference is not ScriptFunction { Proto.Adjoint: not null } script || count > Signature.MaxParameters) return null;
        Enter();
        if (_interpreter.TryBeginBoundedRun(Options.CancellationToken)
            && GeneratedAdjoint.Prepare(_interpreter, script, Signature.AllLeaves64, count) is { } kernel)
        {
            // Prepare let it through at the start of a run: a run begun afresh has room for it (HostAdjoint).
            if (target.Adjoint is not { } known || !ReferenceEquals(known.Function, script) || !ReferenceEquals(known.Kernel, kernel))
                target.Adjoint = new HostAdjoint(target.Name, target.Cell, script, kernel);
            return _lastAdjoint = target.Adjoint;
        }
        Volatile.Write(ref _busy, 0);
        return null;
    }

    private static ArgumentException GradientLength(int gradient, int arguments) =>
        new($"The gradient span has {gradient} elements for {arguments} arguments; it needs one per argument.", nameof(gradient));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private double OnTheTape(string function, ReadOnlySpan<double> arguments, Span<double> gradient)
    {
        var target = HostTarget(function);
        var (result, tape) = OnTheTape(function, target.Cell.Value, arguments.ToArray(), target.Site);
        tape.CopyTo(gradient);
        return result;
    }

    // Apart from CallWithGradient, so that the generated path does not allocate this lambda's closure.
    private (double Value, double[] Gradient) OnTheTape(string function, Value callee, double[] arguments, SourceSpan site) =>
        Guarded(() => site.Source, default, _ =>
        {
            // As backward(result) does, every node of the graph gets its gradient, a global param the function uses included.
            var (result, gradients, _) = PointGradient.At(_interpreter, Function(callee, function, site), PointGradient.Floats(arguments),
                [.. Enumerable.Range(0, arguments.Length)], site, function, PointGradient.Effect.SetsGradients, generated: false);
            var gradient = Array.ConvertAll(gradients, g => g.AsFloat);
            if (result.IsTracked) return (result.AsTracked.Data, gradient);
            if (result.TryGetDouble(out double plain) && !result.IsNone) return (plain, gradient);
            throw new ScriptRuntimeException($"{function}() returned a {result.TypeName}, not a number", site);
        });

    /// <summary>Calls a function value the host holds (see <see cref="ScriptCallable"/>).</summary>
    internal object? CallFunction(Value function, string name, object?[] arguments)
    {
        var values = arguments.Select(ClrValues.FromClr).ToArray();
        var site = HostCallSite(name);
        return ClrValues.ToClr(Guarded(() => site.Source, default, _ => CallValue(function, name, values, site)));
    }

    private Value Invoke(string name, Value[] arguments, CancellationToken cancellationToken)
    {
        var callee = Defined(name);
        var site = HostCallSite(name);
        return Guarded(() => site.Source, cancellationToken, _ => CallValue(callee, name, arguments, site));
    }

    private Value CallValue(Value callee, string name, Value[] arguments, SourceSpan site) =>
        Callable.CallValue(Function(callee, name, site), arguments, _interpreter, site);

    private static Value Function(Value callee, string name, SourceSpan site) =>
        callee.Reference is Callable ? callee : throw new ScriptRuntimeException($"'{name}' is a {callee.TypeName}, not a function", site);

    // The global a host calls by name, its call site, and the generated adjoint of the function it
    // held at the last such call (written only inside the engine). Each name's is kept: a host calling
    // one function in a loop passes the same string each time and finds the last by reference, and
    // one calling several in turn finds each without allocating. A name's cell never changes (a
    // global deleted or redefined changes its value), so only the value is read anew.
    private sealed class Target(string name, GlobalCell cell, SourceSpan site)
    {
        public readonly string Name = name;
        public readonly GlobalCell Cell = cell;
        public readonly SourceSpan Site = site;
        public HostAdjoint? Adjoint;
    }

    private volatile Target? _lastTarget;
    private readonly ConcurrentDictionary<string, Target> _targets = new(StringComparer.Ordinal);

    private Target HostTarget(string name)
    {
        if (_lastTarget is { } last && ReferenceEquals(last.Name, name)) return last;
        if (!_targets.TryGetValue(name, out var target))
        {
            if (!_interpreter.Globals.TryGetValue(name, out var cell)) throw NotDefined(name);
            target = _targets.GetOrAdd(name, new Target(name, cell, HostCallSite(name)));
        }
        return _lastTarget = target;
    }

    // Calls from the host have no place in a script; errors name the host as the caller. One source
    // text per function name, kept, so a call in a host's loop does not build one each time. (Looked
    // up before the engine's busy check, so safe for threads.)
    private SourceSpan HostCallSite(string function) =>
        _hostCallSites.GetOrAdd(function, name => new(new SourceText("<host>", name), 1, 1, 1, 1));

    private readonly ConcurrentDictionary<string, SourceSpan> _hostCallSites = new(StringComparer.Ordinal);
}

/// <summary>A function's value and its gradient with respect to each argument, in argument order.</summary>
public sealed record ValueAndGradient(double Value, IReadOnlyList<double> Gradient);
