namespace GradScript.Runtime.Tier;

using System.Linq.Expressions;
using GradScript.Runtime.Nodes;
using E = System.Linq.Expressions.Expression;

// Expressions: each gives a Value, computed as the node's Eval computes it.
internal sealed partial class BodyCompiler
{
    private Expression Expression(Code code) => Bounded(code, Compiled, Interpreted);

    private MethodCallExpression Interpreted(Code code) => E.Call(E.Constant(code), nameof(Code.Eval), null, _frame);

    private Expression Compiled(Code code) => code switch
    {
        Constant c => ConstantValue(c),
        LocalGet g => Defined(E.ArrayIndex(_slots, E.Constant(g.Slot)), g),
        GlobalGet g => Defined(E.Field(E.ArrayIndex(_globals, E.Constant(g.Slot)), nameof(GlobalCell.Value)), g),
        ArithmeticCode<AddOperator> a => Apply(a, Expression(a.Left), Expression(a.Right)),
        ArithmeticCode<SubtractOperator> a => Apply(a, Expression(a.Left), Expression(a.Right)),
        ArithmeticCode<MultiplyOperator> a => Apply(a, Expression(a.Left), Expression(a.Right)),
        ArithmeticCode<DivideOperator> a => Apply(a, Expression(a.Left), Expression(a.Right)),
        GenericArithmeticCode a => Apply(a, Expression(a.Left), Expression(a.Right)),
        NegateCode n => Apply(n, Expression(n.Operand)),
        CompareCode c => Apply(c, Expression(c.Left), Expression(c.Right)),
        IndexCode i => Apply(i, Expression(i.Target), Expression(i.Key)),
        AndCode a => ShortCircuit(Expression(a.Left), a.Right, isAnd: true),
        OrCode o => ShortCircuit(Expression(o.Left), o.Right, isAnd: false),
        NotCode n => E.Call(Method<Value>(nameof(Value.Bool)), E.Not(Truthy(Expression(n.Operand)))),
        CallCode c when !c.HasKeywords => Call(c),
        ConditionalCode c => E.Condition(Truthy(Expression(c.Condition)), Expression(c.Then), Expression(c.Otherwise)),
        // Any other node (a call with keywords, a member, a slice, a lambda, a comprehension, …) is
        // evaluated by the interpreter, its operands with it.
        _ => Interpreted(code),
    };

    // Plain numbers become constants of the method; any other value is read from the node.
    private static Expression ConstantValue(Constant c) =>
        c.Value.IsFloat ? E.Call(Method<Value>(nameof(Value.Float)), E.Constant(c.Value.AsFloat))
        : c.Value.IsInt ? E.Call(Method<Value>(nameof(Value.Int)), E.Constant(c.Value.AsInt))
        : E.Field(E.Constant(c), nameof(Constant.Value));

    /// <summary>A variable's value; when it is unassigned, the interpreter's node reads it again, and raises its error.</summary>
    private Expression Defined(Expression read, Code node)
    {
        var value = E.Variable(typeof(Value), "read");
        return E.Block(typeof(Value), [value],
            E.Assign(value, read),
            E.Condition(E.Property(value, nameof(Value.IsUndefined)), Interpreted(node), value));
    }

    private Expression ShortCircuit(Expression left, Code right, bool isAnd)
    {
        var value = E.Variable(typeof(Value), "left");
        var rest = Expression(right);
        return E.Block(typeof(Value), [value],
            E.Assign(value, left),
            isAnd ? E.Condition(Truthy(value), rest, value) : E.Condition(Truthy(value), value, rest));
    }

    /// <summary>
    /// A call without keywords: the callee, then (once it is known to be callable, and a script
    /// function known to take that many arguments) the arguments in order, then the call, as
    /// <see cref="CallCode"/> does. A script function's arguments go straight into its new slots; a
    /// native function's are passed as they are, to the overload of their number.
    /// </summary>
    private Expression Call(CallCode call, Expression? callee = null)
    {
        var node = E.Constant(call);
        var target = E.Variable(typeof(Value), "callee");
        var slots = E.Variable(typeof(Value[]), "frame");
        var arguments = call.Arguments.Select((_, i) => E.Variable(typeof(Value), $"argument{i}")).ToArray();
        var script = new List<Expression>();
        for (int i = 0; i < arguments.Length; i++) script.Add(E.Assign(E.ArrayAccess(slots, E.Constant(i)), arguments[i]));
        script.Add(E.Call(node, nameof(CallCode.RunScript), null, target, slots, _frame));
        Expression native = arguments.Length switch
        {
            0 => E.Call(node, nameof(CallCode.CallNative), null, target, _frame),
            <= 4 => E.Call(node, nameof(CallCode.CallNative), null, [target, .. arguments, _frame]),
            _ => E.Call(node, nameof(CallCode.CallNative), null, target, E.NewArrayInit(typeof(Value), arguments), _frame),
        };
        var steps = new List<Expression> { E.Assign(slots, E.Call(node, nameof(CallCode.ScriptFrame), null, target)) };
        for (int i = 0; i < arguments.Length; i++) steps.Add(E.Assign(arguments[i], Expression(call.Arguments[i])));
        steps.Add(E.Condition(E.NotEqual(slots, E.Constant(null, typeof(Value[]))), E.Block(typeof(Value), script), native));
        Expression made = E.Block(typeof(Value), steps);
        // grad(t) while the name means the builtin (which takes one argument): the gradient of a
        // tracked argument without the call.
        if (arguments.Length == 1 && call.Callee is GlobalGet { Name: "grad" })
        {
            var only = arguments[0];
            made = E.Condition(E.Call(typeof(KnownGraph), nameof(KnownGraph.IsGrad), null, target),
                E.Block(typeof(Value), E.Assign(only, Expression(call.Arguments[0])),
                    E.Condition(E.Property(only, nameof(Value.IsTracked)), E.Call(typeof(KnownGraph), nameof(KnownGraph.Gradient), null, only, _frame), native)),
                made);
        }
        return E.Block(typeof(Value), [target, slots, .. arguments], E.Assign(target, callee ?? Expression(call.Callee)), made);
    }
}
