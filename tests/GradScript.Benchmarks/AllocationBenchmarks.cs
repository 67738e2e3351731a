namespace GradScript.Benchmarks;

using BenchmarkDotNet.Attributes;

/// <summary>
/// What one arithmetic operation costs in bytes (and time): a script loop of <see cref="Ops"/>
/// multiplies, on a plain number and on a tracked one, beside the same loop with the multiply left
/// out. Per operation = (with − without) / <see cref="Ops"/>, so the loop's and the run's own costs
/// cancel; the summary does the subtraction.
/// </summary>
[MemoryDiagnoser]
public class AllocationBenchmarks
{
    /// <summary>Multiplies per run.</summary>
    public const int Ops = 1000;

    private Engine _engine = null!;
    private CompiledScript _plainLoop = null!, _plainOps = null!, _trackedLoop = null!, _trackedOps = null!;

    [GlobalSetup]
    public void Setup()
    {
        _engine = Workloads.NewEngine();
        _plainLoop = Compile("1.5", "y");
        _plainOps = Compile("1.5", "y * 1.0001");
        _trackedLoop = Compile("param(1.5)", "y");
        _trackedOps = Compile("param(1.5)", "y * 1.0001");
        _engine.Run(_trackedOps);
        Check.Close("allocation: the tracked loop's result", Math.Pow(1.0001, Ops) * 1.5, _engine.GetNumber("y"), 1e-9);
    }

    private CompiledScript Compile(string initial, string next) =>
        _engine.Compile($"y = {initial}\nfor i in 0..{Ops} {{ y = {next} }}", "ops.grad");

    [Benchmark(Description = "1000 plain iterations, no multiply")]
    public void PlainLoop() => _engine.Run(_plainLoop);

    [Benchmark(Description = "1000 plain multiplies")]
    public void PlainOps() => _engine.Run(_plainOps);

    [Benchmark(Description = "1000 tracked iterations, no multiply")]
    public void TrackedLoop() => _engine.Run(_trackedLoop);

    [Benchmark(Description = "1000 recorded multiplies")]
    public void TrackedOps() => _engine.Run(_trackedOps);
}
