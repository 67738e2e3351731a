namespace GradScript.Tests.Autograd;

using System.Globalization;

/// <summary>
/// Second derivatives through grad(grad(f)) and backward(create_graph=true), against each
/// builtin's closed form at random points.
/// </summary>
public class HigherOrderTests
{
    // f as GradScript, its second derivative in C#, and where to sample it.
    public static TheoryData<string, string, double, double> SecondDerivatives() => new()
    {
        { "sin(t)", "-sin", -5, 5 }, { "cos(t)", "-cos", -5, 5 }, { "tan(t)", "tan''", -1.2, 1.2 },
        { "tanh(t)", "tanh''", -4, 4 }, { "sigmoid(t)", "sigmoid''", -6, 6 }, { "exp(t)", "exp", -4, 4 },
        { "log(t)", "log''", 0.1, 10 }, { "sqrt(t)", "sqrt''", 0.1, 10 }, { "t^3", "6t", -3, 3 },
        { "pow(t, 2.5)", "pow''", 0.1, 5 }, { "1 / t", "2/t^3", 0.2, 5 }, { "t * t * t", "6t", -3, 3 },
        { "t^t", "t^t''", 0.2, 3 }, { "3^t", "3^t''", -2, 2 }, { "t / (1 + t * t)", "rational''", -3, 3 },
        { "-t * t", "-2", -3, 3 }, { "abs(t) + relu(t) + max(t, 0.5) + min(t, 0.5)", "0", -3, 3 },
    };

    private static double Closed(string name, double t) => name switch
    {
        "-sin" => -Math.Sin(t),
        "-cos" => -Math.Cos(t),
        "tan''" => 2 * Math.Tan(t) * (1 + Math.Tan(t) * Math.Tan(t)),
        "tanh''" => -2 * Math.Tanh(t) * (1 - Math.Tanh(t) * Math.Tanh(t)),
        "sigmoid''" => Sigmoid(t) * (1 - Sigmoid(t)) * (1 - 2 * Sigmoid(t)),
        "exp" => Math.Exp(t),
        "log''" => -1 / (t * t),
        "sqrt''" => -0.25 * Math.Pow(t, -1.5),
        "6t" => 6 * t,
        "pow''" => 2.5 * 1.5 * Math.Pow(t, 0.5),
        "2/t^3" => 2 / (t * t * t),
        "t^t''" => Math.Pow(t, t) * ((Math.Log(t) + 1) * (Math.Log(t) + 1) + 1 / t),
        "3^t''" => Math.Pow(3, t) * Math.Log(3) * Math.Log(3),
        "rational''" => 2 * t * (t * t - 3) / Math.Pow(1 + t * t, 3),
        "-2" => -2,
        "0" => 0,
        _ => throw new ArgumentException(name),
    };

    private static double Sigmoid(double t) => 1 / (1 + Math.Exp(-t));

    private static void AssertClose(double expected, double actual, string what) =>
        Assert.True(Math.Abs(actual - expected) <= 1e-9 + 1e-9 * Math.Abs(expected), $"{what}: got {actual}, expected {expected}");

    [Theory]
    [MemberData(nameof(SecondDerivatives))]
    public void GradOfGradIsTheSecondDerivative(string body, string closed, double low, double high)
    {
        var engine = new Engine();
        engine.Run($"def f(t) {{ return {body} }}\nd2 = grad(grad(f))");
        var random = TestSeed.Random($"{nameof(GradOfGradIsTheSecondDerivative)} {body}");
        for (int i = 0; i < 50; i++)
        {
            double t = low + (high - low) * random.NextDouble();
            if (Math.Abs(t - 0.5) < 1e-3 || Math.Abs(t) < 1e-3) continue; // the kinks of the piecewise ones
            var value = Convert.ToDouble(engine.Evaluate($"d2({t.ToString("R", CultureInfo.InvariantCulture)})"), CultureInfo.InvariantCulture);
            AssertClose(Closed(closed, t), value, $"({body})'' at {t} (replay with: {TestSeed.Replay(nameof(HigherOrderTests))})");
        }
    }

    /// <summary>The rows whose gradient is tracked: a constant gradient is a plain number (the next test).</summary>
    public static TheoryData<string, string, double, double> TrackedSecondDerivatives()
    {
        var rows = new TheoryData<string, string, double, double>();
        foreach (var row in SecondDerivatives().Where(row => (string)row[1] != "0"))
            rows.Add((string)row[0], (string)row[1], (double)row[2], (double)row[3]);
        return rows;
    }

    [Theory]
    [MemberData(nameof(TrackedSecondDerivatives))]
    public void BackwardWithCreateGraphGivesTheSameSecondDerivative(string body, string closed, double low, double high)
    {
        var engine = new Engine();
        double t = low + (high - low) * 0.37;
        engine.Run(string.Create(CultureInfo.InvariantCulture, $"t = param({t:R})\nbackward({body}, create_graph=true)\ng = grad(t)\nbackward(g)"));
        AssertClose(Closed(closed, t), engine.GetGradient("t"), $"({body})'' at {t}");
    }

    [Fact]
    public void APiecewiseConstantGradientIsRecordedAndItsDerivativeIsZero()
    {
        // As in PyTorch: relu's and abs's derivatives (threshold_backward, sgn) depend on t, so the
        // gradient is recorded, and its own derivative is 0.
        var engine = new Engine();
        engine.Run("t = param(-2.0)\nbackward(abs(t) + relu(t), create_graph=true)\ng = grad(t)");
        Assert.Equal(-1.0, engine.Evaluate("g"));
        Assert.Equal("tracked", engine.Evaluate("type(g)"));
        engine.Run("backward(g)");
        Assert.Equal(0.0, engine.Evaluate("grad(t)"));
    }
}
