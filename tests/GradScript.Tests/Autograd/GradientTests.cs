namespace GradScript.Tests.Autograd;

using GradScript.Autograd;

/// <summary>Every differentiable operation against a central finite difference, and backward's invariants.</summary>
public class GradientTests
{
    // PyTorch gradcheck's tolerances, in double precision.
    private const double H = 1e-6, Absolute = 1e-5, Relative = 1e-3;

    private static void AssertClose(double numeric, double analytic, string what) =>
        Assert.True(Math.Abs(analytic - numeric) <= Absolute + Relative * Math.Abs(numeric),
            $"{what}: analytic {analytic}, numeric {numeric}");

    // Operations are named by string: Op is internal to the library.
    public static TheoryData<string, double, double> UnaryDomains() => new()
    {
        { "Negate", -5, 5 }, { "Abs", -5, 5 }, { "Exp", -5, 5 }, { "Log", 0.01, 10 }, { "Sqrt", 0.01, 10 },
        { "Sin", -5, 5 }, { "Cos", -5, 5 }, { "Tan", -1.4, 1.4 }, { "Tanh", -5, 5 }, { "Sigmoid", -8, 8 },
        { "Relu", -5, 5 },
    };

    [Theory]
    [MemberData(nameof(UnaryDomains))]
    public void UnaryOperationsMatchCentralDifferences(string name, double low, double high)
    {
        var op = Enum.Parse<Op>(name);
        var random = new Random(1234 + (int)op);
        for (int i = 0; i < 1000; i++)
        {
            double x = low + (high - low) * random.NextDouble();
            if (op is Op.Abs or Op.Relu && Math.Abs(x) < 1e-3) continue; // away from the kink
            var node = Differentiable.Unary(op, new TrackedValue(x, false));
            double numeric = (Differentiable.Apply(op, x + H) - Differentiable.Apply(op, x - H)) / (2 * H);
            AssertClose(numeric, node.DA, $"{op} at {x}");
            Assert.Equal(Differentiable.Apply(op, x), node.Data);
        }
    }

    [Theory]
    [InlineData("Add")]
    [InlineData("Subtract")]
    [InlineData("Multiply")]
    [InlineData("Divide")]
    [InlineData("Power")]
    public void BinaryOperationsMatchCentralDifferences(string name)
    {
        var op = Enum.Parse<Op>(name);
        var random = new Random(99 + (int)op);
        double Value(double a, double b) => Differentiable.Binary(op, null, a, new TrackedValue(b, false), b).Data;
        for (int i = 0; i < 1000; i++)
        {
            double x = op == Op.Power ? 0.1 + 3 * random.NextDouble() : -5 + 10 * random.NextDouble();
            double y = -5 + 10 * random.NextDouble();
            if (op == Op.Divide && Math.Abs(y) < 0.1) continue;
            var node = Differentiable.Binary(op, new TrackedValue(x, false), x, new TrackedValue(y, false), y);
            AssertClose((Value(x + H, y) - Value(x - H, y)) / (2 * H), node.DA, $"∂{op}/∂x at ({x}, {y})");
            AssertClose((Value(x, y + H) - Value(x, y - H)) / (2 * H), ((TwoInputValue)node).DB, $"∂{op}/∂y at ({x}, {y})");
        }
    }

    [Theory]
    [InlineData("Relu", 0.0, 0.0)]
    [InlineData("Abs", 0.0, 0.0)]
    [InlineData("Sqrt", 0.0, double.PositiveInfinity)]
    [InlineData("Log", 0.0, double.PositiveInfinity)]
    public void SubgradientsAtKinksArePyTorchs(string name, double x, double expected) =>
        Assert.Equal(expected, Differentiable.Unary(Enum.Parse<Op>(name), new TrackedValue(x, false)).DA);

    [Fact]
    public void PowerWithAZeroExponentHasAZeroDerivativeEvenAtZero()
    {
        var node = Differentiable.Binary(Op.Power, new TrackedValue(0, false), 0, null, 0);
        Assert.Equal((1.0, 0.0), (node.Data, node.DA));
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
        var node = new TrackedValue(1.0, false);
        var leaf = node;
        for (int i = 0; i < 10_000_000; i++) node = Differentiable.Binary(Op.Multiply, node, node.Data, null, 1.0);
        Assert.Null(SmallStack.Run(() => new Backpropagation().Run(node, accumulate: false, null, default), 1024 * 1024));
        Assert.Equal(1.0, leaf.Grad);
    }

    [Fact]
    public void Float32ComputesAndRoundsInFloat32()
    {
        // 0.1f * 3 in float32 is 0.30000001192092896; in float64 it would be 0.30000000447034836.
        Assert.Equal("0.30000001192092896 0.20000000298023224\n",
            Scripts.Output("w = param(0.1, dtype=\"float32\"); print(w * 3, w * param(2.0))"));
    }
}
