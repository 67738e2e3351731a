namespace GradScript.Runtime.Nodes;

using GradScript.Diagnostics;

/// <summary>What the compiler knows of a <c>def</c>: its parameters, frame size and body.</summary>
internal sealed class FunctionProto(string name, string[] parameters, int slotCount, Instruction[] body, SourceSpan span)
{
    public string Name { get; } = name;
    public string[] Parameters { get; } = parameters;
    public int SlotCount { get; } = slotCount;
    public Instruction[] Body { get; } = body;
    public SourceSpan Span { get; } = span;

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
    public override Completion Exec(Frame frame)
    {
        frame.ReturnValue = value is null ? Value.None : value.Eval(frame);
        return Completion.Return;
    }
}
