namespace GradScript.Runtime.Tier;

using System.Linq.Expressions;
using GradScript.Ast;
using GradScript.Autograd;
using GradScript.Runtime.Nodes;
using E = System.Linq.Expressions.Expression;

// The code of a fused training loop (see BodyCompiler.Fused.cs): a step on doubles when its guard
// holds, the body as always compiled otherwise, and the last fused step's nodes written when the
// loop is left or before a step that is not fused.
internal sealed partial class BodyCompiler
{
    /// <summary>The locals of one fused loop and the code made of them.</summary>
    private sealed class FusedCode
    {
        private readonly BodyCompiler _compiler;
        private readonly FusedPlan _plan;
        private readonly ParameterExpression _autograd = E.Variable(typeof(AutogradState), "autograd");
        private readonly ParameterExpression _sweep = E.Variable(typeof(Backpropagation), "sweep");
        private readonly ParameterExpression _pending = E.Variable(typeof(bool), "pending");
        private readonly ParameterExpression _ready = E.Variable(typeof(bool), "ready");
        private readonly ParameterExpression _pass = E.Variable(typeof(int), "pass");
        private readonly ParameterExpression _backward = E.Variable(typeof(Value), "backward");
        private readonly ParameterExpression _grad = E.Variable(typeof(Value), "grad");
        // Per variable: its value this step, a target's value in the last fused step, its number.
        private readonly ParameterExpression[] _read, _last, _number;
        // Per operation: its value and gradient in the last fused step, and its node once written.
        private readonly ParameterExpression[] _data, _gradient, _node;

        public FusedCode(BodyCompiler compiler, FusedPlan plan)
        {
            (_compiler, _plan) = (compiler, plan);
            _read = Locals(plan.Variables.Count, typeof(Value), "read");
            _last = Locals(plan.Variables.Count, typeof(Value), "last");
            _number = Locals(plan.Variables.Count, typeof(double), "number");
            _data = Locals(plan.Operations.Count, typeof(double), "data");
            _gradient = Locals(plan.Operations.Count, typeof(double), "gradient");
            _node = Locals(plan.Operations.Count, typeof(Value), "node");
        }

        private static ParameterExpression[] Locals(int count, Type type, string name) =>
            Enumerable.Range(0, count).Select(i => E.Variable(type, $"{name}{i}")).ToArray();

        private int Count => _plan.Operations.Count;

        /// <summary>
        /// The loop (compiled by the caller around <see cref="Step"/>) with the fused state around it:
        /// whatever leaves it, the last fused step is written first.
        /// </summary>
        public Expression Around(Expression loop) => E.Block(typeof(void),
            [_autograd, _sweep, _pending, _ready, _pass, _backward, _grad, .. _read, .. _last, .. _number, .. _data, .. _gradient, .. _node],
            E.Assign(_autograd, E.Call(typeof(FusedStep), nameof(FusedStep.Autograd), null, _compiler._frame)),
            E.Assign(_sweep, E.Field(_autograd, nameof(AutogradState.Backpropagation))),
            E.Assign(_pending, E.Constant(false)),
            Refresh(),
            E.TryFinally(loop, E.IfThen(_pending, Write())));

        /// <summary>
        /// One iteration's body: the fused step when the guard holds, else the body as compiled code
        /// runs it (after writing the last fused step) and a new look at what it may have changed;
        /// then the break's test.
        /// </summary>
        public Expression Step()
        {
            var steps = new List<Expression>();
            for (int k = 0; k < _read.Length; k++)
            {
                if (_plan.IsTarget(k)) steps.Add(E.Assign(_read[k], Read(_plan.Variables[k])));
            }
            // The body as compiled code runs it is a method of its own, compiled here too: inline, its
            // many locals would leave the JIT no room to inline the fused step's small helpers.
            var general = E.Invoke(E.Constant(Compile(_plan.Step)), _compiler._frame);
            steps.Add(E.IfThenElse(Guard(), Fused(),
                E.Block(E.IfThen(_pending, Write()), _compiler.Ended(general), Refresh())));
            if (_plan.Tail is not null) steps.Add(_compiler.Statement(_plan.Tail));
            return E.Block(typeof(void), steps);
        }

