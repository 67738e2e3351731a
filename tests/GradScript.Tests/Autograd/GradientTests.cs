namespace GradScript.Tests.Autograd;

using GradScript.Autograd;

/// <summary>
/// Every differentiable operation and builtin, through the interpreter as a script runs it, against
/// central differences at 1 000 random points each (PyTorch gradcheck's tolerances, away from
/// kinks), in float64 and float32; then backward's invariants.
/// </summary>
public class GradientTests
{
    private const int Points = 1000;

    /// <summary>
    /// A function of x and y (its body; a bare expression is returned), the ranges x and y are drawn
    /// from, and a condition on x and y under which a point is skipped: a kink, a pole, a domain edge.
    /// </summary>
    public static TheoryData<string, double, double, double, double, string> Operations() => new()
    {
        // operators on two tracked operands
        { "x + y", -5, 5, -5, 5, "false" },
        { "x - y", -5, 5, -5, 5, "false" },
        { "x * y", -5, 5, -5, 5, "false" },
        { "x / y", -5, 5, -5, 5, "abs(y) < 0.1" },
        { "x ^ y", 0.1, 3, -5, 5, "false" },
        { "-x", -5, 5, -5, 5, "false" },
        // operators with a plain operand, int or float, on either side
        { "x + 2.5", -5, 5, 0, 0, "false" },
        { "2.5 - x", -5, 5, 0, 0, "false" },
        { "3 * x", -5, 5, 0, 0, "false" },
        { "x / 3", -5, 5, 0, 0, "false" },
        { "3 / x", -5, 5, 0, 0, "abs(x) < 0.1" },
        { "x ^ 2", -5, 5, 0, 0, "false" },
        { "x ^ 3", -5, 5, 0, 0, "false" },
        { "x ^ 0.5", 0.01, 10, 0, 0, "false" },
        { "x ^ -1", -5, 5, 0, 0, "abs(x) < 0.1" },
        { "x ^ -2", -5, 5, 0, 0, "abs(x) < 0.1" },
        { "x ^ 2.5", 0.01, 5, 0, 0, "false" },
        { "x ^ 1", -5, 5, 0, 0, "false" },
        { "2 ^ x", -5, 5, 0, 0, "false" },
        { "0.5 ^ x", -5, 5, 0, 0, "false" },
        // math builtins
        { "abs(x)", -5, 5, 0, 0, "abs(x) < 1e-3" },
        { "exp(x)", -5, 5, 0, 0, "false" },
        { "log(x)", 0.01, 10, 0, 0, "false" },
        { "sqrt(x)", 0.01, 10, 0, 0, "false" },
        { "sin(x)", -5, 5, 0, 0, "false" },
        { "cos(x)", -5, 5, 0, 0, "false" },
        { "tan(x)", -1.4, 1.4, 0, 0, "false" },
        { "tanh(x)", -5, 5, 0, 0, "false" },
        { "sigmoid(x)", -8, 8, 0, 0, "false" },
        { "relu(x)", -5, 5, 0, 0, "abs(x) < 1e-3" },
        { "pow(x, y)", 0.1, 3, -5, 5, "false" },
        { "pow(x, 3)", -5, 5, 0, 0, "false" },
        { "max(x, y)", -5, 5, -5, 5, "abs(x - y) < 1e-3" },
        { "min(x, y)", -5, 5, -5, 5, "abs(x - y) < 1e-3" },
        { "max(x, 0.5)", -5, 5, 0, 0, "abs(x - 0.5) < 1e-3" },
        { "min(1, x)", -5, 5, 0, 0, "abs(x - 1) < 1e-3" },
        { "max([x, y, 0.5])", -5, 5, -5, 5, "abs(x - y) < 1e-3 or abs(x - 0.5) < 1e-3 or abs(y - 0.5) < 1e-3" },
        { "min(x, y, -1)", -5, 5, -5, 5, "abs(x - y) < 1e-3 or abs(x + 1) < 1e-3 or abs(y + 1) < 1e-3" },
        { "sum([x, y, x * y])", -5, 5, -5, 5, "false" },
        { "mean([x, y, 2.0])", -5, 5, -5, 5, "false" },
        { "sum([x, 1, x])", -5, 5, 0, 0, "false" },
        // compound assignment on a value that is not a leaf is recorded; a reused node accumulates
        { "z = x * 1; z += y; z *= x; z -= y; z /= 2; return z", -5, 5, -5, 5, "false" },
        { "z = x + y; return z * z + z", -5, 5, -5, 5, "false" },
        { "def g(a) { return a * sin(a) }; return g(x) + g(y * x)", -3, 3, -3, 3, "false" },
        // host functions with derivatives (set by WithHostFunctions): one, two, three and any number of arguments
        { "softplus(x)", -10, 10, 0, 0, "false" },
        { "hypot(x, y)", -5, 5, -5, 5, "abs(x) + abs(y) < 0.1" },
        { "affine(x, y, x)", -5, 5, -5, 5, "false" },
        { "product(x, y, 2, x)", -3, 3, -3, 3, "false" },
        { "softplus(hypot(x * y, 1)) * affine(y, 2, x)", -2, 2, -2, 2, "false" },
    };

