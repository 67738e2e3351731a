using TorchSharp;
using static TorchSharp.torch;

namespace GradScript.Oracle;

/// <summary>
/// Evaluates a program in libtorch as a Python user of PyTorch would write it: a plain constant is
/// a Python scalar (<c>t * c</c>, <c>c - t</c> as <c>rsub</c>, <c>c / t</c> as
/// <c>t.reciprocal() * c</c>, <c>c ** t</c> as <c>torch.pow(c, t)</c>), <c>max</c>/<c>min</c> are
/// <c>torch.maximum</c>/<c>minimum</c> with a constant made a tensor of the other operand's dtype.
/// </summary>
internal static class TorchProgram
{
    /// <summary>Fresh leaves for the parameters.</summary>
    public static Tensor[] Leaves(Program program) =>
        program.Parameters.Select(p => Leaf(p.Value, p.Float32)).ToArray();

    // tensor(double, dtype: Float32) converts after making the leaf, which leaves a non-leaf behind.
    public static Tensor Leaf(double value, bool float32) =>
        float32 ? tensor((float)value, requires_grad: true) : tensor(value, requires_grad: true);

    /// <summary>All values of the program, the leaves first.</summary>
    public static Tensor[] Evaluate(Program program, Tensor[] leaves)
    {
        var values = new Tensor[leaves.Length + program.Code.Count];
        leaves.CopyTo(values, 0);
        for (int i = 0; i < program.Code.Count; i++)
            values[leaves.Length + i] = Apply(program.Code[i], values);
        return values;
    }

    private static Tensor Apply(Instruction c, Tensor[] values)
    {
        if (c.B is not { } bOperand) return Unary(c.Op, values[c.A.Ref]);
        if (c.A.IsConstant) return ConstantLeft(c.Op, c.A.Constant, values[bOperand.Ref]);
        var a = values[c.A.Ref];
        if (bOperand.IsConstant) return ConstantRight(c.Op, a, bOperand.Constant);
        var b = values[bOperand.Ref];
        return c.Op switch
        {
            Kind.Add => a + b,
            Kind.Sub => a - b,
            Kind.Mul => a * b,
            Kind.Div => a / b,
            Kind.Pow => a.pow(b),
            Kind.Max => maximum(a, b),
            Kind.Min => minimum(a, b),
            _ => throw new InvalidOperationException(c.Op.ToString()),
        };
    }

    private static Tensor ConstantRight(Kind op, Tensor a, double c) => op switch
    {
        Kind.Add => a + c,
        Kind.Sub => a - c,
        Kind.Mul => a * c,
        Kind.Div => a / c,
        Kind.Pow => a.pow(c),
        Kind.Max => maximum(a, tensor(c, a.dtype)),
        Kind.Min => minimum(a, tensor(c, a.dtype)),
        _ => throw new InvalidOperationException(op.ToString()),
    };

    // Python's reflected operators: c + t is t + c, c - t is rsub(t, c), c * t is t * c, c / t is
    // t.reciprocal() * c, c ** t is torch.pow(c, t).
    private static Tensor ConstantLeft(Kind op, double c, Tensor b) => op switch
    {
        Kind.Add => b + c,
        Kind.Sub => b.neg() + c,
        Kind.Mul => b * c,
        Kind.Div => b.reciprocal() * c,
        Kind.Pow => ScalarPower.Apply(c, b),
        Kind.Max => maximum(tensor(c, b.dtype), b),
        Kind.Min => minimum(tensor(c, b.dtype), b),
        _ => throw new InvalidOperationException(op.ToString()),
    };

    private static Tensor Unary(Kind op, Tensor a) => op switch
    {
        Kind.Neg => a.neg(),
        Kind.Exp => a.exp(),
        Kind.Log => a.log(),
        Kind.Sqrt => a.sqrt(),
        Kind.Sin => a.sin(),
        Kind.Cos => a.cos(),
        Kind.Tan => a.tan(),
        Kind.Tanh => a.tanh(),
        Kind.Sigmoid => a.sigmoid(),
        Kind.Relu => a.relu(),
        Kind.Abs => a.abs(),
        _ => throw new InvalidOperationException(op.ToString()),
    };

    /// <summary>A 0-dim tensor's value as a double (float32 widened exactly).</summary>
    public static double Read(Tensor t) => t.dtype == ScalarType.Float32 ? t.item<float>() : t.item<double>();

    /// <summary>A gradient as a double: an undefined one (the leaf is not in the graph) is 0.</summary>
    public static double ReadGradient(Tensor? g) => IsDefined(g) ? Read(g!) : 0.0;

    /// <summary>
    /// Whether a tensor from autograd.grad(allow_unused) is defined: TorchSharp wraps an undefined
    /// one in a live handle whose data pointer is null, and offers no test for it but reading it.
    /// </summary>
    public static bool IsDefined(Tensor? g)
    {
        if (g is null || g.IsInvalid) return false;
        try { _ = Read(g); return true; }
        catch (NullReferenceException) { return false; }
    }
}
