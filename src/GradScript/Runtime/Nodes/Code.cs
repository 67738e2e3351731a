namespace GradScript.Runtime.Nodes;

using GradScript.Diagnostics;

/// <summary>
/// The executable form of an expression: a tree of small nodes built once by the compiler, each
/// doing its one thing in <see cref="Eval"/>. Immutable, so a compiled script is shared by engines
/// and threads; all run-time state is in the <see cref="Frame"/>.
/// </summary>
internal abstract class Code(SourceSpan span)
{
    public readonly SourceSpan Span = span;

    public abstract Value Eval(Frame frame);
}

/// <summary>How a statement ended: normally, or by a jump the enclosing loop or call handles.</summary>
internal enum Completion { Normal, Break, Continue, Return }

/// <summary>The executable form of a statement.</summary>
internal abstract class Instruction(SourceSpan span)
{
    public readonly SourceSpan Span = span;

    public abstract Completion Exec(Frame frame);

    /// <summary>Runs statements in order until one of them jumps.</summary>
    public static Completion Run(Instruction[] body, Frame frame)
    {
        for (int i = 0; i < body.Length; i++)
        {
            var completion = body[i].Exec(frame);
            if (completion != Completion.Normal) return completion;
        }
        return Completion.Normal;
    }
}

/// <summary>A value known when compiling: a literal or a folded constant.</summary>
internal sealed class Constant(Value value, SourceSpan span) : Code(span)
{
    public readonly Value Value = value;

    public override Value Eval(Frame frame) => Value;
}