    [Theory]
    [MemberData(nameof(Operations))]
    public void Float64GradientsMatchCentralDifferences(string body, double xLow, double xHigh, double yLow, double yHigh, string skip)
    {
        var engine = WithHostFunctions();
        engine.Run($"def f(x, y) {{ {Body(body)} }}\ndef skip(x, y) {{ return {skip} }}");
        var random = TestSeed.Random($"{nameof(Float64GradientsMatchCentralDifferences)} {body}");
        var failures = new List<string>();
        int checkedPoints = 0;
        for (int attempt = 0; checkedPoints < Points && attempt < 3 * Points; attempt++)
        {
            double[] point = [Draw(random, xLow, xHigh), Draw(random, yLow, yHigh)];
            if (true.Equals(engine.Call("skip", FiniteDifferences.Boxed(point)))) continue;
            checkedPoints++;
            failures.AddRange(FiniteDifferences.Disagreements(engine, "f", point, body));
        }
        Assert.Equal(Points, checkedPoints);
        Assert.True(failures.Count == 0, Failed(failures));
    }

    /// <summary>
    /// The same in float32: the operation computes in float32 (both params are float32), its gradient
    /// is compared with central differences of the float64 function at the same (float32) point.
    /// Float32 rounding of the derivative itself is far inside the tolerances.
    /// </summary>
    [Theory]
    [MemberData(nameof(Operations))]
    public void Float32GradientsMatchCentralDifferences(string body, double xLow, double xHigh, double yLow, double yHigh, string skip)
    {
        var engine = WithHostFunctions();
        engine.Run($$"""
            def f(x, y) { {{Body(body)}} }
            def skip(x, y) { return {{skip}} }
            def grad32(x, y) {
                a = param(x, dtype="float32"); b = param(y, dtype="float32")
                l = f(a, b)
                backward(l)
                return [grad(a), grad(b)]
            }
            """);
        var random = TestSeed.Random($"{nameof(Float32GradientsMatchCentralDifferences)} {body}");
        var failures = new List<string>();
        int checkedPoints = 0;
        for (int attempt = 0; checkedPoints < Points && attempt < 3 * Points; attempt++)
        {
            double[] point = [(float)Draw(random, xLow, xHigh), (float)Draw(random, yLow, yHigh)];
            if (true.Equals(engine.Call("skip", FiniteDifferences.Boxed(point)))) continue;
            checkedPoints++;
            var analytic = (IReadOnlyList<object?>)engine.Call("grad32", FiniteDifferences.Boxed(point))!;
            for (int i = 0; i < 2; i++)
            {
                double g = (double)analytic[i]!, numeric = FiniteDifferences.Numeric(engine, "f", point, i);
                Assert.Equal(g, (double)(float)g);   // stored in float32
                if (!FiniteDifferences.Close(g, numeric))
                    failures.Add($"{body} in float32, argument {i + 1}, at {FiniteDifferences.Show(point)}: analytic {g}, numeric {numeric}");
            }
        }
        Assert.Equal(Points, checkedPoints);
        Assert.True(failures.Count == 0, Failed(failures));
    }

