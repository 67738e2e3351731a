namespace GradScript.Runtime.Tier;

using System.Linq.Expressions;
using System.Reflection;
using GradScript.Runtime.Nodes;
using E = System.Linq.Expressions.Expression;

/// <summary>
/// The compiled tier: turns a block of statements (a function's body, a loop's body) into one .NET
/// method with LINQ expression trees, which the runtime compiles to IL and the JIT to machine code.
/// After <see cref="Compile"/>, running the method on a frame does exactly what
/// <see cref="Instruction.Run"/> does on it: the same values in the same slots, the same steps
/// counted at the same places, the same errors at the same spans.
/// </summary>
/// <remarks>
/// The method works on the interpreter's own state (the frame's slots, the global cells, 16-byte
/// <see cref="Value"/>s) and calls each node's own operation (<c>Apply</c>) on operands it has
/// evaluated itself, so the float fast paths are the very methods the interpreter runs. What it
/// removes is the tree walk: the virtual <c>Eval</c>/<c>Exec</c> call per node, the
/// <see cref="Completion"/> passed back up through every statement, and the loop machinery, which
/// becomes jumps. A node kind it does not know is run by the interpreter (its <c>Eval</c> or
/// <c>Exec</c>) from inside the method, so every construct works in compiled code.
/// </remarks>
internal sealed partial class BodyCompiler
{
    private readonly ParameterExpression _frame = E.Parameter(typeof(Frame), "frame");
    private readonly ParameterExpression _slots = E.Variable(typeof(Value[]), "slots");
    private readonly ParameterExpression _globals = E.Variable(typeof(GlobalCell[]), "globals");
    private readonly LabelTarget _return = E.Label(typeof(Completion), "return");

    /// <summary>
    /// Nodes nested deeper than this in one method, and nodes beyond the first
    /// <see cref="MaxNodes"/>, are left to the interpreter (their <c>Eval</c>/<c>Exec</c> is called).
    /// A compiled method is one stack frame holding a temporary for most of its nodes: bounded so,
    /// it takes a few kilobytes of stack at most (the interpreter's per-level frames take as much at
    /// a few dozen levels), and a deeply nested expression still runs on a small thread stack as it
    /// does in the interpreter, which the nesting tests check on stacks of 256 KB.
    /// </summary>
    private const int MaxDepth = 16, MaxNodes = 500;

    private int _depth, _nodes;

    /// <summary>Where <c>break</c> and <c>continue</c> jump in the innermost loop compiled inline.</summary>
    private readonly Stack<(LabelTarget Break, LabelTarget Continue)> _loops = new();

    /// <summary>The block as a method; running it is running <see cref="Instruction.Run"/> on the block.</summary>
    public static Func<Frame, Completion> Compile(Instruction[] block) => new BodyCompiler().Lambda(block).Compile();

    internal Expression<Func<Frame, Completion>> Lambda(Instruction[] block)
    {
        var body = E.Block(typeof(Completion), [_slots, _globals],
            E.Assign(_slots, E.Field(_frame, nameof(Frame.Slots))),
            E.Assign(_globals, E.Field(_frame, nameof(Frame.Globals))),
            Block(block),
            E.Label(_return, E.Constant(Completion.Normal)));
        return E.Lambda<Func<Frame, Completion>>(body, "gradscript_block", [_frame]);
    }

    private Expression Block(Instruction[] block)
    {
        if (block.Length == 0) return E.Empty();
        var statements = new List<Expression>(block.Length);
        for (int i = 0; i < block.Length; i++)
        {
            // `v = e` and `backward(v)` are compiled together (BodyCompiler.Backward.cs).
            if (i + 1 < block.Length && AssignThenBackward(block[i], block[i + 1]) is { } both)
            {
                statements.Add(both);
                i++;
            }
            else statements.Add(Statement(block[i]));
        }
        return E.Block(typeof(void), statements);
    }

    private Expression Statement(Instruction instruction) => Bounded(instruction, Compiled, Interpreted);

    /// <summary>A node compiled, or left to the interpreter once the method is as deep or as large as it may be.</summary>
    private Expression Bounded<TNode>(TNode node, Func<TNode, Expression> compiled, Func<TNode, Expression> interpreted)
    {
        if (_depth >= MaxDepth || _nodes >= MaxNodes) return interpreted(node);
        _depth++;
        _nodes++;
        try { return compiled(node); }
        finally { _depth--; }
    }

