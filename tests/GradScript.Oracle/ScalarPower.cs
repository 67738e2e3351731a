using static TorchSharp.torch;

namespace GradScript.Oracle;

/// <summary>
/// <c>torch.pow(c, t)</c> with a Python scalar c, which TorchSharp does not bind. Its value is the
/// tensor-tensor pow with c as a tensor of t's dtype; its exponent gradient takes <c>log(c)</c> in
/// double and rounds it to t's dtype, where the tensor-tensor form takes the log in t's dtype. The
/// two agree unless the tensor's log (MKL's, in t's dtype) differs from the rounded double log of
/// the C library: those cases are left out of the suite (a golden case holds the scalar behaviour).
/// </summary>
internal static class ScalarPower
{
    /// <summary>Thrown for a case the suite cannot express in TorchSharp.</summary>
    public sealed class Unexpressible(string why) : Exception(why);

    public static Tensor Apply(double c, Tensor exponent)
    {
        using var tensorLog = tensor(c, exponent.dtype).log();
        double scalarLog = exponent.dtype == ScalarType.Float32 ? (float)Math.Log(c) : Math.Log(c);
        if (Comparison.Judge(TorchProgram.Read(tensorLog), scalarLog, exponent.dtype == ScalarType.Float32) != Verdict.Equal)
            throw new Unexpressible($"{c} ^ t: the tensor's log differs from the scalar's");
        return pow(tensor(c, exponent.dtype), exponent);
    }
}
