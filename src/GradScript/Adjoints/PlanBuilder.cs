namespace GradScript.Adjoints;

using GradScript.Ast;
using GradScript.Autograd;
using GradScript.Binding;
using GradScript.Diagnostics;
using GradScript.Runtime;
using System.Diagnostics;

/// <summary>
/// Reads a <c>def</c> when it is compiled and, when its body is a straight line that only records
/// (assignments to locals, expression statements, loops over <c>range</c> of int literals, unrolled,
/// and one <c>return</c> at the end, over parameters, number literals, the arithmetic operators and the
/// builtins that record an operation), lists the operations it will record, in the order the
/// interpreter records them. Anything else — a branch, another loop, a call of another function, a list, a string, a global or enclosing variable, a read of a
/// local before it is assigned, a fold that fails — gives no plan, and the function is only ever
/// differentiated on the tape. Cheap: it stops at the first statement it cannot take.
/// </summary>
internal sealed class PlanBuilder
{
    /// <summary>
    /// Steps a plan may have. Far below <see cref="Backpropagation.CheckInterval"/>, so backward of the
    /// same graph would never look at the clock, and a generated method stays small enough to JIT quickly.
    /// </summary>
    public const int MaxSteps = 2048;

    private readonly FunctionScope _scope;
    private readonly Resolution _resolution;
    private readonly Operand?[] _locals;
    private readonly List<Step> _steps = [];
    private readonly List<BuiltinGuard> _guards = [];
    private long _loopSteps;

    /// <summary>Iterations a loop may have to be unrolled; a longer one is left to the tape.</summary>
    public const int MaxIterations = 256;

    private PlanBuilder(FunctionScope scope, Resolution resolution)
    {
        _scope = scope;
        _resolution = resolution;
        _locals = new Operand?[scope.SlotCount];
    }

    /// <summary>The plan of <paramref name="def"/>, or null when it is not a straight line of recorded operations.</summary>
    public static AdjointPlan? TryBuild(FunctionDef def, FunctionScope scope, Resolution resolution)
    {
        int count = def.Parameters.Count;
        if (count == 0 || count > Signature.MaxParameters || def.Body.Count == 0 || def.Body[^1] is not Return { Value: { } returned }) return null;
        var builder = new PlanBuilder(scope, resolution);
        for (int i = 0; i < count; i++)
        {
            if (!scope.TryGetLocal(def.Parameters[i].Name, out int slot) || slot != i) return null;
            builder._locals[i] = Operand.Parameter(i);
        }
        for (int i = 0; i < def.Body.Count - 1; i++)
        {
            if (!builder.Statement(def.Body[i])) return null;
        }
        return builder.Expression(returned) is { } result && builder._steps.Count <= MaxSteps
            ? new AdjointPlan(count, [.. builder._steps], result, [.. builder._guards.Distinct()], builder._loopSteps)
            : null;
    }

    private bool Statement(Stmt statement)
    {
        switch (statement)
        {
            case ExprStmt s:
                return Expression(s.Expression) is not null;
            case Assign { Targets: [Name target] } s:
                if (Expression(s.Value) is not { } value || Local(target.Identifier) is not int slot) return false;
                _locals[slot] = value;
                return true;
            case For { Targets: [Name target], Iterable: Call { Callee: Name callee, Keywords.Count: 0 } range } loop:
                return Loop(target, callee, range.Arguments, loop.Body);
            case CompoundAssign { Target: Name target } s:
                if (Local(target.Identifier) is not int local || _locals[local] is not { } current) return false;
                if (Expression(s.Value) is not { } operand || Arithmetic(s.Op, current, operand, compound: true) is not { } updated) return false;
                _locals[local] = updated;
                return true;
            default:
                return false;
        }
    }

    // for i in range(n) or range(a, b) over int literals, with a body of statements the plan takes:
    // unrolled, the loop variable a constant in each copy. Each iteration is a step of the interpreter's.
    private bool Loop(Name target, Name callee, IReadOnlyList<Expr> arguments, IReadOnlyList<Stmt> body)
    {
        var range = _resolution.Of(_scope, callee.Identifier);
        if (callee.Identifier != "range" || range.Kind != VariableKind.Global || Local(target.Identifier) is not int slot) return false;
        long[] bounds = new long[arguments.Count];
        for (int i = 0; i < bounds.Length; i++)
        {
            if (Expression(arguments[i]) is not { Constant.IsInt: true } bound) return false;
            bounds[i] = bound.Constant.AsInt;
        }
        var (start, stop) = bounds switch
        {
            [var n] => (0L, n),
            [var a, var b] => (a, b),
            _ => (0L, -1L),
        };
        if (bounds.Length is not (1 or 2) || stop > start && (ulong)(stop - start) > MaxIterations) return false;
        _guards.Add(new BuiltinGuard(range.Slot, Builtins.RangeFunction));
        for (long i = start; i < stop; i++)
        {
            _locals[slot] = Operand.Number(Value.Int(i));
            foreach (var statement in body)
            {
                if (!Statement(statement) || _steps.Count > MaxSteps) return false;
            }
            _loopSteps++;
        }
        return true;
    }

