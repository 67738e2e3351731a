namespace GradScript.Oracle;

/// <summary>The operations the suite draws; each has a GradScript spelling and a libtorch one.</summary>
public enum Kind
{
    Add, Sub, Mul, Div, Pow, Max, Min,
    Neg, Exp, Log, Sqrt, Sin, Cos, Tan, Tanh, Sigmoid, Relu, Abs,
}

/// <summary>An operand: a value computed before (params first, then instructions) or a plain constant.</summary>
internal readonly record struct Operand(int Ref, double Constant)
{
    public bool IsConstant => Ref < 0;

    public static Operand Of(int index) => new(index, 0);

    public static Operand Plain(double c) => new(-1, c);
}

/// <summary>One instruction: t = Op(A) or t = Op(A, B); at least one operand is tracked.</summary>
internal sealed record Instruction(Kind Op, Operand A, Operand? B);

/// <summary>A parameter: its starting value and dtype.</summary>
internal sealed record Parameter(double Value, bool Float32);

/// <summary>
/// A straight-line program over parameters: the unit the suite evaluates in both worlds. Value i
/// is parameter i for i &lt; Parameters.Count, then instruction i − Parameters.Count; the last
/// instruction is the root.
/// </summary>
internal sealed record Program(IReadOnlyList<Parameter> Parameters, IReadOnlyList<Instruction> Code)
{
    public static bool IsUnary(Kind op) => op >= Kind.Neg;

    /// <summary>Whether the tracked values here are float32 (params, then instructions), as both sides promote.</summary>
    public bool[] Float32Flags()
    {
        var flags = new bool[Parameters.Count + Code.Count];
        for (int i = 0; i < Parameters.Count; i++) flags[i] = Parameters[i].Float32;
        for (int i = 0; i < Code.Count; i++)
        {
            var c = Code[i];
            bool a = c.A.IsConstant || flags[c.A.Ref];
            bool b = c.B is not { } op || op.IsConstant || flags[op.Ref];
            flags[Parameters.Count + i] = a && b;
        }
        return flags;
    }
}
