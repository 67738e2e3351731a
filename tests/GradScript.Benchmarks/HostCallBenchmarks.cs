namespace GradScript.Benchmarks;

using BenchmarkDotNet.Attributes;

/// <summary>
/// A host calling a 10-operation script function with its gradient through the embedding API, as a
/// C# program would write it: with spans (<see cref="Engine.CallWithGradient(string, ReadOnlySpan{double}, Span{double})"/>,
/// the row's figure, which allocates nothing) and with an array and a result object
/// (<see cref="Engine.CallWithGradient(string, double[])"/>). The floor is the same function in C#
/// with its gradient written by hand (reverse mode, unrolled).
/// </summary>
public class HostCallBenchmarks
{
    /// <summary>Ten recorded operations: ×, +, ×, −, +, ÷, tanh, ×, ×, +.</summary>
    public const string Function = """
        def f(x, y) {
            a = x * y
            b = a + x
            c = b * b
            d = c - y
            e = d / (x + 1)
            g = tanh(e)
            h = g * x
            return h + y * y
        }
        """;

    // Fields, not constants: the JIT would fold the floor into a constant.
    private double _x = 0.75, _y = -1.25;

    private Engine _engine = null!;

    // The host's own buffers, as a loop calling many times would keep them.
    private readonly double[] _arguments = new double[2], _gradient = new double[2];

    [GlobalSetup]
    public void Setup()
    {
        _engine = Workloads.NewEngine();
        _engine.Run(Function, "f.grad");
        var script = _engine.CallWithGradient("f", _x, _y);
        var (value, dx, dy) = Floor(_x, _y);
        Check.Close("host call: f", value, script.Value);
        Check.Close("host call: ∂f/∂x", dx, script.Gradient[0]);
        Check.Close("host call: ∂f/∂y", dy, script.Gradient[1]);
        Check.Close("host call with spans: f", value, GradScript());
        Check.Close("host call with spans: ∂f/∂x", dx, _gradient[0]);
        Check.Close("host call with spans: ∂f/∂y", dy, _gradient[1]);
    }

    [Benchmark(Description = "host call with gradient: GradScript, spans")]
    public double GradScript()
    {
        _arguments[0] = _x;
        _arguments[1] = _y;
        return _engine.CallWithGradient("f", _arguments, _gradient);
    }

    [Benchmark(Description = "host call with gradient: GradScript, array and result")]
    public ValueAndGradient GradScriptArrays() => _engine.CallWithGradient("f", _x, _y);

    [Benchmark(Description = "host call with gradient: C# floor", Baseline = true)]
    public (double, double, double) CSharpFloor() => Floor(_x, _y);

    /// <summary>f and its gradient, the backward pass written out by hand.</summary>
    public static (double Value, double Dx, double Dy) Floor(double x, double y)
    {
        double a = x * y, b = a + x, c = b * b, d = c - y, q = x + 1, e = d / q;
        double g = Math.Tanh(e), h = g * x, f = h + y * y;
        double dg = x, dx = g, dy = y + y;
        double de = dg * (1 - g * g);
        double dd = de / q;
        dx += de * (-d / (q * q));
        double db = dd * b + dd * b;
        dy -= dd;
        dx += db + db * y;
        dy += db * x;
        return (f, dx, dy);
    }
}
