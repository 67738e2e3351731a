namespace GradScript.Runtime.Tier;

using System.Linq.Expressions;
using GradScript.Ast;
using GradScript.Autograd;
using GradScript.Runtime.Nodes;
using E = System.Linq.Expressions.Expression;

// A training loop whose nodes are written only when a script can see them. A loop compiled inline
// whose body is a training step — `l = e`, `backward(l)`, updates `p -= …` of params by their
// gradients, and perhaps a last `if c { break }` — overwrites l every step, so only the last
// step's graph can ever be read. Each step whose guard holds runs on doubles: the forward values,
// the gradients (the leaves' passed on to them as the sweep would, so `grad(p)` and `p.grad` are
// always current), the updates, the operations counted against the graph-size limit. The last
// step's nodes, their gradients and marks, l itself and the params' change marks are written when
// the loop is left, however it is left (its end, the break, an error, a limit, a cancellation:
// a finally), and before a step whose guard fails, which then runs as compiled code always does.
// The guard is the written-out backward's (BodyCompiler.Backward.cs) taken at the step's entry.
internal sealed partial class BodyCompiler
{
    /// <summary>Bounds of a fused step; beyond them the loop's body is compiled as usual.</summary>
    private const int MaxFusedOperations = 16, MaxFusedVariables = 16, MaxFusedUpdates = 8;

    /// <summary>What a step reads a variable for: each adds a test to the step's guard.</summary>
    [Flags]
    private enum Role
    {
        None = 0,
        Operand = 1, // an operand of the loss: a float64 param, a float or an int
        Plain = 2,   // a number in an update: a float
        Leaf = 4,    // updated, or asked for its gradient: a float64 param
    }

    /// <summary>An operand of a fused operation: one of the step's operations, a variable, or a constant.</summary>
    private readonly record struct Source(int Operation, int Variable, Constant? Constant);

    private sealed record FusedOperation(Op Op, Source Left, Source Right);

    /// <summary>A step, as matched: its statements and what its code needs.</summary>
    private sealed class FusedPlan(AssignInstruction loss, Instruction[] step, CompoundAssignInstruction[] updates, Instruction? tail, Store[] targets)
    {
        /// <summary>Whether variable <paramref name="k"/> is one of the loop's targets: the only ones a fused step changes.</summary>
        public bool IsTarget(int k) => targets.Any(t => Reads(Variables[k], t));

        public AssignInstruction Loss => loss;
        public Instruction[] Step => step;
        public CompoundAssignInstruction[] Updates => updates;
        public Instruction? Tail => tail;
        public readonly List<Code> Variables = [];
        public readonly List<Role> Roles = [];
        public readonly List<FusedOperation> Operations = [];
        public GlobalGet? Backward, Grad;
    }

    /// <summary>The loop's body as a fused step, or null when it is not one (see above).</summary>
    private static FusedPlan? FusedPattern(Instruction[] body, Store[] targets)
    {
        if (body.Length < 2 || body[0] is not AssignInstruction { Target: LocalSet or GlobalSet } loss || RecordedOp(loss.Source) is null
            || body[1] is not ExprInstruction { Expression: CallCode call } || !IsBackwardCall(call) || !Reads(call.Arguments[0], loss.Target))
            return null;
        int end = body.Length;
        Instruction? tail = null;
        if (end > 2 && body[^1] is IfInstruction { Then: [BreakInstruction], Else: [] } test && IsCondition(test.Condition, loss.Target))
        {
            tail = test;
            end--;
        }
        var updates = new List<CompoundAssignInstruction>();
        for (int i = 2; i < end; i++)
        {
            if (body[i] is not CompoundAssignInstruction { Operator: BinaryOp.Subtract or BinaryOp.Add, Read: LocalGet or GlobalGet } update) return null;
            updates.Add(update);
        }
        if (updates.Count > MaxFusedUpdates || targets.Any(t => IsVariable(t, loss.Target))) return null;
        var plan = new FusedPlan(loss, body[..end], [.. updates], tail, targets) { Backward = (GlobalGet)call.Callee };
        if (Operation(plan, loss.Source) is not { Operation: >= 0 }) return null;
        foreach (var update in updates)
        {
            if (Variable(plan, update.Read, Role.Leaf) < 0 || !UpdateOperand(plan, update.Operand)) return null;
        }
        return plan.Operations.Count <= MaxFusedOperations && plan.Variables.Count <= MaxFusedVariables
            && !plan.Variables.Any(v => Reads(v, loss.Target)) ? plan : null;
    }

