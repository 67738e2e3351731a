namespace GradScript.Benchmarks;

using BenchmarkDotNet.Attributes;

/// <summary>
/// Parse + resolve + compile of a generated 10,000-line script (<see cref="ScriptGenerator"/>):
/// <see cref="Engine.Compile"/>, the whole front end. The summary turns the time into lines per second.
/// </summary>
public class ParseBenchmarks
{
    /// <summary>Lines in the compiled script.</summary>
    public const int Lines = 10_000;

    private Engine _engine = null!;
    private string _source = null!;

    [GlobalSetup]
    public void Setup()
    {
        _engine = Workloads.NewEngine();
        _source = ScriptGenerator.Generate(Lines);
        // It must be a program, not just text that parses: run it once.
        _engine.Run(_engine.Compile(_source, "generated.grad"));
    }

    [Benchmark(Description = "parse + resolve + compile, 10,000 lines")]
    public CompiledScript Compile() => _engine.Compile(_source, "generated.grad");
}
