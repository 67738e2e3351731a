namespace GradScript.Runtime.Nodes;

using GradScript.Diagnostics;

/// <summary>
/// <c>for x in iterable</c> over a range, list or string (zip and enumerate give lists). A range is
/// counted without allocating; a list is walked by index, so items appended during the loop are
/// visited, as in Python. Several targets destructure each item.
/// </summary>
internal sealed class ForInstruction(Store target, Code iterable, Instruction[] body, SourceSpan span) : Instruction(span)
{
    public override Completion Exec(Frame frame)
    {
        var source = iterable.Eval(frame);
        var interpreter = frame.Interpreter;
        switch (source.Reference)
        {
            case RangeValue range:
                long length = range.Length;
                for (long i = 0; i < length; i++)
                {
                    target.Set(frame, Value.Int(range[i]));
                    var completion = Run(body, frame);
                    if (completion == Completion.Break) break;
                    if (completion == Completion.Return) return completion;
                    interpreter.Tick(Span);
                }
                return Completion.Normal;
            case ListValue list:
                for (int i = 0; i < list.Count; i++)
                {
                    target.Set(frame, list[i]);
                    var completion = Run(body, frame);
                    if (completion == Completion.Break) break;
                    if (completion == Completion.Return) return completion;
                    interpreter.Tick(Span);
                }
                return Completion.Normal;
            case string s:
                foreach (var item in Iteration.Characters(s))
                {
                    target.Set(frame, item);
                    var completion = Run(body, frame);
                    if (completion == Completion.Break) break;
                    if (completion == Completion.Return) return completion;
                    interpreter.Tick(Span);
                }
                return Completion.Normal;
        }
        throw new ScriptRuntimeException($"{source.TypeName} is not iterable", iterable.Span);
    }
}
