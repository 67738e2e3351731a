using static TorchSharp.torch;

namespace GradScript.Oracle;

/// <summary>
/// Function transforms: <c>grad(f, argnums=[0, 1])</c> and the mixed partials
/// <c>grad(grad(f, argnums=i), argnums=1 - i)</c> of random two-argument functions, against
/// <c>torch.autograd.grad</c> with <c>create_graph</c>, and second derivatives of every builtin
/// through <c>grad(grad(f))</c>. (An argument a transform does not differentiate by stays a plain
/// number, a Python scalar in PyTorch's terms, so only calls where both arguments are tracked are
/// a tensor program; the pure second derivatives are the create_graph suite's.)
/// </summary>
public sealed class TransformOracleTests(ITestOutputHelper output)
{
    private const int Cases = 1000;

    [Fact]
    public void Nested_transforms_agree_with_libtorch()
    {
        Libtorch.EnsureLoaded();
        var random = new Random(Seed.For("transforms", output));
        var generator = new Generator(random);
        var comparison = new Comparison();
        var apartComparison = new Comparison();
        for (int n = 0; n < Cases; n++)
        {
            var drawn = generator.Program(2, random.Next(1, 7));
            // Transforms make float64 parameters of plain arguments.
            var program = drawn with { Parameters = drawn.Parameters.Select(p => p with { Float32 = false }).ToArray() };
            int i = random.Next(2), j = 1 - i;
            string source = $"def f(p0, p1) {{\n{ScriptText.Body(program, "    ")}    return {ScriptText.Root(program)}\n}}\n"
                + $"a = {ScriptText.Literal(program.Parameters[0].Value)}\nb = {ScriptText.Literal(program.Parameters[1].Value)}\n"
                + $"out = [grad(f, argnums=[0, 1])(a, b), grad(grad(f, argnums={i}), argnums={j})(a, b)]\n";
            double[] expected;
            bool apart;
            using (var scope = NewDisposeScope())
            {
                try
                {
                    expected = Torch(program, i, j, out bool agrees, out double gap);
                    apart = ExpressionOracleTests.Apart(comparison, apartComparison, agrees, gap);
                }
                catch (ScalarPower.Unexpressible) { comparison.Skipped++; continue; }
            }
            ExpressionOracleTests.Compare(apart ? apartComparison : comparison, source, expected, Scripts.Run(source), [false, false, false], libm: apart);
        }
        ExpressionOracleTests.Finish(comparison, "transforms", output, apartComparison);
    }

    private static double[] Torch(Program program, int i, int j, out bool libmAgrees, out double libmGap)
    {
        var leaves = TorchProgram.Leaves(program);
        var values = TorchProgram.Evaluate(program, leaves);
        libmAgrees = LibmAgreement.Holds(program, values, out libmGap);
        var root = values[^1];
        var first = autograd.grad([root], leaves, retain_graph: true, create_graph: true, allow_unused: true);
        double second = 0;
        if (TorchProgram.IsDefined(first[i]) && first[i].requires_grad)
            second = TorchProgram.ReadGradient(autograd.grad([first[i]], [leaves[j]], retain_graph: true, allow_unused: true)[0]);
        return [.. first.Select(TorchProgram.ReadGradient), second];
    }

    [Theory]
    [InlineData(Kind.Sin)] [InlineData(Kind.Cos)] [InlineData(Kind.Tan)] [InlineData(Kind.Tanh)] [InlineData(Kind.Sigmoid)]
    [InlineData(Kind.Log)] [InlineData(Kind.Sqrt)] [InlineData(Kind.Exp)] [InlineData(Kind.Relu)] [InlineData(Kind.Abs)]
    public void Second_derivatives_of_builtins_agree_with_libtorch(Kind function)
    {
        Libtorch.EnsureLoaded();
        var random = new Random(Seed.For($"builtin {function}", output));
        var comparison = new Comparison();
        var apartComparison = new Comparison();
        for (int n = 0; n < 50; n++)
        {
            double x = n == 0 ? 0.7 : Math.Round(random.NextDouble() * 6 - 1, random.Next(1, 15));
            var program = new Program([new Parameter(x, false)], [new Instruction(function, Operand.Of(0), null)]);
            string name = function.ToString().ToLowerInvariant();
            string source = $"out = [grad({name})({ScriptText.Literal(x)}), grad(grad({name}))({ScriptText.Literal(x)})]\n";
            double[] expected;
            bool apart;
            using (var scope = NewDisposeScope())
            {
                expected = Torch(program, 0, 0, out bool agrees, out double gap);
                apart = ExpressionOracleTests.Apart(comparison, apartComparison, agrees, gap);
            }
            ExpressionOracleTests.Compare(apart ? apartComparison : comparison, source, expected, Scripts.Run(source), [false, false], libm: apart);
        }
        ExpressionOracleTests.Finish(comparison, $"grad(grad({function}))", output, apartComparison);
    }
}
