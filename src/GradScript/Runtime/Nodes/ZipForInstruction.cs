namespace GradScript.Runtime.Nodes;

using GradScript.Diagnostics;

/// <summary>
/// <c>for a, b in zip(xs, ys)</c> and <c>for i, x in enumerate(xs)</c>: while the name still means
/// the builtin, the sources are walked side by side and each target is set straight from them, with
/// no list of pairs built (as Python's lazy zip and enumerate, items appended to a list during the
/// loop are visited). Any other call, or a target that does not destructure into exactly the pair,
/// runs as a plain <see cref="ForInstruction"/> over what the call returns.
/// </summary>
internal sealed class ZipForInstruction(
    NativeFunction builtin, Code callee, Code[] sources, Code? start, SourceSpan callSpan, Store[] targets, ForInstruction general, Instruction[] body, SourceSpan span)
    : Loop(body, span)
{
    public override Completion Exec(Frame frame)
    {
        if (!CallsBuiltin(frame)) return general.Exec(frame);
        var completion = Completion.Normal;
        if (IsEnumerate)
        {
            var items = EnumeratedItems(frame);
            long first = FirstIndex(frame);
            for (int i = 0; i < items.Count; i++)
            {
                targets[0].Set(frame, Value.Int(first + i));
                targets[1].Set(frame, items[i]);
                if (!RunBody(frame, ref completion)) break;
            }
            return completion;
        }

        var columns = Columns(frame);
        for (int i = 0; i < Shortest(columns); i++)
        {
            for (int j = 0; j < columns.Length; j++) targets[j].Set(frame, columns[j][i]);
            if (!RunBody(frame, ref completion)) break;
        }
        return completion;
    }

    // The compiled tier walks the loop itself, in the same order, through these.
    public Store[] Targets => targets;
    public ForInstruction General => general;
    public bool IsEnumerate => builtin == Builtins.EnumerateFunction;

    /// <summary>Whether the name called still means the builtin; when not, <see cref="General"/> runs.</summary>
    public bool CallsBuiltin(Frame frame) => ReferenceEquals(callee.Eval(frame).Reference, builtin);

    /// <summary>What <c>enumerate</c> walks, and the first index (<c>start</c>), evaluated in that order.</summary>
    public Iteration.Indexed EnumeratedItems(Frame frame) => Iteration.Indexed.Of(Evaluate(sources[0], frame), frame.Interpreter, callSpan);

    public long FirstIndex(Frame frame) => start is null ? 0 : StartIndex(start.Eval(frame));

    /// <summary>What <c>zip</c> walks, one column a source.</summary>
    public Iteration.Indexed[] Columns(Frame frame)
    {
        var columns = new Iteration.Indexed[sources.Length];
        for (int j = 0; j < columns.Length; j++) columns[j] = Column(j, frame);
        return columns;
    }

    /// <summary>How many sources <c>zip</c> walks.</summary>
    public int SourceCount => sources.Length;

    /// <summary>Source <paramref name="j"/>'s column; the compiled tier evaluates them in order into locals, with no array.</summary>
    public Iteration.Indexed Column(int j, Frame frame) => Iteration.Indexed.Of(Evaluate(sources[j], frame), frame.Interpreter, callSpan);

    // Recomputed each iteration: a list may grow while the loop runs.
    public static long Shortest(Iteration.Indexed[] columns)
    {
        long shortest = long.MaxValue;
        foreach (var column in columns) shortest = Math.Min(shortest, column.Count);
        return shortest;
    }

    // Errors are placed at the call, as the builtin's own would be.
    private Value Evaluate(Code argument, Frame frame)
    {
        var value = argument.Eval(frame);
        return value.Reference is ListValue or RangeValue or string or Terminal.ProgressLoop
            ? value
            : throw new ScriptRuntimeException($"{value.TypeName} is not iterable", callSpan);
    }

    private long StartIndex(Value start)
    {
        try { return Builtins.Integer(start, "enumerate"); }
        catch (RuntimeError e) { throw new ScriptRuntimeException(e.Message, callSpan, hint: e.Hint); }
    }
}
