namespace GradScript.Tests.Autograd;

using System.Globalization;

/// <summary>
/// PyTorch computes a tracked x^y with a small integral or half exponent by multiplication, a
/// division or a square root, not by pow() (aten's pow_tensor_scalar special cases 1, 2, 3, 0.5,
/// -1, -2): in float32 the two differ in the last bit for some x, so each exponent's exact formula
/// is checked, in float32, at points of the run's seed.
/// </summary>
public class PowerFastPathTests
{
    public static TheoryData<string, string> Exponents() => new()
    {
        { "1", "x" }, { "2", "x * x" }, { "3", "x * x * x" }, { "0.5", "sqrt(x)" }, { "-1", "1 / x" }, { "-2", "1 / (x * x)" },
    };

    [Theory]
    [MemberData(nameof(Exponents))]
    public void SmallExponentsAreComputedAsPyTorchComputesThem(string exponent, string formula)
    {
        var engine = new Engine();
        engine.Run($"def f(x) {{ return value(param(x, dtype=\"float32\") ^ {exponent}) }}");
        var random = TestSeed.Random($"{nameof(PowerFastPathTests)} {exponent}");
        int differsFromPow = 0;
        for (int i = 0; i < 2000; i++)
        {
            float x = (float)(0.01 + 100 * random.NextDouble());
            float expected = Formula(formula, x);
            double actual = (double)engine.Call("f", (double)x)!;
            Assert.True(expected == actual,
                $"float32 x ^ {exponent} at x = {x.ToString("R", CultureInfo.InvariantCulture)}: {actual:R}, not {formula} = {expected:R} (replay with: {TestSeed.Replay(nameof(PowerFastPathTests))})");
            if (MathF.Pow(x, float.Parse(exponent, CultureInfo.InvariantCulture)) != expected) differsFromPow++;
        }
        // Where pow() would do as well, the row shows nothing; say which rows tell the two apart.
        if (exponent is "-2" or "3") Assert.True(differsFromPow > 0, $"pow() agrees with {formula} at all 2,000 points");
    }

    private static float Formula(string formula, float x) => formula switch
    {
        "x" => x,
        "x * x" => x * x,
        "x * x * x" => x * x * x,
        "sqrt(x)" => MathF.Sqrt(x),
        "1 / x" => 1 / x,
        "1 / (x * x)" => 1 / (x * x),
        _ => throw new System.Diagnostics.UnreachableException(formula),
    };
}
