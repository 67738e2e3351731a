namespace GradScript.Runtime.Nodes;

using GradScript.Diagnostics;

// Reading and writing variables by slot: no name is looked up while a script runs.

internal sealed class LocalGet(int slot, string name, SourceSpan span) : Code(span)
{
    public override Value Eval(Frame frame)
    {
        var value = frame.Slots[slot];
        return value.IsUndefined ? throw Undefined.Error(name, Span) : value;
    }
}

internal sealed class EnclosingGet(int depth, int slot, string name, SourceSpan span) : Code(span)
{
    public override Value Eval(Frame frame)
    {
        var value = Undefined.Outer(frame, depth).Slots[slot];
        return value.IsUndefined ? throw Undefined.Error(name, Span) : value;
    }
}

internal sealed class GlobalGet(int slot, string name, SourceSpan span) : Code(span)
{
    public override Value Eval(Frame frame)
    {
        var value = frame.Globals[slot].Value;
        return value.IsUndefined ? throw Undefined.Error(name, Span) : value;
    }
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
    public override void Set(Frame frame, Value value) => frame.Globals[slot].Value = value;
}

internal static class Undefined
{
    public static ScriptRuntimeException Error(string name, SourceSpan span) => new($"name '{name}' is not defined", span);

    public static Frame Outer(Frame frame, int depth)
    {
        for (int i = 0; i < depth; i++) frame = frame.Parent!;
        return frame;
    }
}
