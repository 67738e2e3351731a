namespace GradScript.Tests.Autograd;

using System.Globalization;
using System.Text;
using Xunit.Abstractions;

/// <summary>
/// Random expression trees over x, y and z, mixing every differentiable operator and builtin with
/// int and float constants, checked against central differences at random points. The generator
/// keeps each operation inside its domain (log and sqrt of positive values, denominators away from
/// 0, bounded exponents), and records the argument of each kink (abs, relu, max, min), so points
/// near one are skipped. The trees come from the run's <see cref="TestSeed"/>, so that each run checks
/// other trees and a failure names the seed that replays it.
/// </summary>
public class RandomExpressionTests(ITestOutputHelper output)
{
    private const int Trees = 300, PointsPerTree = 30, MaxDepth = 5;

    /// <summary>|f| beyond this makes a central difference lose more than the tolerance to cancellation.</summary>
    private const double MaxMagnitude = 1e4;

    [Fact]
    public void RandomExpressionTreesMatchCentralDifferences()
    {
        string replay = TestSeed.Replay(nameof(RandomExpressionTests));
        output.WriteLine($"seed {TestSeed.Run}; replay with: {replay}");
        var random = TestSeed.Random(nameof(RandomExpressionTests));
        var failures = new List<string>();
        int checkedPoints = 0, skipped = 0;
        for (int tree = 0; tree < Trees; tree++)
        {
            var generator = new TreeGenerator(random);
            string expression = generator.Expression(MaxDepth);
            string kinks = generator.Kinks.Count == 0 ? "1" : $"min([{string.Join(", ", generator.Kinks.Select(k => $"abs({k})"))}, 1])";
            var engine = new Engine(new EngineOptions { Output = TextWriter.Null });
            engine.Run($"def f(x, y, z) {{ return {expression} }}\ndef kink(x, y, z) {{ return {kinks} }}");
            for (int p = 0; p < PointsPerTree; p++)
            {
                double[] point = [random.NextDouble() * 3 - 1.5, random.NextDouble() * 3 - 1.5, random.NextDouble() * 3 - 1.5];
                double value = FiniteDifferences.Number(engine.Call("f", FiniteDifferences.Boxed(point)));
                if (FiniteDifferences.Number(engine.Call("kink", FiniteDifferences.Boxed(point))) < 1e-4
                    || !double.IsFinite(value) || Math.Abs(value) > MaxMagnitude)
                {
                    skipped++;
                    continue;
                }
                checkedPoints++;
                failures.AddRange(FiniteDifferences.Disagreements(engine, "f", point, $"tree {tree}: {expression}"));
            }
        }
        output.WriteLine($"{checkedPoints} points checked, {skipped} skipped near kinks or large values");
        Assert.True(failures.Count == 0, $"replay with: {replay}\n{string.Join("\n", failures.Take(5))}");
        Assert.True(checkedPoints >= 0.9 * Trees * PointsPerTree, $"only {checkedPoints} points were checked");
    }

    /// <summary>Writes one random expression as GradScript source, noting the argument of every kink in it.</summary>
    private sealed class TreeGenerator(Random random)
    {
        public List<string> Kinks { get; } = [];

        public string Expression(int depth)
        {
            if (depth == 0 || random.NextDouble() < 0.2) return Leaf();
            string a = Expression(depth - 1);
            switch (random.Next(24))
            {
                case 0: return $"({a} + {Expression(depth - 1)})";
                case 1: return $"({a} - {Expression(depth - 1)})";
                case 2: return $"({a} * {Expression(depth - 1)})";
                case 3: return $"({a} / ({Expression(depth - 1)} ^ 2 + 0.5))";
                case 4: return $"(({a}) ^ {random.Next(1, 4)})";
                case 5: return $"(({a}) ^ 2 + 0.25) ^ tanh({Expression(depth - 1)})";
                case 6: return $"pow({a} * {a} + 0.5, {(random.NextDouble() * 4 - 2).ToString("0.###", CultureInfo.InvariantCulture)})";
                case 7: return $"(-{a})";
                case 8: return Kink($"abs({a})", a);
                case 9: return Kink($"relu({a})", a);
                case 10: { string b = Expression(depth - 1); return Kink($"max({a}, {b})", $"{a} - ({b})"); }
                case 11: { string b = Expression(depth - 1); return Kink($"min({a}, {b})", $"{a} - ({b})"); }
                case 12: return $"exp(tanh({a}))";
                case 13: return $"log({a} * {a} + 0.5)";
                case 14: return $"sqrt({a} * {a} + 0.1)";
                case 15: return $"sin({a})";
                case 16: return $"cos({a})";
                case 17: return $"tan(tanh({a}))";
                case 18: return $"tanh({a})";
                case 19: return $"sigmoid({a})";
                case 20: return $"sum([{a}, {Expression(depth - 1)}, {Leaf()}])";
                case 21: return $"mean([{a}, {Expression(depth - 1)}])";
                case 22: return $"(2 ^ tanh({a}))";
                default: return $"({Leaf()} * {a})";
            }
        }

        private string Kink(string expression, string argument)
        {
            Kinks.Add(argument);
            return expression;
        }

        private string Leaf() => random.Next(6) switch
        {
            0 => "x",
            1 => "y",
            2 => "z",
            3 => random.Next(-3, 4).ToString(CultureInfo.InvariantCulture) is var i && i.StartsWith('-') ? $"({i})" : i,
            _ => Constant(),
        };

        private string Constant()
        {
            double c = Math.Round(random.NextDouble() * 4 - 2, 3);
            string text = c.ToString("0.0##", CultureInfo.InvariantCulture);
            return c < 0 ? $"({text})" : text;
        }
    }
}
