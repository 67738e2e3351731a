namespace GradScript.Benchmarks;

using BenchmarkDotNet.Attributes;
using GradScript.Tooling;

/// <summary>
/// What the language server does for each change to a 10,000-line script (<see cref="ScriptGenerator"/>):
/// parse, resolve and bind every name (<see cref="ScriptAnalysis.Analyze"/>), the work between a
/// keystroke and its diagnostics; and <c>gradscript fmt</c>'s work on the same script, which
/// parses it twice (the second time to check the result means the same). The end-to-end figure,
/// through a real <c>gradscript lsp</c> process, is <c>--lsp</c> (LspLatency).
/// </summary>
public class EditorBenchmarks
{
    /// <summary>Lines in the script.</summary>
    public const int Lines = 10_000;

    private string _source = null!;

    [GlobalSetup]
    public void Setup()
    {
        _source = ScriptGenerator.Generate(Lines);
        var analysis = ScriptAnalysis.Analyze(_source, "generated.grad");
        if (analysis.Diagnostics.Count > 0) throw new InvalidOperationException($"the generated script has errors: {analysis.Diagnostics[0]}");
        if (analysis.Symbols.Count == 0) throw new InvalidOperationException("the generated script has no symbols");
        string formatted = SourceFormatter.Format(_source);
        if (SourceFormatter.Format(formatted) != formatted) throw new InvalidOperationException("formatting the generated script is not idempotent");
    }

    [Benchmark(Description = "editor: analyse a 10,000-line script (per change)")]
    public ScriptAnalysis Analyze() => ScriptAnalysis.Analyze(_source, "generated.grad");

    [Benchmark(Description = "editor: format a 10,000-line script")]
    public string Format() => SourceFormatter.Format(_source);
}
