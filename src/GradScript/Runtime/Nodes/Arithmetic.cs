namespace GradScript.Runtime.Nodes;

using System.Runtime.CompilerServices;
using GradScript.Ast;
using GradScript.Diagnostics;

/// <summary>
/// One arithmetic operator's float ⊕ float case, as a type: the JIT compiles a separate
/// <see cref="ArithmeticCode{TOperator}"/> per operator with this case inlined, so the hot path of
/// plain arithmetic is two evaluations, two tag tests and one instruction.
/// </summary>
internal interface IFloatOperator
{
    static abstract BinaryOp Op { get; }
    static abstract double Apply(double x, double y);
}

internal struct AddOperator : IFloatOperator
{
    public static BinaryOp Op => BinaryOp.Add;
    public static double Apply(double x, double y) => x + y;
}

internal struct SubtractOperator : IFloatOperator
{
    public static BinaryOp Op => BinaryOp.Subtract;
    public static double Apply(double x, double y) => x - y;
}

internal struct MultiplyOperator : IFloatOperator
{
    public static BinaryOp Op => BinaryOp.Multiply;
    public static double Apply(double x, double y) => x * y;
}

internal struct DivideOperator : IFloatOperator
{
    public static BinaryOp Op => BinaryOp.Divide;
    public static double Apply(double x, double y) => x / y;
}

/// <summary>Operators without a float fast path: they always take <see cref="Operators.Arithmetic"/>.</summary>
internal sealed class GenericArithmeticCode(BinaryOp op, Code left, Code right, SourceSpan opSpan, SourceSpan span) : Code(span)
{
    public BinaryOp Operator => op;
    public Code Left => left;
    public Code Right => right;

    public override Value Eval(Frame frame) => Apply(left.Eval(frame), right.Eval(frame), frame);

    /// <summary>The operator on its evaluated operands (the compiled tier's entry, too).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Value Apply(Value a, Value b, Frame frame) =>
        op == BinaryOp.Power && TrackedArithmetic.TryRecordPower(a, b, frame.Interpreter, opSpan, out var node)
            ? node
            : Operators.Arithmetic(op, a, b, frame.Interpreter, opSpan);
}

internal sealed class ArithmeticCode<TOperator>(Code left, Code right, SourceSpan opSpan, SourceSpan span) : Code(span)
    where TOperator : struct, IFloatOperator
{
    public Code Left => left;
    public Code Right => right;

    public override Value Eval(Frame frame) => Apply(left.Eval(frame), right.Eval(frame), frame);

    /// <summary>
    /// The operator on its evaluated operands. The compiled tier calls this very method, so both
    /// tiers compute the same digits by construction.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Value Apply(Value a, Value b, Frame frame)
    {
        if (a.IsFloat && b.IsFloat) return Value.Float(TOperator.Apply(a.AsFloat, b.AsFloat));
        return TOperator.Op != BinaryOp.Divide && TrackedArithmetic.TryRecord<TOperator>(a, b, frame.Interpreter, opSpan, out var node)
            ? node
            : Operators.Arithmetic(TOperator.Op, a, b, frame.Interpreter, opSpan);
    }
}

/// <summary>
/// A long left-associative chain <c>a + b - c …</c>, evaluated in a loop: as a tree it would be as
/// deep as it is long, and evaluating a million-term sum recursively would exhaust the stack.
/// </summary>
internal sealed class ArithmeticChain(Code first, BinaryOp[] ops, Code[] operands, SourceSpan[] opSpans, SourceSpan span) : Code(span)
{
    public override Value Eval(Frame frame)
    {
        var result = first.Eval(frame);
        for (int i = 0; i < ops.Length; i++)
            result = Operators.Arithmetic(ops[i], result, operands[i].Eval(frame), frame.Interpreter, opSpans[i]);
        return result;
    }
}

internal sealed class NegateCode(Code operand, SourceSpan span) : Code(span)
{
    public Code Operand => operand;

    public override Value Eval(Frame frame) => Apply(operand.Eval(frame), frame);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Value Apply(Value v, Frame frame) => v.IsFloat ? Value.Float(-v.AsFloat) : Operators.Negate(v, frame.Interpreter, Span);
}

internal sealed class PlusCode(Code operand, SourceSpan span) : Code(span)
{
    public override Value Eval(Frame frame) => Operators.Plus(operand.Eval(frame), Span);
}
