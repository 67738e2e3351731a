namespace GradScript.Runtime.Tier;

using System.Linq.Expressions;
using GradScript.Runtime.Nodes;
using E = System.Linq.Expressions.Expression;

// Loops compiled inline: each walks its items as the interpreter's loop node does, sets the targets,
// runs the body, and counts a step after each iteration that did not break.
internal sealed partial class BodyCompiler
{
    private Expression While(WhileInstruction loop) => Loop(loop, [],
        E.Not(Truthy(Expression(loop.Condition))), [], loop.Body.Statements, null, E.Call(E.Constant(loop), nameof(WhileInstruction.Tick), null, _frame));

    /// <summary>
    /// A <c>for</c> over a range or a list walks it here, as the interpreter does (a range counted
    /// without allocating, a list by index so that appended items are visited); over anything else
    /// (a string, a dict, a progress bar) the interpreter's loop runs, and its body is a hot block of
    /// its own.
    /// </summary>
    private Expression For(ForInstruction loop)
    {
        if (loop.Iterable is RangeCode span) return RangeFor(loop, span);
        var source = E.Variable(typeof(Value), "source");
        var range = E.Variable(typeof(RangeValue), "range");
        var list = E.Variable(typeof(ListValue), "list");
        var index = E.Variable(typeof(long), "index");
        var item = E.Variable(typeof(Value), "item");
        var isRange = E.NotEqual(range, E.Constant(null, typeof(RangeValue)));
        var ended = E.Condition(isRange,
            E.GreaterThanOrEqual(index, E.Property(range, nameof(RangeValue.Length))),
            E.GreaterThanOrEqual(index, E.Convert(E.Property(list, nameof(ListValue.Count)), typeof(long))));
        var current = E.Condition(isRange,
            E.Call(Method<Value>(nameof(Value.Int)), E.Property(range, "Item", index)),
            E.Property(list, "Item", E.Convert(index, typeof(int))));
        var walk = Loop(loop, [E.Assign(index, E.Constant(0L))], ended,
            [E.Assign(item, current), Store(loop.Target, item)], loop.Body.Statements, [loop.Target], Step(loop), E.PreIncrementAssign(index));
        return E.Block(typeof(void), [source, range, list, index, item],
            E.Assign(source, Expression(loop.Iterable)),
            E.Assign(range, E.TypeAs(E.Property(source, nameof(Value.Reference)), typeof(RangeValue))),
            E.Assign(list, E.TypeAs(E.Property(source, nameof(Value.Reference)), typeof(ListValue))),
            E.IfThenElse(E.OrElse(isRange, E.NotEqual(list, E.Constant(null, typeof(ListValue)))),
                walk,
                Ended(E.Call(E.Constant(loop), nameof(ForInstruction.Over), null, source, _frame))));
    }

    /// <summary>
    /// <c>for i in a..b</c>: the bounds evaluated and checked as <see cref="RangeCode"/> does, then
    /// counted from <c>a</c> in a local, with no range object.
    /// </summary>
    private Expression RangeFor(ForInstruction loop, RangeCode span)
    {
        var (first, last) = (E.Variable(typeof(Value), "first"), E.Variable(typeof(Value), "last"));
        var (start, length, index, item) = (E.Variable(typeof(long), "start"), E.Variable(typeof(long), "length"),
            E.Variable(typeof(long), "index"), E.Variable(typeof(Value), "item"));
        return E.Block(typeof(void), [first, last, start, length, index, item],
            E.Assign(first, Expression(span.Start)),
            E.Assign(last, Expression(span.Stop)),
            E.Assign(length, E.Call(E.Constant(span), nameof(RangeCode.Length), null, first, last)),
            E.Assign(start, E.Property(first, nameof(Value.AsInt))),
            Loop(loop, [E.Assign(index, E.Constant(0L))], E.GreaterThanOrEqual(index, length),
                [E.Assign(item, E.Call(Method<Value>(nameof(Value.Int)), E.Add(start, index))), Store(loop.Target, item)],
                loop.Body.Statements, [loop.Target], Step(loop), E.PreIncrementAssign(index)));
    }