        // What only a step that is not fused can change (fused steps write the loop's targets, and
        // params' data in place): the variables other than the targets, the builtins' names, the
        // autograd state. Read and tested as the loop begins and after each such step.
        private Expression Refresh()
        {
            var steps = new List<Expression>();
            for (int k = 0; k < _read.Length; k++)
            {
                if (!_plan.IsTarget(k)) steps.Add(E.Assign(_read[k], Read(_plan.Variables[k])));
            }
            steps.Add(E.Assign(_backward, Global(_plan.Backward!)));
            if (_plan.Grad is not null) steps.Add(E.Assign(_grad, Global(_plan.Grad)));
            Expression ready = E.Call(typeof(FusedStep), nameof(FusedStep.Ready), null, _autograd, _backward, _grad, E.Constant(_plan.Grad is not null));
            for (int k = 0; k < _read.Length; k++)
            {
                if (!_plan.IsTarget(k)) ready = E.AndAlso(ready, Kind(k));
            }
            steps.Add(E.Assign(_ready, ready));
            return E.Block(typeof(void), steps);
        }

        private Expression Read(Code variable) => variable switch
        {
            LocalGet g => E.ArrayIndex(_compiler._slots, E.Constant(g.Slot)),
            GlobalGet g => Global(g),
            _ => throw new System.Diagnostics.UnreachableException(variable.GetType().Name),
        };

        private Expression Global(GlobalGet g) => E.Field(E.ArrayIndex(_compiler._globals, E.Constant(g.Slot)), nameof(GlobalCell.Value));

        // Per step: room under the graph-size limit, the targets' kinds, that every operation records.
        private Expression Guard()
        {
            Expression guard = E.AndAlso(_ready, E.Call(_autograd, nameof(AutogradState.CanRecord), null, E.Constant(Count)));
            for (int k = 0; k < _read.Length; k++)
            {
                if (_plan.IsTarget(k)) guard = E.AndAlso(guard, Kind(k));
            }
            foreach (var o in _plan.Operations)
            {
                guard = E.AndAlso(guard, o.Op == Op.Power
                    ? E.AndAlso(Tracked(o.Left), E.Not(Tracked(o.Right)))
                    : E.OrElse(Tracked(o.Left), Tracked(o.Right)));
            }
            return guard;
        }

        // A variable's kind as its roles need it (a leaf is also an operand).
        private Expression Kind(int k)
        {
            var role = _plan.Roles[k];
            Expression kind = (role & Role.Leaf) != 0 ? Is(nameof(FusedStep.IsLeaf), _read[k])
                : (role & Role.Operand) != 0 ? Is(nameof(FusedStep.IsOperand), _read[k])
                : E.Constant(true);
            return (role & Role.Plain) != 0 ? E.AndAlso(kind, E.Property(_read[k], nameof(Value.IsFloat))) : kind;
        }

        private static Expression Is(string test, Expression value) => E.Call(typeof(FusedStep), test, null, value);

        private Expression Tracked(Source s) =>
            s.Operation >= 0 ? E.Constant(true) : s.Variable >= 0 ? E.Property(_read[s.Variable], nameof(Value.IsTracked)) : E.Constant(false);

        private Expression Number(Source s) =>
            s.Operation >= 0 ? _data[s.Operation] : s.Variable >= 0 ? _number[s.Variable] : E.Constant(Plain(s.Constant!.Value));

        private static double Plain(Value v) => v.IsFloat ? v.AsFloat : v.AsInt;

        // The forward on doubles, the sweep's contributions, the updates, the count; then this step is the one to write.
        private Expression Fused()
        {
            var steps = new List<Expression>();
            for (int k = 0; k < _read.Length; k++)
            {
                if ((_plan.Roles[k] & Role.Operand) != 0)
                    steps.Add(E.Assign(_number[k], E.Call(typeof(FusedStep), nameof(FusedStep.Number), null, _read[k])));
            }
            for (int i = 0; i < Count; i++)
            {
                var o = _plan.Operations[i];
                steps.Add(E.Assign(_data[i], Apply(o.Op, Number(o.Left), Number(o.Right))));
            }
            steps.Add(E.Assign(_pass, E.Call(_sweep, nameof(Backpropagation.BeginUnrecordedPass), null)));
            steps.Add(E.Assign(_gradient[Count - 1], E.Constant(1.0)));
            for (int i = Count - 1; i >= 0; i--)
            {
                var o = _plan.Operations[i];
                var (x, y, lt, rt) = (Number(o.Left), Number(o.Right), Tracked(o.Left), Tracked(o.Right));
                steps.Add(PassOn(o.Left, E.Call(typeof(FusedStep), nameof(FusedStep.ToLeft), null,
                    E.Constant(o.Op), _gradient[i], x, y, _data[i], lt, rt)));
                if (o.Op != Op.Power)
                    steps.Add(PassOn(o.Right, E.Call(typeof(FusedStep), nameof(FusedStep.ToRight), null, E.Constant(o.Op), _gradient[i], x, y, lt, rt)));
            }
            foreach (var update in _plan.Updates)
            {
                steps.Add(E.Call(typeof(FusedStep), nameof(FusedStep.Update), null, _autograd, _read[Index(update.Read)],
                    E.Constant(update.Operator == BinaryOp.Subtract), UpdateValue(update.Operand)));
            }
            steps.Add(E.Call(typeof(FusedStep), nameof(FusedStep.Count), null, _autograd, E.Constant(Count)));
            for (int k = 0; k < _read.Length; k++)
            {
                if (_plan.IsTarget(k) && _plan.Roles[k] != Role.Plain) steps.Add(E.Assign(_last[k], _read[k]));
            }
            steps.Add(E.Assign(_pending, E.Constant(true)));
            return E.Block(typeof(void), steps);
        }

