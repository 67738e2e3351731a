namespace GradScript.Benchmarks;

using BenchmarkDotNet.Attributes;

/// <summary>
/// A flat chain in a call's argument, <c>print(1 + 1 + … + 1)</c>, compiled (parse + resolve +
/// compile) at 100,000 and 1,000,000 terms. It was quadratic: the decision at the statement's
/// start looked ahead over the whole argument. The summary gives both times and their ratio,
/// which a linear front end keeps near 10.
/// </summary>
public class ChainBenchmarks
{
    /// <summary>Terms of the shorter and the longer chain.</summary>
    public const int ShortTerms = 100_000, LongTerms = 1_000_000;

    private Engine _engine = null!;
    private string _short = null!, _long = null!;

    [GlobalSetup]
    public void Setup()
    {
        _engine = Workloads.NewEngine();
        _short = Chain(ShortTerms);
        _long = Chain(LongTerms);
        // What is compiled must run: the chain sums to its length.
        var sum = new Engine(new EngineOptions { Output = TextWriter.Null });
        sum.Run("r = " + Chain(1_000)[6..^2]);
        Check.Close("the chain's sum", 1_000, Convert.ToDouble(sum.GetGlobal("r")));
    }

    private static string Chain(int terms) => "print(" + string.Join("+", Enumerable.Repeat("1", terms)) + ")\n";

    [Benchmark(Description = "compile print(1 + … + 1), 100,000 terms")]
    public CompiledScript ShortChain() => _engine.Compile(_short, "chain.grad");

    [Benchmark(Description = "compile print(1 + … + 1), 1,000,000 terms")]
    public CompiledScript LongChain() => _engine.Compile(_long, "chain.grad");
}
