namespace GradScript.Runtime.Tier;

using System.Linq.Expressions;
using GradScript.Ast;
using GradScript.Autograd;
using GradScript.Runtime.Nodes;
using E = System.Linq.Expressions.Expression;

// A recorded expression and its backward, compiled together: `v = e` followed by `backward(v)`,
// or `backward(e)`, where e is made of + - * and ^ (the loss of a training step). The forward is
// what the compiled code runs anyway (each operation's own Apply, so the same nodes on the tape);
// its operands and results are kept in locals, and each operation's guard says whether it made
// what the direct path makes: a float64 node whose tracked inputs are float64 leaves or the
// expression's own results. Then the graph of v is known — its nodes and their order — and
// backward is the sweep written out, newest node first, with no queue and no walk over the tape.
// When any guard fails (a float32 or non-leaf operand, no_grad, a name rebound, anomaly detection,
// a create_graph backward seen before), the call runs as it would have: the interpreter's path.
internal sealed partial class BodyCompiler
{
    /// <summary>One operation of such an expression: what it did, and the locals holding its operands and result.</summary>
    private sealed record RecordedOperation(Op Op, ParameterExpression Left, ParameterExpression Right, ParameterExpression Result);

    /// <summary>
    /// Operations of one expression whose backward is written out; beyond them the rest is compiled
    /// as usual and its results count as operands that are not the expression's own (so a tracked one
    /// sends the backward to the general path). Far below the sweep's look at the limits.
    /// </summary>
    private const int MaxRecordedOperations = 64;

    /// <summary><c>v = e</c> then <c>backward(v)</c>, compiled together; null when the two statements are not that.</summary>
    private Expression? AssignThenBackward(Instruction first, Instruction second)
    {
        if (first is not AssignInstruction { Source: var source } assign || RecordedOp(source) is null
            || second is not ExprInstruction { Expression: CallCode call } || !IsBackwardCall(call) || !Reads(call.Arguments[0], assign.Target)
            || _depth >= MaxDepth || _nodes >= MaxNodes)
            return null;
        return WithBackward(source, assign.Target, call);
    }

    /// <summary><c>backward(e)</c>, compiled with its argument; null when the statement is not that.</summary>
    private Expression? BackwardOfExpression(ExprInstruction statement) =>
        statement.Expression is CallCode call && IsBackwardCall(call) && RecordedOp(call.Arguments[0]) is not null
            ? WithBackward(call.Arguments[0], null, call)
            : null;

    // backward(x) by its name; whether the name still means the builtin is checked when it runs.
    private static bool IsBackwardCall(CallCode call) =>
        !call.HasKeywords && call.Arguments.Length == 1 && call.Callee is GlobalGet { Name: "backward" };

    private static bool Reads(Code read, Store store) => (read, store) switch
    {
        (LocalGet get, LocalSet set) => get.Slot == set.Slot,
        (GlobalGet get, GlobalSet set) => get.Slot == set.Slot,
        _ => false,
    };

    private static Op? RecordedOp(Code code) => code switch
    {
        ArithmeticCode<AddOperator> => Op.Add,
        ArithmeticCode<SubtractOperator> => Op.Subtract,
        ArithmeticCode<MultiplyOperator> => Op.Multiply,
        GenericArithmeticCode { Operator: BinaryOp.Power } => Op.Power,
        _ => null,
    };

    private static (Code Left, Code Right) Operands(Code code) => code switch
    {
        ArithmeticCode<AddOperator> a => (a.Left, a.Right),
        ArithmeticCode<SubtractOperator> a => (a.Left, a.Right),
        ArithmeticCode<MultiplyOperator> a => (a.Left, a.Right),
        GenericArithmeticCode a => (a.Left, a.Right),
        _ => throw new System.Diagnostics.UnreachableException(code.GetType().Name),
    };

