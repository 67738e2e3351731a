namespace GradScript.Runtime.Nodes;

using GradScript.Diagnostics;

internal sealed class ExprInstruction(Code expression, SourceSpan span) : Instruction(span)
{
    public override Completion Exec(Frame frame)
    {
        expression.Eval(frame);
        return Completion.Normal;
    }
}

/// <summary>A top-level expression statement of an interactive input: its value is echoed.</summary>
internal sealed class EchoInstruction(Code expression, SourceSpan span) : Instruction(span)
{
    public override Completion Exec(Frame frame)
    {
        frame.Interpreter.Echo?.Invoke(expression.Eval(frame));
        return Completion.Normal;
    }
}

internal sealed class AssignInstruction(Store target, Code value, SourceSpan span) : Instruction(span)
{
    public override Completion Exec(Frame frame)
    {
        target.Set(frame, value.Eval(frame));
        return Completion.Normal;
    }
}

internal sealed class IfInstruction(Code condition, Instruction[] then, Instruction[] orElse, SourceSpan span) : Instruction(span)
{
    public override Completion Exec(Frame frame) =>
        Run(condition.Eval(frame).IsTruthy ? then : orElse, frame);
}

internal sealed class WhileInstruction(Code condition, Instruction[] body, SourceSpan span) : Instruction(span)
{
    public override Completion Exec(Frame frame)
    {
        var interpreter = frame.Interpreter;
        while (condition.Eval(frame).IsTruthy)
        {
            var completion = Run(body, frame);
            if (completion == Completion.Break) break;
            if (completion == Completion.Return) return completion;
            interpreter.Limits.Tick(Span);
        }
        return Completion.Normal;
    }
}

internal sealed class BreakInstruction(SourceSpan span) : Instruction(span)
{
    public override Completion Exec(Frame frame) => Completion.Break;
}

internal sealed class ContinueInstruction(SourceSpan span) : Instruction(span)
{
    public override Completion Exec(Frame frame) => Completion.Continue;
}

/// <summary><c>no_grad { … }</c>: nothing inside is recorded, however the block is left.</summary>
internal sealed class NoGradInstruction(Instruction[] body, SourceSpan span) : Instruction(span)
{
    public override Completion Exec(Frame frame)
    {
        using (frame.Interpreter.Autograd.NoGrad()) return Run(body, frame);
    }
}

/// <summary><c>xs[i] = v</c>.</summary>
internal sealed class IndexStore(Code target, Code key, SourceSpan span) : Store(span)
{
    public override void Set(Frame frame, Value value)
    {
        var t = target.Eval(frame);
        var k = key.Eval(frame);
        try { Indexing.Set(t, k, value); }
        catch (RuntimeError e) { throw new ScriptRuntimeException(e.Message, Span, hint: e.Hint); }
    }
}

/// <summary><c>a, b = xs</c>: xs must be a list (or range, or string) of exactly as many items.</summary>
internal sealed class DestructuringStore(Store[] targets, SourceSpan span) : Store(span)
{
    public override void Set(Frame frame, Value value)
    {
        // The common case, a list of the right length (as zip and enumerate give), reads it in place.
        var items = value.Reference is ListValue list && list.Count == targets.Length
            ? list.Items
            : Iteration.Unpack(value, targets.Length, Span);
        for (int i = 0; i < targets.Length; i++) targets[i].Set(frame, items[i]);
    }
}

/// <summary>A statement with no effect when run, such as <c>global</c>, which the resolver has used.</summary>
internal sealed class NoOpInstruction(SourceSpan span) : Instruction(span)
{
    public override Completion Exec(Frame frame) => Completion.Normal;
}
