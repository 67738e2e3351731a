using static TorchSharp.torch;

namespace GradScript.Oracle;

/// <summary>
/// libtorch sends a 0-dim exp, log, sqrt, sin, cos, tan and tanh through MKL's vector math library,
/// whose results differ from the C library's (which GradScript's, like CPython's, are) by an ulp
/// now and then, whatever the kernels chosen. Such a difference is the libm's, not a formula's, and
/// it spreads through everything computed after it. So a case is compared bit for bit only where
/// every libm call it makes (in the forward pass and in the derivatives: sin′ needs cos, cos′ sin,
/// the exponent of a power log, a power by ±0.5 or 1.5 sqrt) agrees between the two; where one does not, the case is counted
/// apart.
/// </summary>
internal static class LibmAgreement
{
    /// <summary>
    /// True if every libm call of <paramref name="program"/> agrees with the C library's; the widest
    /// gap between a call's two results, in ulps of its dtype.
    /// </summary>
    public static bool Holds(Program program, Tensor[] values, out double widestGap)
    {
        bool agrees = true;
        widestGap = 0;
        for (int i = 0; i < program.Code.Count; i++)
        {
            var c = program.Code[i];
            if (c.A.IsConstant) continue;
            var input = values[c.A.Ref];
            foreach (var f in Functions(c))
                agrees &= Agrees(f, input, ref widestGap);
            if (c.Op == Kind.Pow && c.B is { IsConstant: false } exponent)
                agrees &= Agrees(Kind.Log, input, ref widestGap);
            // pow(Tensor, Scalar) takes sqrt for the exponents ±0.5, and its derivative
            // (c * x^(c-1)) does for c = 1.5 and 0.5.
            if (c.Op == Kind.Pow && c.B is { IsConstant: true, Constant: 0.5 or -0.5 or 1.5 })
                agrees &= Agrees(Kind.Sqrt, input, ref widestGap);
        }
        return agrees;
    }

    private static Kind[] Functions(Instruction c) => c.Op switch
    {
        Kind.Sin or Kind.Cos => [Kind.Sin, Kind.Cos],
        Kind.Exp or Kind.Log or Kind.Sqrt or Kind.Tan or Kind.Tanh => [c.Op],
        _ => [],
    };

    private static bool Agrees(Kind f, Tensor input, ref double widestGap)
    {
        using var x = input.detach();
        bool f32 = x.dtype == ScalarType.Float32;
        using var y = f switch
        {
            Kind.Sin => x.sin(), Kind.Cos => x.cos(), Kind.Exp => x.exp(), Kind.Log => x.log(),
            Kind.Sqrt => x.sqrt(), Kind.Tan => x.tan(), Kind.Tanh => x.tanh(),
            _ => throw new InvalidOperationException(f.ToString()),
        };
        double torch = TorchProgram.Read(y), ours = f32 ? CFloat(f, (float)TorchProgram.Read(x)) : CDouble(f, TorchProgram.Read(x));
        widestGap = Math.Max(widestGap, Comparison.Ulps(torch, ours, f32));
        return Comparison.Judge(torch, ours, f32) == Verdict.Equal;
    }

    // GradScript's float32 functions: the float64 ones rounded (sqrt is IEEE's own).
    private static float CFloat(Kind f, float x) => f == Kind.Sqrt ? MathF.Sqrt(x) : (float)CDouble(f, x);

    private static double CDouble(Kind f, double x) => f switch
    {
        Kind.Sin => Math.Sin(x), Kind.Cos => Math.Cos(x), Kind.Exp => Math.Exp(x), Kind.Log => Math.Log(x),
        Kind.Sqrt => Math.Sqrt(x), Kind.Tan => Math.Tan(x), Kind.Tanh => Math.Tanh(x),
        _ => throw new InvalidOperationException(f.ToString()),
    };
}
