namespace GradScript.Runtime.Nodes;

using System.Runtime.CompilerServices;
using GradScript.Diagnostics;
using GradScript.Runtime.Tier;

/// <summary>What the compiler knows of a <c>def</c>: its parameters, frame size and body.</summary>
internal sealed class FunctionProto(string name, string[] parameters, int slotCount, Instruction[] body, SourceSpan span)
{
    public string Name { get; } = name;
    public string[] Parameters { get; } = parameters;
    public int SlotCount { get; } = slotCount;
    public Instruction[] Body { get; } = body;

    /// <summary>The body as calls run it: interpreted, then compiled once the function runs hot.</summary>
    public HotBody Hot { get; } = new(body);
    public SourceSpan Span { get; } = span;

    /// <summary>The body as a straight line of recorded operations, when it is one: its gradient can be generated code (<see cref="Adjoints.GeneratedAdjoint"/>).</summary>
    public Adjoints.AdjointPlan? Adjoint { get; init; }

    public int IndexOf(string parameter) => Array.IndexOf(Parameters, parameter);
}

/// <summary>
/// A function value: the compiled function with the frame it was defined in (its closure) and its
/// default values, evaluated once at definition as in Python.
/// </summary>
internal sealed class ScriptFunction(FunctionProto proto, Frame closure, Value[] defaults) : Callable(proto.Name)
{
    public FunctionProto Proto { get; } = proto;
    public Frame Closure { get; } = closure;

    /// <summary>Defaults by parameter index; undefined where a parameter has none.</summary>
    public Value[] Defaults { get; } = defaults;

    /// <summary>The frame slots for positional arguments, with defaults filled in (for calls from the host).</summary>
    public Value[] Bind(ReadOnlySpan<Value> arguments, in SourceSpan callSite)
    {
        if (arguments.Length > Proto.Parameters.Length) throw TooManyArguments(arguments.Length, callSite);
        var slots = new Value[Proto.SlotCount];
        arguments.CopyTo(slots);
        FillDefaults(slots, arguments.Length, callSite);
        return slots;
    }

    /// <summary>Gives each parameter from <paramref name="given"/> on that has no value its default, or fails.</summary>
    public void FillDefaults(Value[] slots, int given, in SourceSpan callSite)
    {
        for (int i = given; i < Proto.Parameters.Length; i++)
        {
            if (!slots[i].IsUndefined) continue;
            if (Defaults[i].IsUndefined) throw MissingArguments(slots, callSite);
            slots[i] = Defaults[i];
        }
    }

    // Every required parameter still without a value, as CPython names them all.
    private ScriptRuntimeException MissingArguments(Value[] slots, in SourceSpan callSite)
    {
        var missing = Proto.Parameters.Where((_, i) => slots[i].IsUndefined && Defaults[i].IsUndefined).ToList();
        return new(Arity.Missing(Name, missing), callSite);
    }

    public ScriptRuntimeException TooManyArguments(int given, in SourceSpan callSite)
    {
        int required = Defaults.Count(d => d.IsUndefined);
        return new(Arity.Wrong(Name, required, Proto.Parameters.Length, given), callSite);
    }

    /// <summary>
    /// Runs the body in a new frame over <paramref name="slots"/>. Counts a step and a level of call
    /// depth (guarding the real stack too); a runtime error passing out gains a stack-trace line
    /// naming this function and <paramref name="callSite"/>.
    /// </summary>
    public Value Run(Value[] slots, Interpreter interpreter, SourceSpan callSite)
    {
        interpreter.Limits.Tick(callSite);
        if (++interpreter.Limits.CallDepth > interpreter.Limits.MaxCallDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new ScriptLimitException("maximum call depth exceeded", callSite);
        var frame = new Frame(slots, Closure, Closure.Globals, interpreter);
        Completion completion;
        try
        {
            completion = Proto.Hot.Run(frame);
        }
        catch (ScriptRuntimeException e) when (AddFrame(e, callSite))
        {
            throw; // never reached: the filter only records the frame while the exception passes
        }
        interpreter.Limits.CallDepth--;
        return completion == Completion.Return ? frame.ReturnValue : Value.None;
    }

    private bool AddFrame(ScriptRuntimeException e, SourceSpan callSite)
    {
        e.Frames.Add((Name, callSite));
        return false;
    }
}

/// <summary><c>def</c>: evaluates the defaults and binds a new function value.</summary>
internal sealed class DefInstruction(FunctionProto proto, Code?[] defaults, Store name, SourceSpan span) : Instruction(span)
{
    public override Completion Exec(Frame frame)
    {
        var values = new Value[defaults.Length];
        for (int i = 0; i < defaults.Length; i++)
        {
            if (defaults[i] is { } d) values[i] = d.Eval(frame);
        }
        name.Set(frame, Value.Object(new ScriptFunction(proto, frame, values)));
        return Completion.Normal;
    }
}

internal sealed class ReturnInstruction(Code? value, SourceSpan span) : Instruction(span)
{
    public Code? Result => value;

    public override Completion Exec(Frame frame)
    {
        frame.ReturnValue = value is null ? Value.None : value.Eval(frame);
        return Completion.Return;
    }
}
