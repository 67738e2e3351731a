namespace GradScript.Runtime.Nodes;

using GradScript.Diagnostics;
using GradScript.Runtime.Tier;

/// <summary>What every <c>for</c> loop does with one item once its targets are set.</summary>
internal abstract class Loop(Instruction[] body, SourceSpan span) : Instruction(span)
{
    /// <summary>The body, compiled once the loop runs hot.</summary>
    public HotBody Body { get; } = new(body);

    // Runs the body once; false when the loop ends here (by break, or by return, which `completion`
    // carries out). Each iteration is a step for the limits.
    protected bool RunBody(Frame frame, ref Completion completion)
    {
        var result = Body.Run(frame);
        if (result == Completion.Break) return false;
        if (result == Completion.Return) { completion = Completion.Return; return false; }
        Tick(frame);
        return true;
    }

    /// <summary>Counts the step of an iteration that did not break (the compiled tier's, too).</summary>
    public void Tick(Frame frame) => frame.Interpreter.Limits.Tick(Span);
}

/// <summary>
/// <c>for x in iterable</c> over a range, list or string. A range is counted without allocating; a
/// list is walked by index, so items appended during the loop are visited, as in Python. Several
/// targets destructure each item. Over <c>progress(iterable)</c> the same, with a progress bar.
/// </summary>
internal sealed class ForInstruction(Store target, Code iterable, Instruction[] body, SourceSpan span) : Loop(body, span)
{
    public Store Target => target;
    public Code Iterable => iterable;

    public override Completion Exec(Frame frame) => Over(iterable.Eval(frame), frame);

    /// <summary>The loop over its evaluated iterable (the compiled tier's, for what it does not walk itself).</summary>
    public Completion Over(Value source, Frame frame)
    {
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
            case DictValue dict:
                int version = dict.Version;
                for (int i = 0; i < dict.Count && Step(frame, dict.KeyAt(i), ref completion); i++)
                {
                    if (dict.Version != version) throw new ScriptRuntimeException(Iteration.ChangedSize().Message, iterable.Span);
                }
                return completion;
            case Terminal.ProgressLoop progress:
                return WithProgress(frame, progress);
        }
        throw new ScriptRuntimeException($"{source.TypeName} is not iterable", iterable.Span);
    }

    // An item counts once its body has run; the bar's line ends however the loop does.
    private Completion WithProgress(Frame frame, Terminal.ProgressLoop loop)
    {
        var display = frame.Interpreter.Progress;
        var bar = display.Begin(loop.Length);
        var completion = Completion.Normal;
        try
        {
            foreach (var item in loop.Items())
            {
                if (!Step(frame, item, ref completion)) break;
                bar?.Advance();
            }
        }
        finally
        {
            if (bar is not null) display.End(bar);
        }
        return completion;
    }

    private bool Step(Frame frame, Value item, ref Completion completion)
    {
        target.Set(frame, item);
        return RunBody(frame, ref completion);
    }
}