    private Expression Compiled(Instruction instruction) => instruction switch
    {
        ExprInstruction s => BackwardOfExpression(s) ?? E.Block(typeof(void), Expression(s.Expression)),
        AssignInstruction s => Assign(s.Target, Expression(s.Source)),
        IfInstruction s => E.IfThenElse(Truthy(Expression(s.Condition)), Block(s.Then), Block(s.Else)),
        WhileInstruction s => While(s),
        ForInstruction s => For(s),
        ZipForInstruction s => Zip(s),
        ReturnInstruction s => E.Block(
            E.Assign(E.Field(_frame, nameof(Frame.ReturnValue)), s.Result is null ? Field<Value>(nameof(Value.None)) : Expression(s.Result)),
            E.Return(_return, E.Constant(Completion.Return))),
        BreakInstruction => Jump(Completion.Break),
        ContinueInstruction => Jump(Completion.Continue),
        CompoundAssignInstruction s => Apply(s, Expression(s.Read), Expression(s.Operand)),
        NoOpInstruction => E.Empty(),
        NoGradInstruction s => NoGrad(s),
        // Everything else (def, no_grad, zip and enumerate loops, del, import, …) the interpreter
        // runs from here; how it ends is passed on as the block would pass it.
        _ => Interpreted(instruction),
    };

    /// <summary><c>no_grad { … }</c>: recording off for the block, back on however it is left (a jump leaves through the finally).</summary>
    private Expression NoGrad(NoGradInstruction block)
    {
        var scope = E.Variable(typeof(Autograd.AutogradState.Scope), "noGrad");
        return E.Block(typeof(void), [scope],
            E.Assign(scope, E.Call(typeof(NoGradInstruction), nameof(NoGradInstruction.Enter), null, _frame)),
            E.TryFinally(Block(block.Body), E.Call(scope, nameof(IDisposable.Dispose), null)));
    }

    private Expression Interpreted(Instruction instruction) => Ended(E.Call(E.Constant(instruction), nameof(Instruction.Exec), null, _frame));

    /// <summary>Acts on the completion of a statement the interpreter ran: a jump leaves as the statement asked.</summary>
    private Expression PassOn(Expression completion) =>
        E.IfThenElse(E.Equal(completion, E.Constant(Completion.Break)), Jump(Completion.Break),
            E.IfThenElse(E.Equal(completion, E.Constant(Completion.Continue)), Jump(Completion.Continue),
                E.Return(_return, E.Constant(Completion.Return))));

    // Inside a loop compiled inline, a jump to its labels; at the top of the block (a loop's body
    // compiled alone), the completion the interpreter's loop acts on.
    private Expression Jump(Completion completion) => _loops.TryPeek(out var loop)
        ? E.Goto(completion == Completion.Break ? loop.Break : loop.Continue)
        : E.Return(_return, E.Constant(completion));

    /// <summary>Stores a value; the value is evaluated before a store's own operands (<c>xs[i] = v</c>), as in the interpreter.</summary>
    private Expression Assign(Store target, Expression value)
    {
        var v = E.Variable(typeof(Value), "value");
        return E.Block(typeof(void), [v], E.Assign(v, value), Store(target, v));
    }

    private Expression Store(Store target, ParameterExpression value) => target switch
    {
        LocalSet s => E.Assign(E.ArrayAccess(_slots, E.Constant(s.Slot)), value),
        GlobalSet s => E.Assign(E.Field(E.ArrayIndex(_globals, E.Constant(s.Slot)), nameof(GlobalCell.Value)), value),
        IndexStore s => Apply(s, Expression(s.Target), Expression(s.Key), value),
        _ => E.Call(E.Constant(target), nameof(Nodes.Store.Set), null, _frame, value),
    };

    /// <summary>Calls the node's own <c>Apply</c> on operands evaluated here; the frame is passed when it takes one.</summary>
    private Expression Apply(object node, params Expression[] operands)
    {
        var method = node.GetType().GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Single(m => m.Name == "Apply" && m.GetParameters().Length - operands.Length is 0 or 1);
        var arguments = method.GetParameters().Length > operands.Length ? [.. operands, _frame] : operands;
        return E.Call(E.Constant(node), method, arguments);
    }

    private static Expression Truthy(Expression value) => E.Property(value, nameof(Value.IsTruthy));

    private static MethodInfo Method<T>(string name, params Type[] parameters) =>
        parameters.Length == 0 ? typeof(T).GetMethod(name, BindingFlags.Public | BindingFlags.Static)! : typeof(T).GetMethod(name, parameters)!;

    private static Expression Field<T>(string name) => E.Field(null, typeof(T).GetField(name)!);
}
