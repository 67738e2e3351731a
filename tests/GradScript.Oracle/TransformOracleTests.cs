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
            using (var scope = NewDisposeScope())
            {
                try
                {
                    if (Torch(program, i, j) is not { } numbers) { comparison.LibmDivergent++; continue; }
                    expected = numbers;
                }
                catch (ScalarPower.Unexpressible) { comparison.Skipped++; continue; }
            }
            ExpressionOracleTests.Compare(comparison, source, expected, Scripts.Run(source), [false, false, false]);
        }
        ExpressionOracleTests.Finish(comparison, "transforms", output);
    }

    private static double[]? Torch(Program program, int i, int j)
    {
        var leaves = TorchProgram.Leaves(program);
        var values = TorchProgram.Evaluate(program, leaves);
        if (!LibmAgreement.Holds(program, values)) return null;
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
        for (int n = 0; n < 50; n++)
        {
            double x = n == 0 ? 0.7 : Math.Round(random.NextDouble() * 6 - 1, random.Next(1, 15));
            var program = new Program([new Parameter(x, false)], [new Instruction(function, Operand.Of(0), null)]);
            string name = function.ToString().ToLowerInvariant();
            string source = $"out = [grad({name})({ScriptText.Literal(x)}), grad(grad({name}))({ScriptText.Literal(x)})]\n";
            double[] expected;
            using (var scope = NewDisposeScope())
            {
                if (Torch(program, 0, 0) is not { } numbers) { comparison.LibmDivergent++; continue; }
                expected = numbers;
            }
            ExpressionOracleTests.Compare(comparison, source, expected, Scripts.Run(source), [false, false]);
        }
        ExpressionOracleTests.Finish(comparison, $"grad(grad({function}))", output);
    }
}
