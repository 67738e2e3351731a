namespace GradScript.Runtime.Nodes;

using GradScript.Diagnostics;

/// <summary>What every <c>for</c> loop does with one item once its targets are set.</summary>
internal abstract class Loop(Instruction[] body, SourceSpan span) : Instruction(span)
{
    // Runs the body once; false when the loop ends here (by break, or by return, which `completion`
    // carries out). Each iteration is a step for the limits.
    protected bool RunBody(Frame frame, ref Completion completion)
    {
        var result = Run(body, frame);
        if (result == Completion.Break) return false;
        if (result == Completion.Return) { completion = Completion.Return; return false; }
        frame.Interpreter.Tick(Span);
        return true;
    }
}

/// <summary>
/// <c>for x in iterable</c> over a range, list or string. A range is counted without allocating; a
/// list is walked by index, so items appended during the loop are visited, as in Python. Several
/// targets destructure each item.
/// </summary>
internal sealed class ForInstruction(Store target, Code iterable, Instruction[] body, SourceSpan span) : Loop(body, span)
{
    public override Completion Exec(Frame frame)
    {
        var source = iterable.Eval(frame);
        Completion completion = Completion.Normal;
        switch (source.Reference)
        {
            case RangeValue range:
                long length = range.Length;
                for (long i = 0; i < length && Step(frame, Value.Int(range[i]), ref completion); i++) { }
                return completion;
            case ListValue list:
                for (int i = 0; i < list.Count && Step(frame, list[i], ref completion); i++) { }
                return completion;
            case string s:
                foreach (var item in Iteration.Characters(s))
                {
                    if (!Step(frame, item, ref completion)) break;
                }
                return completion;
        }
        throw new ScriptRuntimeException($"{source.TypeName} is not iterable", iterable.Span);
    }

    private bool Step(Frame frame, Value item, ref Completion completion)
    {
        target.Set(frame, item);
        return RunBody(frame, ref completion);
    }
}
