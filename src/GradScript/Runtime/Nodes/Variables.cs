namespace GradScript.Runtime.Nodes;

using GradScript.Binding;
using GradScript.Diagnostics;

// Reading and writing variables by slot: no name is looked up while a script runs.

internal sealed class LocalGet(int slot, string name, SourceSpan span) : Code(span)
{
    public int Slot => slot;

    public override Value Eval(Frame frame)
    {
        var value = frame.Slots[slot];
        return value.IsUndefined ? throw Undefined.LocalError(name, Span) : value;
    }
}

internal sealed class EnclosingGet(int depth, int slot, string name, SourceSpan span) : Code(span)
{
    public override Value Eval(Frame frame)
    {
        var value = Undefined.Outer(frame, depth).Slots[slot];
        return value.IsUndefined ? throw Undefined.FreeError(name, Span) : value;
    }
}

/// <summary>A global read outside any function (most of a script's): no locals to suggest in its error.</summary>
internal class GlobalGet(int slot, string name, SourceSpan span) : Code(span)
{
    public int Slot => slot;

    /// <summary>The variable's name (the compiled tier recognises calls of builtins by it, then checks the value).</summary>
    public string Name => name;

    /// <summary>The locals an error suggests besides the globals: those of the functions the read is written in.</summary>
    protected virtual string[] VisibleLocals => [];

    public override Value Eval(Frame frame)
    {
        var value = frame.Globals[slot].Value;
        return value.IsUndefined ? throw Undefined.Error(name, Span, Undefined.Suggestion(name, VisibleLocals, frame)) : value;
    }
}

/// <summary>
/// A global read inside a function. It keeps only the names of the function's locals and of those
/// around it (one array a function, shared by its reads), not the resolver's scopes.
/// </summary>
internal sealed class GlobalGetInFunction(int slot, string name, string[] visibleLocals, SourceSpan span) : GlobalGet(slot, name, span)
{
    protected override string[] VisibleLocals => visibleLocals;
}

/// <summary>Where an assignment stores a value: a variable, a list element, or several (destructuring).</summary>
internal abstract class Store(SourceSpan span)
{
    public readonly SourceSpan Span = span;

    public abstract void Set(Frame frame, Value value);
}

internal sealed class LocalSet(int slot, SourceSpan span) : Store(span)
{
    public readonly int Slot = slot;

    public override void Set(Frame frame, Value value) => frame.Slots[Slot] = value;
}

internal sealed class EnclosingSet(int depth, int slot, SourceSpan span) : Store(span)
{
    public override void Set(Frame frame, Value value) => Undefined.Outer(frame, depth).Slots[slot] = value;
}

internal sealed class GlobalSet(int slot, SourceSpan span) : Store(span)
{
    public readonly int Slot = slot;

    public override void Set(Frame frame, Value value) => frame.Globals[Slot].Value = value;
}

internal static class Undefined
{
    public static ScriptRuntimeException Error(string name, SourceSpan span, string? hint = null) =>
        new($"name '{name}' is not defined", span, hint: Hints.ForUndefinedName(name) ?? hint);

    /// <summary>
    /// The defined name closest to a misspelt one: <paramref name="visibleLocals"/> (see
    /// <see cref="VisibleLocals"/>), then the script's and the engine's globals, builtins included.
    /// </summary>
    public static string? Suggestion(string name, string[] visibleLocals, Frame frame)
    {
        var candidates = new List<string>(visibleLocals);
        candidates.AddRange(frame.Globals.Where(cell => !cell.Value.IsUndefined).Select(cell => cell.Name));
        candidates.AddRange(frame.Interpreter.Globals.Values.Where(cell => !cell.Value.IsUndefined).Select(cell => cell.Name));
        return Suggestions.DidYouMean(name, candidates);
    }

    /// <summary>
    /// The locals of <paramref name="scope"/> and of the functions around it, innermost first: what
    /// a misspelt global read in it is compared with before the globals.
    /// </summary>
    public static string[] VisibleLocals(FunctionScope scope)
    {
        var names = new List<string>();
        for (var s = scope; s is not null; s = s.Parent) names.AddRange(s.LocalNames);
        return names.ToArray();
    }

    // Python's UnboundLocalError: the name is a local (it is assigned in the function), read
    // before its assignment, even when a global of that name exists.
    public static ScriptRuntimeException LocalError(string name, SourceSpan span) =>
        new($"cannot access local variable '{name}' where it is not associated with a value", span);

    public static ScriptRuntimeException FreeError(string name, SourceSpan span) =>
        new($"cannot access free variable '{name}' where it is not associated with a value in enclosing scope", span);

    public static Frame Outer(Frame frame, int depth)
    {
        for (int i = 0; i < depth; i++) frame = frame.Parent!;
        return frame;
    }
}
