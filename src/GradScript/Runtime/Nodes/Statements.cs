namespace GradScript.Runtime.Nodes;

using GradScript.Diagnostics;
using GradScript.Runtime.Tier;

internal sealed class ExprInstruction(Code expression, SourceSpan span) : Instruction(span)
{
    public Code Expression => expression;

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
    public Store Target => target;
    public Code Source => value;

    public override Completion Exec(Frame frame)
    {
        target.Set(frame, value.Eval(frame));
        return Completion.Normal;
    }
}

internal sealed class IfInstruction(Code condition, Instruction[] then, Instruction[] orElse, SourceSpan span) : Instruction(span)
{
    public Code Condition => condition;
    public Instruction[] Then => then;
    public Instruction[] Else => orElse;

    public override Completion Exec(Frame frame) =>
        Run(condition.Eval(frame).IsTruthy ? then : orElse, frame);
}

internal sealed class WhileInstruction(Code condition, Instruction[] body, SourceSpan span) : Instruction(span)
{
    public Code Condition => condition;

    /// <summary>The body, compiled once the loop runs hot.</summary>
    public HotBody Body { get; } = new(body);

    public override Completion Exec(Frame frame)
    {
        var interpreter = frame.Interpreter;
        while (condition.Eval(frame).IsTruthy)
        {
            var completion = Body.Run(frame);
            if (completion == Completion.Break) break;
            if (completion == Completion.Return) return completion;
            interpreter.Limits.Tick(Span);
        }
        return Completion.Normal;
    }

    /// <summary>Counts the step of an iteration that did not break (the compiled tier's, too).</summary>
    public void Tick(Frame frame) => frame.Interpreter.Limits.Tick(Span);
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
    public Instruction[] Body => body;

    /// <summary>Turns recording off until the scope is disposed (the compiled tier's entry, too).</summary>
    public static Autograd.AutogradState.Scope Enter(Frame frame) => frame.Interpreter.Autograd.NoGrad();

    public override Completion Exec(Frame frame)
    {
        using (frame.Interpreter.Autograd.NoGrad()) return Run(body, frame);
    }
}

/// <summary><c>xs[i] = v</c>.</summary>
internal sealed class IndexStore(Code target, Code key, SourceSpan span) : Store(span)
{
    public Code Target => target;
    public Code Key => key;

    public override void Set(Frame frame, Value value) => Apply(target.Eval(frame), key.Eval(frame), value);

    /// <summary><c>t[k] = value</c> of evaluated operands (the compiled tier's entry, too).</summary>
    public void Apply(Value t, Value k, Value value)
    {
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