        // The float64 operation the direct path records (TrackedArithmetic).
        private static Expression Apply(Op op, Expression x, Expression y) => op switch
        {
            Op.Add => E.Call(typeof(AddOperator), nameof(AddOperator.Apply), null, x, y),
            Op.Subtract => E.Call(typeof(SubtractOperator), nameof(SubtractOperator.Apply), null, x, y),
            Op.Multiply => E.Call(typeof(MultiplyOperator), nameof(MultiplyOperator.Apply), null, x, y),
            Op.Power => E.Call(typeof(FusedStep), nameof(FusedStep.Power), null, x, y),
            _ => throw new System.Diagnostics.UnreachableException(op.ToString()),
        };

        // A contribution to an operand: an operation's gradient (its only one, as the loss is a
        // tree), a leaf's passed on to it, nothing for a constant.
        private Expression PassOn(Source to, Expression contribution) =>
            to.Operation >= 0 ? E.Assign(_gradient[to.Operation], contribution)
            : to.Variable >= 0 ? E.Call(typeof(FusedStep), nameof(FusedStep.Contribute), null, _sweep, _read[to.Variable], contribution, _pass)
            : E.Empty();

        private int Index(Code variable) => _plan.Variables.FindIndex(v => Same(v, variable));

        // An update's operand on doubles, as the float fast path computes it.
        private Expression UpdateValue(Code code) => code switch
        {
            Constant c => E.Constant(c.Value.AsFloat),
            LocalGet or GlobalGet => E.Property(_read[Index(code)], nameof(Value.AsFloat)),
            ArithmeticCode<AddOperator> a => E.Call(typeof(AddOperator), nameof(AddOperator.Apply), null, UpdateValue(a.Left), UpdateValue(a.Right)),
            ArithmeticCode<SubtractOperator> a => E.Call(typeof(SubtractOperator), nameof(SubtractOperator.Apply), null, UpdateValue(a.Left), UpdateValue(a.Right)),
            ArithmeticCode<MultiplyOperator> a => E.Call(typeof(MultiplyOperator), nameof(MultiplyOperator.Apply), null, UpdateValue(a.Left), UpdateValue(a.Right)),
            CallCode c => E.Call(typeof(FusedStep), nameof(FusedStep.Gradient), null, _read[Index(c.Arguments[0])]),
            _ => throw new System.Diagnostics.UnreachableException(code.GetType().Name),
        };

        /// <summary>The last fused step's nodes, gradients and marks, its params' change marks and its loss: what the recorded step left.</summary>
        private Expression Write()
        {
            var steps = new List<Expression> { E.Call(typeof(FusedStep), nameof(FusedStep.BeginWriting), null, _autograd) };
            for (int i = 0; i < Count; i++)
            {
                var o = _plan.Operations[i];
                steps.Add(E.Assign(_node[i], E.Call(typeof(FusedStep), nameof(FusedStep.Write), null,
                    _autograd, E.Constant(o.Op), _data[i], Operand(o.Left), Operand(o.Right))));
            }
            steps.Add(E.Call(typeof(FusedStep), nameof(FusedStep.EndWriting), null, _autograd));
            for (int i = Count - 1; i >= 0; i--)
                steps.Add(E.Call(typeof(FusedStep), nameof(FusedStep.Restore), null, _sweep, _node[i], _gradient[i], _pass));
            foreach (var update in _plan.Updates)
                steps.Add(E.Call(typeof(FusedStep), nameof(FusedStep.Changed), null, _autograd, Last(Index(update.Read))));
            steps.Add(_compiler.Store(_plan.Loss.Target, _node[Count - 1]));
            steps.Add(E.Assign(_pending, E.Constant(false)));
            return E.Block(typeof(void), steps);
        }

        private Expression Operand(Source s) =>
            s.Operation >= 0 ? _node[s.Operation] : s.Variable >= 0 ? Last(s.Variable) : ConstantValue(s.Constant!);

        // A variable's value in the last fused step: a target's copy; any other has not been read since.
        private ParameterExpression Last(int k) => _plan.IsTarget(k) ? _last[k] : _read[k];
    }
}
