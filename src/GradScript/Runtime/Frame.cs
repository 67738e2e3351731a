namespace GradScript.Runtime;

/// <summary>
/// The variables of one activation. A function's parameters and locals live in <see cref="Slots"/>
/// (indices fixed by the resolver); the variables of enclosing functions are reached through
/// <see cref="Parent"/>, so a closure captures variables, not copies. Globals are cells shared by
/// every frame of one engine's run of one script.
/// </summary>
internal sealed class Frame(Value[] slots, Frame? parent, GlobalCell[] globals, Interpreter interpreter)
{
    public readonly Value[] Slots = slots;
    public readonly Frame? Parent = parent;
    public readonly GlobalCell[] Globals = globals;
    public readonly Interpreter Interpreter = interpreter;

    /// <summary>The value of the <c>return</c> that completed the body.</summary>
    public Value ReturnValue;
}

/// <summary>One global variable of an engine. Undefined until assigned.</summary>
internal sealed class GlobalCell(string name)
{
    public readonly string Name = name;
    public Value Value;
}
