namespace GradScript.Runtime.Nodes;

using System.Diagnostics;
using GradScript.Ast;
using GradScript.Diagnostics;

/// <summary>A comparison; plain bools even for tracked operands.</summary>
internal sealed class CompareCode(BinaryOp op, Code left, Code right, SourceSpan opSpan, SourceSpan span) : Code(span)
{
    public Code Left => left;
    public Code Right => right;

    public override Value Eval(Frame frame) => Apply(left.Eval(frame), right.Eval(frame));

    /// <summary>The comparison of evaluated operands (the compiled tier's entry, too).</summary>
    public Value Apply(Value a, Value b)
    {
        if (a.IsFloat && b.IsFloat)
        {
            double x = a.AsFloat, y = b.AsFloat;
            return Value.Bool(op switch
            {
                BinaryOp.Less => x < y,
                BinaryOp.LessEqual => x <= y,
                BinaryOp.Greater => x > y,
                BinaryOp.GreaterEqual => x >= y,
                BinaryOp.Equal => x == y,
                BinaryOp.NotEqual => x != y,
                _ => throw new UnreachableException(op.ToString()),
            });
        }
        return Value.Bool(Comparisons.Compare(op, a, b, opSpan));
    }
}

/// <summary><c>a and b</c>: a if it is falsy, else b (Python returns the operand, not a bool).</summary>
internal sealed class AndCode(Code left, Code right, SourceSpan span) : Code(span)
{
    public Code Left => left;
    public Code Right => right;

    public override Value Eval(Frame frame)
    {
        var a = left.Eval(frame);
        return a.IsTruthy ? right.Eval(frame) : a;
    }
}

/// <summary><c>a or b</c>: a if it is truthy, else b.</summary>
internal sealed class OrCode(Code left, Code right, SourceSpan span) : Code(span)
{
    public Code Left => left;
    public Code Right => right;

    public override Value Eval(Frame frame)
    {
        var a = left.Eval(frame);
        return a.IsTruthy ? a : right.Eval(frame);
    }
}

internal sealed class NotCode(Code operand, SourceSpan span) : Code(span)
{
    public Code Operand => operand;

    public override Value Eval(Frame frame) => Value.Bool(!operand.Eval(frame).IsTruthy);
}