    /// <summary><c>for a, b in zip(xs, ys)</c> and <c>for i, x in enumerate(xs)</c>, walked side by side as <see cref="ZipForInstruction"/> walks them.</summary>
    private Expression Zip(ZipForInstruction loop)
    {
        var node = E.Constant(loop);
        var index = E.Variable(typeof(long), "index");
        Expression walk;
        if (loop.IsEnumerate)
        {
            var items = E.Variable(typeof(Iteration.Indexed), "items");
            var first = E.Variable(typeof(long), "first");
            var position = E.Variable(typeof(Value), "position");
            var item = E.Variable(typeof(Value), "item");
            walk = E.Block([items, first, position, item],
                E.Assign(items, E.Call(node, nameof(ZipForInstruction.EnumeratedItems), null, _frame)),
                E.Assign(first, E.Call(node, nameof(ZipForInstruction.FirstIndex), null, _frame)),
                Loop(loop, [E.Assign(index, E.Constant(0L))], E.GreaterThanOrEqual(index, E.Property(items, nameof(Iteration.Indexed.Count))),
                    [E.Assign(position, E.Call(Method<Value>(nameof(Value.Int)), E.Add(first, index))), Store(loop.Targets[0], position),
                     E.Assign(item, E.Property(items, "Item", index)), Store(loop.Targets[1], item)],
                    loop.Body.Statements, loop.Targets, Step(loop), E.PreIncrementAssign(index)));
        }
        else
        {
            // One local a column, evaluated in order as Columns evaluates them, so a run allocates
            // nothing; the shortest length is taken again each iteration, as lists may grow.
            var columns = Enumerable.Range(0, loop.SourceCount).Select(j => E.Variable(typeof(Iteration.Indexed), $"column{j}")).ToArray();
            var items = loop.Targets.Select((_, j) => E.Variable(typeof(Value), $"item{j}")).ToArray();
            var set = new List<Expression>();
            for (int j = 0; j < items.Length; j++)
            {
                set.Add(E.Assign(items[j], E.Property(columns[j], "Item", index)));
                set.Add(Store(loop.Targets[j], items[j]));
            }
            var min = typeof(Math).GetMethod(nameof(Math.Min), [typeof(long), typeof(long)])!;
            Expression shortest = columns.Select(c => (Expression)E.Property(c, nameof(Iteration.Indexed.Count))).Aggregate((a, b) => E.Call(min, a, b));
            walk = E.Block([.. columns, .. items],
                [.. columns.Select((c, j) => E.Assign(c, E.Call(node, nameof(ZipForInstruction.Column), null, E.Constant(j), _frame))),
                 Loop(loop, [E.Assign(index, E.Constant(0L))], E.GreaterThanOrEqual(index, shortest),
                    set, loop.Body.Statements, loop.Targets, Step(loop), E.PreIncrementAssign(index))]);
        }
        return E.Block(typeof(void), [index],
            E.IfThenElse(E.Call(node, nameof(ZipForInstruction.CallsBuiltin), null, _frame),
                walk,
                Ended(E.Call(E.Constant(loop.General), nameof(Instruction.Exec), null, _frame))));
    }

    private MethodCallExpression Step(Nodes.Loop loop) => E.Call(E.Constant(loop), nameof(Nodes.Loop.Tick), null, _frame);

    /// <summary>
    /// The shape of every loop: set-up, then per iteration the end test, the targets, the body, the
    /// continue label, the step and the advance; <c>break</c> leaves without the step.
    /// </summary>
    /// <remarks>
    /// A body that is a training step is fused (<c>BodyCompiler.Fused.cs</c>); <paramref name="written"/>
    /// are the loop's targets, null for a <c>while</c>, whose condition may read the step's loss.
    /// </remarks>
    private Expression Loop(Instruction loop, Expression[] setUp, Expression ended, IEnumerable<Expression> targets,
        Instruction[] body, Store[]? written, params Expression[] advance)
    {
        var (exit, next) = (E.Label($"break_{loop.Span.Line}"), E.Label($"continue_{loop.Span.Line}"));
        _loops.Push((exit, next));
        var fused = written is not null && FusedPattern(body, written) is { } plan ? new FusedCode(this, plan) : null;
        var statements = fused?.Step() ?? Block(body);
        _loops.Pop();
        Expression walk = E.Loop(E.Block(typeof(void),
            [E.IfThen(ended, E.Break(exit)), .. targets, statements, E.Label(next), .. advance]), exit);
        return E.Block(typeof(void), [.. setUp, fused?.Around(walk) ?? walk]);
    }

    /// <summary>A statement run by the interpreter: how it ended is passed on as the block would pass it.</summary>
    private Expression Ended(Expression completion)
    {
        var result = E.Variable(typeof(Completion), "completion");
        return E.Block(typeof(void), [result],
            E.Assign(result, completion),
            E.IfThen(E.NotEqual(result, E.Constant(Completion.Normal)), PassOn(result)));
    }
}