    private static bool IsVariable(Store target, Store loss) => (target, loss) switch
    {
        (LocalSet a, LocalSet b) => a.Slot == b.Slot,
        (GlobalSet a, GlobalSet b) => a.Slot == b.Slot,
        _ => false,
    };

    /// <summary>The loss's operations in creation order (left operand, right operand, then the operation); a default source when it does not fit.</summary>
    private static Source? Operation(FusedPlan plan, Code code)
    {
        if (RecordedOp(code) is not { } op)
        {
            if (code is Constant { Value: var c } constant) return c.IsFloat || c.IsInt ? new Source(-1, -1, constant) : null;
            int variable = Variable(plan, code, Role.Operand);
            return variable >= 0 ? new Source(-1, variable, null) : null;
        }
        var (leftCode, rightCode) = Operands(code);
        if (Operation(plan, leftCode) is not { } left || Operation(plan, rightCode) is not { } right) return null;
        // A power's exponent is plain: t ^ c is what the direct path records.
        if (op == Op.Power && right.Operation >= 0) return null;
        plan.Operations.Add(new FusedOperation(op, left, right));
        return new Source(plan.Operations.Count - 1, -1, null);
    }

    /// <summary>The index of a variable read by the step (read once a step), with a role added; -1 for anything else.</summary>
    private static int Variable(FusedPlan plan, Code code, Role role)
    {
        if (code is not (LocalGet or GlobalGet)) return -1;
        int index = plan.Variables.FindIndex(v => Same(v, code));
        if (index < 0)
        {
            plan.Variables.Add(code);
            plan.Roles.Add(Role.None);
            index = plan.Variables.Count - 1;
        }
        plan.Roles[index] |= role;
        return index;
    }

    private static bool Same(Code a, Code b) => (a, b) switch
    {
        (LocalGet x, LocalGet y) => x.Slot == y.Slot,
        (GlobalGet x, GlobalGet y) => x.Slot == y.Slot,
        _ => false,
    };

    /// <summary>An update's operand: + - * of float constants, float variables and <c>grad(p)</c> of a variable.</summary>
    private static bool UpdateOperand(FusedPlan plan, Code code) => code switch
    {
        Constant { Value.IsFloat: true } => true,
        LocalGet or GlobalGet => Variable(plan, code, Role.Plain) >= 0,
        ArithmeticCode<AddOperator> a => UpdateOperand(plan, a.Left) && UpdateOperand(plan, a.Right),
        ArithmeticCode<SubtractOperator> a => UpdateOperand(plan, a.Left) && UpdateOperand(plan, a.Right),
        ArithmeticCode<MultiplyOperator> a => UpdateOperand(plan, a.Left) && UpdateOperand(plan, a.Right),
        CallCode { HasKeywords: false, Arguments: [var argument], Callee: GlobalGet { Name: "grad" } callee }
            when plan.Grad is null || plan.Grad.Slot == callee.Slot => (plan.Grad = callee) is not null && Variable(plan, argument, Role.Leaf) >= 0,
        _ => false,
    };

    /// <summary>A break's condition that runs no script code and records nothing: comparisons and logic of variables (not the loss) and constants.</summary>
    private static bool IsCondition(Code code, Store loss) => code switch
    {
        Constant => true,
        LocalGet or GlobalGet => !Reads(code, loss),
        CompareCode c => IsCondition(c.Left, loss) && IsCondition(c.Right, loss),
        AndCode a => IsCondition(a.Left, loss) && IsCondition(a.Right, loss),
        OrCode o => IsCondition(o.Left, loss) && IsCondition(o.Right, loss),
        NotCode n => IsCondition(n.Operand, loss),
        _ => false,
    };
}
