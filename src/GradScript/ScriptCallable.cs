namespace GradScript;

using GradScript.Runtime;

/// <summary>
/// A function a script defined (or a builtin, or a host function), as <see cref="Engine.GetGlobal"/>
/// returns it: the host calls it with <see cref="Invoke"/>, on the engine it came from, with that
/// engine's limits, as <see cref="Engine.Call"/> calls a global by name. It stays the function it
/// was when read, even if the script later assigns its name to something else.
/// </summary>
public sealed class ScriptCallable
{
    private readonly Engine _engine;
    private readonly Value _function;

    internal ScriptCallable(Engine engine, Value function, string name)
    {
        _engine = engine;
        _function = function;
        Name = name;
    }

    /// <summary>The function's name: its <c>def</c> name, or the builtin's.</summary>
    public string Name { get; }

    /// <summary>Calls the function with positional arguments (CLR values, as for <see cref="Engine.SetGlobal"/>) and returns its result as <see cref="Engine.Evaluate"/> does.</summary>
    /// <exception cref="ScriptRuntimeException">The call failed.</exception>
    public object? Invoke(params object?[] arguments) => _engine.CallFunction(_function, Name, arguments);

    /// <summary><c>&lt;function NAME&gt;</c>, as a script prints it.</summary>
    public override string ToString() => Formatter.Repr(_function);
}
