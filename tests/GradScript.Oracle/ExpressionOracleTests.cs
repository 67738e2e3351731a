using TorchSharp;
using static TorchSharp.torch;

namespace GradScript.Oracle;

/// <summary>
/// Random programs evaluated in libtorch and in GradScript: values and first-order gradients, then
/// second and third derivatives through <c>create_graph</c>. Every number must be equal to the bit,
/// signed zeros included; a case where libtorch's MKL gives one of its libm calls an ulp from the C
/// library's result is set apart (see <see cref="LibmAgreement"/>).
/// </summary>
public sealed class ExpressionOracleTests(ITestOutputHelper output)
{
    private const int FirstOrderCases = 3000;
    private const int HigherOrderCases = 1500;

    [Fact]
    public void Values_and_gradients_agree_with_libtorch()
    {
        Libtorch.EnsureLoaded();
        var random = new Random(Seed.For("first-order", output));
        var generator = new Generator(random);
        var comparison = new Comparison();
        for (int n = 0; n < FirstOrderCases; n++)
        {
            var program = generator.Program(random.Next(1, 4), random.Next(1, 9));
            string source = ScriptText.Parameters(program) + ScriptText.Body(program)
                + $"backward({ScriptText.Root(program)})\nout = [value({ScriptText.Root(program)}), {ScriptText.GradientList(program)}]\n";
            double[] expected;
            using (var scope = NewDisposeScope())
            {
                try
                {
                    var leaves = TorchProgram.Leaves(program);
                    var values = TorchProgram.Evaluate(program, leaves);
                    if (!LibmAgreement.Holds(program, values)) { comparison.LibmDivergent++; continue; }
                    var root = values[^1];
                    root.backward();
                    expected = [TorchProgram.Read(root), .. leaves.Select(l => TorchProgram.ReadGradient(l.grad))];
                }
                catch (ScalarPower.Unexpressible) { comparison.Skipped++; continue; }
            }
            Compare(comparison, source, expected, Scripts.Run(source), FirstFlags(program));
        }
        Finish(comparison, "first order", output);
    }

    [Fact]
    public void Second_and_third_derivatives_agree_with_libtorch()
    {
        Libtorch.EnsureLoaded();
        var random = new Random(Seed.For("higher-order", output));
        var generator = new Generator(random);
        var comparison = new Comparison();
        for (int n = 0; n < HigherOrderCases; n++)
        {
            var program = generator.Program(random.Next(1, 4), random.Next(1, 7));
            int count = program.Parameters.Count;
            int i = random.Next(count), j = random.Next(count);
            string ps = ScriptText.ParameterList(program), gs = ScriptText.GradientList(program);
            string zeros = "[" + string.Join(", ", Enumerable.Repeat("0.0", count)) + "]";
            string source = ScriptText.Parameters(program) + ScriptText.Body(program) + $$"""
                backward({{ScriptText.Root(program)}}, create_graph=true)
                first = {{gs}}
                h = grad(p{{i}})
                zero_grad({{ps}})
                second = {{zeros}}
                third = {{zeros}}
                if type(h) == "tracked" {
                    backward(h, create_graph=true)
                    second = {{gs}}
                    h2 = grad(p{{j}})
                    zero_grad({{ps}})
                    if type(h2) == "tracked" { backward(h2); third = {{gs}} }
                }
                out = [first, second, third]

                """;
            double[] expected;
            using (var scope = NewDisposeScope())
            {
                try
                {
                    if (HigherOrder(program, i, j) is not { } numbers) { comparison.LibmDivergent++; continue; }
                    expected = numbers;
                }
                catch (ScalarPower.Unexpressible) { comparison.Skipped++; continue; }
            }
            var flags = program.Parameters.Select(p => p.Float32).ToArray();
            Compare(comparison, source, expected, Scripts.Run(source), [.. flags, .. flags, .. flags]);
        }
        Finish(comparison, "second and third order", output);
    }

    // autograd.grad with create_graph, twice, then once more without.
    private static double[]? HigherOrder(Program program, int i, int j)
    {
        var leaves = TorchProgram.Leaves(program);
        var values = TorchProgram.Evaluate(program, leaves);
        if (!LibmAgreement.Holds(program, values)) return null;
        var root = values[^1];
        var first = autograd.grad([root], leaves, retain_graph: true, create_graph: true, allow_unused: true);
        var zeros = new double[leaves.Length];
        double[] second = zeros, third = zeros;
        var h = first[i];
        if (Defined(h) && h.requires_grad)
        {
            var g2 = autograd.grad([h], leaves, retain_graph: true, create_graph: true, allow_unused: true);
            second = g2.Select(TorchProgram.ReadGradient).ToArray();
            var h2 = g2[j];
            if (Defined(h2) && h2.requires_grad)
                third = autograd.grad([h2], leaves, retain_graph: true, allow_unused: true).Select(TorchProgram.ReadGradient).ToArray();
        }
        return [.. first.Select(TorchProgram.ReadGradient), .. second, .. third];
    }

    internal static bool Defined(Tensor? t) => TorchProgram.IsDefined(t);

    private static bool[] FirstFlags(Program program)
    {
        var flags = program.Float32Flags();
        return [flags[^1], .. program.Parameters.Select(p => p.Float32)];
    }

    internal static void Compare(Comparison comparison, string source, double[] expected, double[] actual, bool[] float32)
    {
        comparison.Cases++;
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++)
            comparison.Check($"number {k}", expected[k], actual[k], float32[k], libm: false, () => source);
    }

    /// <summary>
    /// Reports a suite and asserts the bar: every number equal to libtorch's, bit for bit, signed
    /// zeros included (a case where one of libtorch's MKL calls is an ulp from the C library's is
    /// set apart before it is compared; see <see cref="LibmAgreement"/>).
    /// </summary>
    internal static void Finish(Comparison comparison, string suite, ITestOutputHelper output)
    {
        string report = comparison.Report(suite);
        output.WriteLine(report);
        Console.WriteLine(report.Split('\n')[0]);
        Assert.True(comparison.Count(Verdict.Equal) == comparison.Numbers, report);
    }
}
