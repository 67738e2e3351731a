namespace GradScript.Runtime.Nodes;

using System.Diagnostics;
using GradScript.Ast;
using GradScript.Autograd;
using GradScript.Autograd.Operations;
using GradScript.Diagnostics;

/// <summary>
/// The tracked cases of <c>+ - * ^</c> that training loops are made of: a float64 tracked value and a
/// float, an int or another tracked value, recorded straight on the tape. It makes the node
/// <see cref="Operators.Arithmetic"/> makes for the same operands (the same value, computed by the
/// same float64 operation, the same inputs, constant and flags, the same graph-size and anomaly
/// checks) without its layers of dispatch: the int and sequence tests, the operator table, the
/// nullable operands and the float32 rules. Anything else (float32, a bool, <c>no_grad</c>) is left
/// to <see cref="Operators.Arithmetic"/>.
/// </summary>
internal static class TrackedArithmetic
{
    /// <summary>Records <c>a ⊕ b</c> when the operands have the shape above; false leaves <paramref name="result"/> unset.</summary>
    public static bool TryRecord<TOperator>(Value a, Value b, Interpreter interpreter, in SourceSpan at, out Value result)
        where TOperator : struct, IFloatOperator
    {
        var autograd = interpreter.Autograd;
        if (autograd.IsRecording)
        {
            if (a.IsTracked)
            {
                var ta = a.AsTracked;
                if (b.IsTracked)
                {
                    var tb = b.AsTracked;
                    // Mixed precisions compute in float64, as Differentiable.Binary does.
                    if (!(ta.IsFloat32 && tb.IsFloat32))
                    {
                        result = Value.Object(autograd.Float64(Op<TOperator>(), TOperator.Apply(ta.Data, tb.Data), ta, tb, at));
                        return true;
                    }
                }
                else if (!ta.IsFloat32 && TryPlain(b, out double y))
                {
                    result = Value.Object(autograd.Float64(Op<TOperator>(), TOperator.Apply(ta.Data, y), ta, y, constantOnLeft: false, at));
                    return true;
                }
            }
            else if (b.IsTracked && TryPlain(a, out double x))
            {
                var tb = b.AsTracked;
                if (!tb.IsFloat32)
                {
                    result = Value.Object(autograd.Float64(Op<TOperator>(), TOperator.Apply(x, tb.Data), tb, x, constantOnLeft: true, at));
                    return true;
                }
            }
        }
        result = default;
        return false;
    }

    /// <summary>
    /// <c>t ^ c</c> of a tracked float64 base and a plain exponent (the square of a loss), recorded
    /// as <see cref="Operators.Arithmetic"/> records it: pow(Tensor, Scalar), its value from
    /// <see cref="Power.ByScalar"/>, the exponent kept as the node's constant.
    /// </summary>
    public static bool TryRecordPower(Value a, Value b, Interpreter interpreter, in SourceSpan at, out Value result)
    {
        var autograd = interpreter.Autograd;
        if (autograd.IsRecording && a.IsTracked && TryPlain(b, out double c))
        {
            var t = a.AsTracked;
            if (!t.IsFloat32)
            {
                result = Value.Object(autograd.Float64(Autograd.Op.Power, Power.ByScalar(t.Data, c), t, c, constantOnLeft: false, at));
                return true;
            }
        }
        result = default;
        return false;
    }

    // A float, or an int as Operators converts it.
    private static bool TryPlain(Value v, out double value)
    {
        if (v.IsFloat) value = v.AsFloat;
        else if (v.IsInt) value = v.AsInt;
        else
        {
            value = 0;
            return false;
        }
        return true;
    }

    private static Op Op<TOperator>() where TOperator : struct, IFloatOperator => TOperator.Op switch
    {
        BinaryOp.Add => Autograd.Op.Add,
        BinaryOp.Subtract => Autograd.Op.Subtract,
        BinaryOp.Multiply => Autograd.Op.Multiply,
        _ => throw new UnreachableException(TOperator.Op.ToString()),
    };
}
