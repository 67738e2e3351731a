namespace GradScript.Benchmarks;

using BenchmarkDotNet.Attributes;

/// <summary>
/// W1: one training step of the tutorial's scalar model (4 recorded operations, a backward pass and
/// an in-place update), interpreted, beside the same step in C# with the derivative written by hand.
/// One run of the script does <see cref="Epochs"/> × 3 steps; its set-up (three short lists and a
/// param) is a few hundred nanoseconds against milliseconds of steps, so it is left in. For the
/// analysis, the same loop without its backward pass and update shows what the forward part costs.
/// </summary>
public class W1Benchmarks
{
    /// <summary>Epochs per invocation; each epoch is three steps.</summary>
    public const int Epochs = 1000;

    /// <summary>Steps per invocation: what the figures are divided by.</summary>
    public const int Steps = 3 * Epochs;

    /// <summary>W1 without <c>backward</c> and the update: the loop and the four recorded operations.</summary>
    public const string ForwardOnly = """
        x_data = [1.0, 2.0, 3.0]
        y_data = [2.0, 4.0, 6.0]
        w = param(1.0)
        for epoch in 0..epochs {
            for x, y in zip(x_data, y_data) {
                l = (x * w - y) ^ 2
            }
        }
        """;

    private Engine _engine = null!;
    private CompiledScript _script = null!, _forwardOnly = null!;

    /// <summary>Loss of the floor's last step, kept so the JIT cannot drop the loss computation.</summary>
    public double Sink;

    [GlobalSetup]
    public void Setup()
    {
        _engine = Workloads.NewEngine();
        _script = _engine.Compile(Workloads.W1, "w1_seed_loop.grad");
        Workloads.SetArgs(_engine, Epochs);
        _engine.Run(_script);
        Check.Close("W1: the script's w against the floor's", Floor(Epochs, out _), _engine.GetNumber("w"));
        _forwardOnly = _engine.Compile(ForwardOnly, "w1_forward.grad");
    }

    [Benchmark(Description = "W1 GradScript", OperationsPerInvoke = Steps)]
    public void GradScript() => _engine.Run(_script);

    [Benchmark(Description = "W1 GradScript, forward only (no backward, no update)", OperationsPerInvoke = Steps)]
    public void GradScriptForward() => _engine.Run(_forwardOnly);

    [Benchmark(Description = "W1 C# floor", Baseline = true, OperationsPerInvoke = Steps)]
    public double CSharpFloor()
    {
        double w = Floor(Epochs, out double loss);
        Sink = loss;
        return w;
    }

    /// <summary>The script's training loop in C#: l = (x·w − y)², ∂l/∂w = 2(x·w − y)·x, w −= 0.01·∂l/∂w.</summary>
    public static double Floor(int epochs, out double loss)
    {
        ReadOnlySpan<double> xs = [1.0, 2.0, 3.0];
        ReadOnlySpan<double> ys = [2.0, 4.0, 6.0];
        double w = 1.0;
        loss = 0;
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            for (int i = 0; i < xs.Length; i++)
            {
                double x = xs[i], d = x * w - ys[i];
                loss = d * d;
                w -= 0.01 * (2 * d * x);
            }
        }
        return w;
    }
}
