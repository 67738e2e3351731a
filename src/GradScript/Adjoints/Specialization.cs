namespace GradScript.Adjoints;

using System.Diagnostics;

/// <summary>
/// What the tape would make of a plan for one signature: which steps record a node and in which
/// dtype, and which nodes backward would reach from the result. A step records when one of its
/// operands is tracked, in float32 when every tracked operand is float32 (as
/// <see cref="Autograd.Differentiable"/> decides); backward reaches the nodes the result depends on,
/// and no other (a node not reached passes nothing on, not even a zero).
/// </summary>
internal sealed class Specialization
{
    private readonly AdjointPlan _plan;
    private readonly ulong _signature;

    private Specialization(AdjointPlan plan, ulong signature)
    {
        _plan = plan;
        _signature = signature;
        StepIsFloat32 = new bool[plan.Steps.Length];
        StepReached = new bool[plan.Steps.Length];
        ParameterReached = new bool[plan.ParameterCount];
        Nodes = plan.Steps.Length;
    }

    public bool[] StepIsFloat32 { get; }

    public bool[] StepReached { get; }

    public bool[] ParameterReached { get; }

    /// <summary>
    /// The specialization, or null where the tape would do something a kernel does not: an operation
    /// on plain numbers only (Python's arithmetic, not a recorded one), an in-place update of a leaf
    /// (<c>x += …</c> on a parameter), a result that is not tracked.
    /// </summary>
    public static Specialization? TryCreate(AdjointPlan plan, ulong signature)
    {
        var s = new Specialization(plan, signature);
        var steps = plan.Steps;
        for (int i = 0; i < steps.Length; i++)
        {
            var step = steps[i];
            bool left = s.IsTracked(step.Left);
            if (step.IsUnary)
            {
                if (!left) return null;
                s.StepIsFloat32[i] = s.IsFloat32(step.Left);
                continue;
            }
            bool right = s.IsTracked(step.Right);
            if (!left && !right) return null;
            // c / x records x.reciprocal(), then the product by c (Autograd.AutogradState.Binary).
            if (step.Op == Autograd.Op.Divide && !left) s.Nodes++;
            if (step.Compound && left && step.Left.Kind == OperandKind.Parameter) return null;
            s.StepIsFloat32[i] = (!left || s.IsFloat32(step.Left)) && (!right || s.IsFloat32(step.Right));
        }
        if (!s.IsTracked(plan.Result)) return null;
        s.Reach(plan.Result);
        for (int i = steps.Length - 1; i >= 0; i--)
        {
            if (!s.StepReached[i]) continue;
            s.Reach(steps[i].Left);
            if (!steps[i].IsUnary) s.Reach(steps[i].Right);
        }
        return s;
    }

    /// <summary>Whether the operand is a node of the graph (a step, or a parameter differentiated by).</summary>
    public bool IsTracked(Operand operand) => operand.Kind switch
    {
        OperandKind.Parameter => Signature.Of(_signature, operand.Index) != ParameterKind.Plain,
        OperandKind.Step => true,
        OperandKind.Constant => false,
        _ => throw new UnreachableException(operand.Kind.ToString()),
    };

    /// <summary>Whether a tracked operand is float32.</summary>
    public bool IsFloat32(Operand operand) => operand.Kind switch
    {
        OperandKind.Parameter => Signature.Of(_signature, operand.Index) == ParameterKind.Leaf32,
        OperandKind.Step => StepIsFloat32[operand.Index],
        OperandKind.Constant => false,
        _ => throw new UnreachableException(operand.Kind.ToString()),
    };

    /// <summary>Whether backward reaches a tracked operand.</summary>
    public bool IsReached(Operand operand) => operand.Kind switch
    {
        OperandKind.Parameter => ParameterReached[operand.Index],
        OperandKind.Step => StepReached[operand.Index],
        OperandKind.Constant => false,
        _ => throw new UnreachableException(operand.Kind.ToString()),
    };

    public ParameterKind KindOf(int parameter) => Signature.Of(_signature, parameter);

    /// <summary>Recorded operations, reached or not: what the graph-size limit counts.</summary>
    public int Nodes { get; private set; }

    private void Reach(Operand operand)
    {
        switch (operand.Kind)
        {
            case OperandKind.Parameter:
                if (IsTracked(operand)) ParameterReached[operand.Index] = true;
                break;
            case OperandKind.Step:
                StepReached[operand.Index] = true;
                break;
            case OperandKind.Constant:
                break;
            default:
                throw new UnreachableException(operand.Kind.ToString());
        }
    }
}