    /// <summary>
    /// Second derivatives, as <c>grad(f)</c> records them (create_graph): the gradient of ∂f/∂x and
    /// of ∂f/∂y, so the whole Hessian, against second central differences of f itself computed
    /// here (not by the gradcheck builtin, which is under test too), at 200 points per operation.
    /// </summary>
    [Theory]
    [MemberData(nameof(ScriptOperations))]
    public void SecondDerivativesMatchCentralDifferences(string body, double xLow, double xHigh, double yLow, double yHigh, string skip)
    {
        var engine = WithHostFunctions();
        engine.Run($"def f(x, y) {{ {Body(body)} }}\ndef skip(x, y) {{ return {skip} }}\ndx = grad(f, argnums=0)\ndy = grad(f, argnums=1)");
        var random = TestSeed.Random($"{nameof(SecondDerivativesMatchCentralDifferences)} {body}");
        var failures = new List<string>();
        int checkedPoints = 0;
        for (int attempt = 0; checkedPoints < 200 && attempt < 600; attempt++)
        {
            double[] point = [Draw(random, xLow, xHigh), Draw(random, yLow, yHigh)];
            if (true.Equals(engine.Call("skip", FiniteDifferences.Boxed(point)))) continue;
            checkedPoints++;
            string[] rows = ["dx", "dy"];
            for (int i = 0; i < 2; i++)
            {
                var analytic = engine.CallWithGradient(rows[i], point).Gradient;
                for (int j = 0; j < 2; j++)
                {
                    double numeric = FiniteDifferences.SecondNumeric(engine, "f", point, i, j);
                    if (!FiniteDifferences.Close(analytic[j], numeric, atol: 1e-4))
                        failures.Add($"{body}: ∂²f/∂{"xy"[i]}∂{"xy"[j]} at {FiniteDifferences.Show(point)}: analytic {FiniteDifferences.R(analytic[j])}, numeric {FiniteDifferences.R(numeric)}");
                }
            }
        }
        Assert.Equal(200, checkedPoints);
        Assert.True(failures.Count == 0, Failed(failures));
    }

    /// <summary>The operations without host functions: a host function is first order only (the next test).</summary>
    public static TheoryData<string, double, double, double, double, string> ScriptOperations()
    {
        var rows = new TheoryData<string, double, double, double, double, string>();
        foreach (var row in Operations().Where(row => !HostFunctionNames.Any(((string)row[0]).Contains)))
            rows.Add((string)row[0], (double)row[1], (double)row[2], (double)row[3], (double)row[4], (string)row[5]);
        return rows;
    }

    /// <summary>
    /// A host gives its derivative as a number, which a second backward sees as a constant: through
    /// a host function alone every second derivative is 0, however curved the function is.
    /// </summary>
    [Fact]
    public void HostFunctionsAreFirstOrderOnly()
    {
        var engine = WithHostFunctions();
        engine.Run("""
            def two(x, y) { return hypot(x, y) + affine(x, y, x) + product(x, y, 2, x) }
            dsoftplus = grad(softplus)
            dx = grad(two, argnums=0)
            """);
        var first = engine.CallWithGradient("dsoftplus", 0.3);
        Assert.Equal(1 / (1 + Math.Exp(-0.3)), first.Value, 15);   // the first derivative is right
        Assert.Equal([0.0], first.Gradient);                      // but softplus'' (0.235 here) is not there
        var mixed = engine.CallWithGradient("dx", 1.5, -0.5);
        Assert.Equal(1.5 / Math.Sqrt(2.5) + (2 + 2 * 1.5) + 2 * (-0.5) * 2 * 1.5, mixed.Value, 12);
        Assert.Equal([0.0, 0.0], mixed.Gradient);
    }

    private static string Failed(List<string> failures) =>
        $"{failures.Count} failures; replay with: {TestSeed.Replay(nameof(GradientTests))}\n{string.Join("\n", failures.Take(10))}";