    private Operand? Expression(Expr expr) => expr switch
    {
        Literal { Value: long or double } l => Constant(l.Value is long i ? Value.Int(i) : Value.Float((double)l.Value)),
        Name n => Local(n.Identifier) is int slot ? _locals[slot] : null,
        Binary b when OperatorTable.Of(b.Op).Kind == OperatorKind.Arithmetic =>
            Expression(b.Left) is { } left && Expression(b.Right) is { } right ? Arithmetic(b.Op, left, right, compound: false) : null,
        // +x is x itself, for a number and a tracked value alike.
        Unary { Op: UnaryOp.Plus } u => Expression(u.Operand),
        Unary { Op: UnaryOp.Negate } u => Expression(u.Operand) is { } operand ? Negate(operand) : null,
        Call { Callee: Name callee, Keywords.Count: 0 } c => BuiltinCall(callee, c.Arguments),
        _ => null,
    };

    private static Operand? Constant(Value value) => value.IsPlainNumber ? Operand.Number(value) : null;

    private int? Local(string identifier)
    {
        var variable = _resolution.Of(_scope, identifier);
        return variable.Kind == VariableKind.Local ? variable.Slot : null;
    }

    private Operand Record(Op op, Operand left, Operand right, bool unary, bool compound = false)
    {
        _steps.Add(new Step(op, left, right, unary, compound));
        return Operand.Step(_steps.Count - 1);
    }

    // Two constants fold as the compiler folds them (an operation that fails is left to fail at run
    // time: no plan); a plain operand beside a tracked one is a Python scalar of the recorded operation.
    private Operand? Arithmetic(BinaryOp op, Operand left, Operand right, bool compound)
    {
        if (left.Kind == OperandKind.Constant && right.Kind == OperandKind.Constant)
        {
            try { return Constant(Operators.Arithmetic(op, left.Constant, right.Constant, null!, default)); }
            catch (ScriptRuntimeException) { return null; }
        }
        return OperatorTable.Of(op).Autograd is { } recorded ? Record(recorded, left, right, unary: false, compound) : null;
    }

    private Operand? Negate(Operand operand)
    {
        if (operand.Kind != OperandKind.Constant) return Record(Op.Negate, operand, default, unary: true);
        try { return Constant(Operators.Negate(operand.Constant, null!, default)); }
        catch (ScriptRuntimeException) { return null; }
    }

    // A builtin that records one operation (tanh, abs, pow), or max/min of two or more values, which
    // record one operation per pair from the left. A call of only constants computes a plain number: no plan.
    private Operand? BuiltinCall(Name callee, IReadOnlyList<Expr> arguments)
    {
        var variable = _resolution.Of(_scope, callee.Identifier);
        if (variable.Kind != VariableKind.Global || !Builtins.Recording.TryGetValue(callee.Identifier, out var builtin)) return null;
        var op = builtin.Records!.Value;
        var operands = new Operand[arguments.Count];
        for (int i = 0; i < operands.Length; i++)
        {
            if (Expression(arguments[i]) is not { } operand) return null;
            operands[i] = operand;
        }
        _guards.Add(new BuiltinGuard(variable.Slot, builtin));
        try
        {
            switch (Ops.Family(op), operands.Length)
            {
                case (OpFamily.Elementary or OpFamily.Activation, 1):
                    return operands[0].Kind == OperandKind.Constant ? Constant(PlainValue(op, operands[0].Constant)) : Record(op, operands[0], default, unary: true);
                case (OpFamily.Power, 2):
                    return Arithmetic(BinaryOp.Power, operands[0], operands[1], compound: false);
                case (OpFamily.Extremes, >= 2):
                    var best = operands[0];
                    for (int i = 1; i < operands.Length; i++)
                    {
                        // Two plain numbers are compared, as Python's max does, and the item chosen kept.
                        var item = operands[i];
                        if (best.Kind == OperandKind.Constant && item.Kind == OperandKind.Constant)
                            best = Comparisons.Compare(op == Op.Maximum ? BinaryOp.Greater : BinaryOp.Less, item.Constant, best.Constant, default) ? item : best;
                        else best = Record(op, best, item, unary: false);
                    }
                    return best;
                default:
                    return null;
            }
        }
        catch (ScriptRuntimeException) { return null; }
    }

    // What the builtin gives for a plain number (Builtins.Math): abs keeps an int an int; the others are float64.
    private static Value PlainValue(Op op, Value x) => op switch
    {
        Op.Abs when x.IsInt => x.AsInt == long.MinValue ? throw new ScriptRuntimeException("overflow", default) : Value.Int(Math.Abs(x.AsInt)),
        Op.Abs => Value.Float(Math.Abs(x.AsFloat)),
        _ => Value.Float(Differentiable.Apply(op, x.TryGetDouble(out double d) ? d : throw new UnreachableException("a constant is a number"))),
    };
}
