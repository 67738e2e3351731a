namespace GradScript.Benchmarks;

using BenchmarkDotNet.Attributes;

/// <summary>
/// Backward over a chain of 1,000,000 recorded nodes: the recurrence h ← h·c + w, 500,000 times
/// (a multiply and an add each), built once by the script; only <c>backward(h)</c> is timed. The
/// floor is the same graph as a tape of flat arrays (two parents and two local derivatives per
/// node) swept once in reverse: the shape an autograd's backward can approach.
/// </summary>
public class BackwardBenchmarks
{
    /// <summary>Nodes recorded, not counting the leaf.</summary>
    public const int Nodes = 1_000_000;

    private const double C = 0.999999;

    private Engine _engine = null!;
    private CompiledScript _backward = null!;
    private Tape _tape = null!;

    [GlobalSetup]
    public void Setup()
    {
        _engine = Workloads.NewEngine();
        _engine.Run(FormattableString.Invariant($"w = param(0.5)\nh = w\nfor i in 0..{Nodes / 2} {{ h = h * {C} + w }}"), "chain.grad");
        _backward = _engine.Compile("backward(h)", "backward.grad");
        _engine.Run(_backward);
        _tape = new Tape(C);
        Check.Close("backward: grad(w) against the tape's", _tape.Backward(), _engine.GetGradient("w"), 1e-9);
    }

    [Benchmark(Description = "backward, 1M-node chain: GradScript")]
    public void GradScript() => _engine.Run(_backward);

    [Benchmark(Description = "backward, 1M-node chain: C# tape", Baseline = true)]
    public double CSharpFloor() => _tape.Backward();

    /// <summary>The chain as a tape: node 0 is the leaf w; node i has parents A[i], B[i] (−1 for none).</summary>
    private sealed class Tape
    {
        private readonly int[] _a = new int[Nodes + 1], _b = new int[Nodes + 1];
        private readonly double[] _da = new double[Nodes + 1], _db = new double[Nodes + 1];
        private readonly double[] _grad = new double[Nodes + 1];

        public Tape(double c)
        {
            _a[0] = _b[0] = -1;
            int h = 0;
            for (int i = 1; i <= Nodes; i += 2)
            {
                (_a[i], _b[i], _da[i], _db[i]) = (h, -1, c, 0);     // h · c
                (_a[i + 1], _b[i + 1], _da[i + 1], _db[i + 1]) = (i, 0, 1, 1);   // (h · c) + w
                h = i + 1;
            }
        }

        /// <summary>Sets every node's gradient of the last node; returns the leaf's.</summary>
        public double Backward()
        {
            var grad = _grad;
            Array.Clear(grad);
            grad[Nodes] = 1;
            for (int i = Nodes; i > 0; i--)
            {
                double g = grad[i];
                if (_a[i] >= 0) grad[_a[i]] += g * _da[i];
                if (_b[i] >= 0) grad[_b[i]] += g * _db[i];
            }
            return grad[0];
        }
    }
}
