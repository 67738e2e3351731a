namespace GradScript.Runtime;

using GradScript.Autograd;
using GradScript.Diagnostics;
using GradScript.Runtime.Nodes;

/// <summary>Anything a script can call: a script function, a builtin, or a host function.</summary>
internal abstract class Callable(string name)
{
    public string Name { get; } = name;

    /// <summary>Calls <paramref name="callee"/> with positional arguments, from C# (the host, a transform).</summary>
    public static Value CallValue(Value callee, ReadOnlySpan<Value> arguments, Interpreter interpreter, in SourceSpan at) => callee.Reference switch
    {
        ScriptFunction function => function.Run(function.Bind(arguments, at), interpreter, at),
        NativeFunction native => native.Call(interpreter, new Arguments(arguments, [], [], at)),
        _ => throw new ScriptRuntimeException($"{callee.TypeName} is not callable", at),
    };
}

/// <summary>
/// The arguments of a call to a builtin or host function: positional values, then keyword names
/// and values. A ref struct over buffers of the call site, so a call allocates nothing for them.
/// </summary>
internal readonly ref struct Arguments(ReadOnlySpan<Value> positional, ReadOnlySpan<string> keywordNames, ReadOnlySpan<Value> keywordValues, SourceSpan callSite)
{
    public readonly ReadOnlySpan<Value> Positional = positional;
    public readonly ReadOnlySpan<string> KeywordNames = keywordNames;
    public readonly ReadOnlySpan<Value> KeywordValues = keywordValues;

    /// <summary>The place of the call, for limit checks inside long builtins.</summary>
    public readonly SourceSpan CallSite = callSite;

    public int Count => Positional.Length;

    public Value this[int i] => Positional[i];

    /// <summary>The keyword argument <paramref name="name"/>, if given.</summary>
    public bool TryGetKeyword(string name, out Value value)
    {
        for (int i = 0; i < KeywordNames.Length; i++)
        {
            if (KeywordNames[i] == name) { value = KeywordValues[i]; return true; }
        }
        value = default;
        return false;
    }
}

/// <summary>A function implemented in C#: the builtins and the host's functions.</summary>
internal sealed class NativeFunction(string name, NativeFunction.Body body, string[]? keywords = null, bool anyKeyword = false) : Callable(name)
{
    public delegate Value Body(Interpreter interpreter, in Arguments args);

    public Body Invoke { get; } = body;

    /// <summary>
    /// The operation this builtin records on tracked arguments (<c>tanh</c>, <c>max</c>, <c>pow</c>),
    /// null for every other function: a generated adjoint checks that a name still holds the builtin it
    /// was generated for. Only builtins set it, so no script or host function can pass for one.
    /// </summary>
    public Autograd.Op? Records { get; init; }

    /// <summary>The keyword arguments the function accepts; any other is an error at the call.</summary>
    public string[] Keywords { get; } = keywords ?? [];

    /// <summary>Whether any keyword is accepted (Python's <c>**kwargs</c>, as <c>dict(a=1)</c> and <c>str.format</c> take).</summary>
    public bool AcceptsAnyKeyword { get; } = anyKeyword;

    /// <summary>Whether a call may pass the keyword argument <paramref name="keyword"/>.</summary>
    public bool Accepts(string keyword) => AcceptsAnyKeyword || Array.IndexOf(Keywords, keyword) >= 0;

    /// <summary>
    /// Calls the function. Its errors are placed at the call site; an exception from host code
    /// becomes a runtime error there, keeping the host's exception as its inner exception.
    /// </summary>
    public Value Call(Interpreter interpreter, in Arguments args)
    {
        try
        {
            return Invoke(interpreter, args);
        }
        catch (Exception e) when (e is not (ScriptException or OperationCanceledException))
        {
            throw Placed(e, args.CallSite);
        }
    }

    /// <summary>
    /// What the function does with one tracked argument and no keywords, where that is a shorter
    /// way than its body (<c>backward(t)</c>, <c>grad(t)</c>, <c>relu(t)</c>): the same result and
    /// the same errors, without the argument list. Only builtins set it.
    /// </summary>
    public TrackedBody? OnTracked { get; init; }

    public delegate Value TrackedBody(Interpreter interpreter, TrackedValue argument, in SourceSpan at);

    /// <summary>Calls <see cref="OnTracked"/> (which is set), with <see cref="Call"/>'s handling of errors.</summary>
    public Value CallTracked(Interpreter interpreter, TrackedValue argument, in SourceSpan at)
    {
        try
        {
            return OnTracked!(interpreter, argument, at);
        }
        catch (Exception e) when (e is not (ScriptException or OperationCanceledException))
        {
            throw Placed(e, at);
        }
    }

    // A runtime error is placed at the call; an exception from host code becomes one there.
    private ScriptException Placed(Exception e, in SourceSpan at) => e switch
    {
        RuntimeError error => new ScriptRuntimeException(error.Message, at, hint: error.Hint),
        OutOfMemoryException => new ScriptRuntimeException($"out of memory in {Name}()", at, e),
        InsufficientExecutionStackException => new ScriptLimitException("maximum call depth exceeded", at),
        _ => new ScriptRuntimeException($"{Name}() failed: {e.Message}", at, e),
    };
}