    /// <summary>
    /// The expression and the call in the interpreter's order: <c>v = e</c> then the callee, or for
    /// <c>backward(e)</c> the callee then e. When the callee is the builtin <c>backward</c> and every
    /// guard held, the sweep written out; otherwise the call as it would be made.
    /// </summary>
    private Expression WithBackward(Code expression, Store? store, CallCode call)
    {
        var fits = E.Variable(typeof(bool), "fits");
        var (callee, argument) = (E.Variable(typeof(Value), "callee"), E.Variable(typeof(Value), "argument"));
        var locals = new List<ParameterExpression> { fits, callee, argument };
        var operations = new List<RecordedOperation>();
        var forward = new List<Expression> { E.Assign(fits, E.Constant(true)) };
        var (root, _) = Forward(expression, operations, locals, forward, fits);
        if (store is not null) forward.Add(Store(store, root));

        var backward = E.Block(typeof(void),
            E.Assign(argument, store is null ? root : Expression(call.Arguments[0])),
            E.IfThenElse(E.AndAlso(fits, E.Call(typeof(KnownGraph), nameof(KnownGraph.CanSweep), null, argument, root, _frame)),
                Sweep(operations, root),
                E.Call(E.Constant(call), nameof(CallCode.CallNative), null, callee, argument, _frame)));
        var isBackward = E.Call(typeof(KnownGraph), nameof(KnownGraph.IsBackward), null, callee);
        var general = E.Block(typeof(void), Call(call, callee));
        Expression[] steps = store is null
            ? [E.Assign(callee, Expression(call.Callee)), E.IfThenElse(isBackward, E.Block([.. forward, backward]), general)]
            : [.. forward, E.Assign(callee, Expression(call.Callee)), E.IfThenElse(isBackward, backward, general)];
        return E.Block(typeof(void), locals, steps);
    }

    /// <summary>
    /// Compiles <paramref name="code"/> into <paramref name="steps"/>, its value left in the local it
    /// returns; an operation of the expression keeps its operands and result in locals, and ands its
    /// guard into <paramref name="fits"/>. Own: the value is such an operation's result.
    /// </summary>
    private (ParameterExpression Value, bool Own) Forward(Code code, List<RecordedOperation> operations,
        List<ParameterExpression> locals, List<Expression> steps, ParameterExpression fits)
    {
        var value = E.Variable(typeof(Value), "operand");
        locals.Add(value);
        if (RecordedOp(code) is not { } op || operations.Count >= MaxRecordedOperations || _depth >= MaxDepth || _nodes >= MaxNodes)
        {
            steps.Add(E.Assign(value, Expression(code)));
            return (value, false);
        }
        _depth++;
        _nodes++;
        try
        {
            var (leftCode, rightCode) = Operands(code);
            var (left, leftOwn) = Forward(leftCode, operations, locals, steps, fits);
            var (right, rightOwn) = Forward(rightCode, operations, locals, steps, fits);
            steps.Add(E.Assign(value, Apply(code, left, right)));
            steps.Add(E.Assign(fits, E.AndAlso(fits, E.Call(typeof(KnownGraph), nameof(KnownGraph.Fits), null,
                E.Constant(op), left, E.Constant(leftOwn), right, E.Constant(rightOwn), value))));
            operations.Add(new RecordedOperation(op, left, right, value));
            return (value, true);
        }
        finally
        {
            _depth--;
        }
    }

    /// <summary>The sweep written out: operations were added in creation order, so it visits them backwards.</summary>
    private Expression Sweep(List<RecordedOperation> operations, ParameterExpression root)
    {
        var (sweep, pass) = (E.Variable(typeof(Backpropagation), "sweep"), E.Variable(typeof(int), "pass"));
        var steps = new List<Expression>
        {
            E.Assign(sweep, E.Call(typeof(KnownGraph), nameof(KnownGraph.Pass), null, _frame)),
            E.Assign(pass, E.Call(sweep, nameof(Backpropagation.BeginKnownPass), null, E.Property(root, nameof(Value.AsTracked)))),
        };
        for (int i = operations.Count - 1; i >= 0; i--)
        {
            var o = operations[i];
            steps.Add(E.Call(typeof(KnownGraph), nameof(KnownGraph.Propagate), null, E.Constant(o.Op), o.Left, o.Right, o.Result, sweep, pass));
        }
        steps.Add(E.Call(typeof(KnownGraph), nameof(KnownGraph.EndPass), null, _frame));
        return E.Block(typeof(void), [sweep, pass], steps);
    }
}