    private static readonly string[] HostFunctionNames = ["softplus", "hypot", "affine", "product"];

    private static string Body(string body) => body.Contains("return") ? body : $"return {body}";

    private static double Draw(Random random, double low, double high) => low + (high - low) * random.NextDouble();

    /// <summary>An engine with differentiable host functions of one, two, three and any number of arguments.</summary>
    internal static Engine WithHostFunctions()
    {
        var engine = new Engine(new EngineOptions { Output = TextWriter.Null });
        engine.SetFunction("softplus", v => Math.Log(1 + Math.Exp(v)), v => 1 / (1 + Math.Exp(-v)));
        engine.SetFunction("hypot", (a, b) => Math.Sqrt(a * a + b * b),
            (a, b) => (a / Math.Sqrt(a * a + b * b), b / Math.Sqrt(a * a + b * b)));
        engine.SetFunction("affine", (a, b, c) => 2 * a - 3 * b + a * c, (a, b, c) => (2 + c, -3, a));
        engine.SetVariadicFunction("product", xs => xs.Aggregate(1.0, (p, v) => p * v),
            xs => xs.Select((_, i) => xs.Where((_, j) => j != i).Aggregate(1.0, (p, v) => p * v)).ToArray());
        return engine;
    }

    [Fact]
    public void AReusedNodeAccumulatesItsGradient()
    {
        // micrograd's famous bug: b = a + a; c = b + b must give dc/da = 4.
        Assert.Equal("4.0\n", Scripts.Output("a = param(3.0); b = a + a; c = b + b; backward(c); print(grad(a))"));
    }

    [Fact]
    public void MicrogradSanityCheck()
    {
        const string script = """
            x = param(-4.0)
            z = 2 * x + 2 + x
            q = relu(z) + z * x
            h = relu(z * z)
            y = h + q + q * x
            backward(y)
            print(y, grad(x))
            """;
        Assert.Equal("-20.0 46.0\n", Scripts.Output(script));
    }

    [Fact]
    public void BackwardSetsAndAccumulateAdds()
    {
        Assert.Equal("4.0 4.0 8.0\n", Scripts.Output(
            "w = param(2.0); l = w * w; backward(l); a = grad(w); backward(l); b = grad(w); backward(l, accumulate=true); print(a, b, grad(w))"));
    }

    [Fact]
    public void BackwardOverTenMillionNodesOnASmallStack()
    {
        var tape = new Tape();
        var node = TrackedValue.Leaf(1.0, false);
        var leaf = node;
        for (int i = 0; i < 10_000_000; i++) node = Differentiable.Binary(tape, Op.Multiply, node, node.Data, null, 1.0);
        Assert.Null(SmallStack.Run(() => new Backpropagation().Run(node, accumulate: false, null, default), 1024 * 1024));
        Assert.Equal(1.0, leaf.Grad);
    }

    [Fact]
    public void AMillionNodeChainFromAScriptBackpropagatesOnAOneMegabyteThread()
    {
        // Recorded by the interpreter, one node per operation: y is a chain a million nodes deep,
        // each node also depending on x, and tanh(x) once at the bottom.
        string? printed = null;
        var error = SmallStack.Run(() => printed = Scripts.Output("""
            x = param(0.5)
            y = tanh(x)
            for i in 0..999999 { y = y + x }
            backward(y)
            print(grad(x))
            """), 1024 * 1024);
        Assert.Null(error);
        double expected = 999999 + (1 - Math.Tanh(0.5) * Math.Tanh(0.5));
        Assert.True(Math.Abs(double.Parse(printed!, System.Globalization.CultureInfo.InvariantCulture) - expected) < 1e-6, printed);
    }

    [Fact]
    public void Float32ComputesAndRoundsInFloat32()
    {
        // 0.1f * 3 in float32 is 0.30000001192092896; in float64 it would be 0.30000000447034836.
        Assert.Equal("0.30000001192092896 0.20000000298023224\n",
            Scripts.Output("w = param(0.1, dtype=\"float32\"); print(w * 3, w * param(2.0))"));
    }
}
