namespace GradScript.Benchmarks;

using BenchmarkDotNet.Attributes;
using GradScript.Tooling;

/// <summary>
/// The language server's work on a 10,000-line script (<see cref="ScriptGenerator"/>): a whole
/// analysis (parse, resolve and bind every name: <see cref="ScriptAnalysis.Analyze"/>, what hover,
/// completion and rename read); the work between a keystroke and its diagnostics
/// (<see cref="IncrementalChecker"/>: a statement in the middle changed, or broken and mended, the
/// rest known from the check before), and its colours (semantic tokens) from the same pieces; and <c>gradscript fmt</c>'s work on the same script, which
/// parses it twice (the second time to check the result means the same).
/// </summary>
public class EditorBenchmarks
{
    /// <summary>Lines in the script.</summary>
    public const int Lines = 10_000;

    private string _source = null!, _changed = null!, _broken = null!;
    private readonly IncrementalChecker _checker = new();
    private bool _flip;

    [GlobalSetup]
    public void Setup()
    {
        _source = ScriptGenerator.Generate(Lines);
        var analysis = ScriptAnalysis.Analyze(_source, "generated.grad");
        if (analysis.Diagnostics.Count > 0) throw new InvalidOperationException($"the generated script has errors: {analysis.Diagnostics[0]}");
        if (analysis.Symbols.Count == 0) throw new InvalidOperationException("the generated script has no symbols");
        // A number typed over in a statement in the middle, and the same statement broken (`= =`).
        int middle = _source.IndexOf("acc_170 = 0", StringComparison.Ordinal);
        if (middle < 0) throw new InvalidOperationException("the generated script has no statement acc_170 = 0");
        _changed = _source.Remove(middle, "acc_170 = 0".Length).Insert(middle, "acc_170 = 7");
        _broken = _source.Remove(middle, "acc_170 = 0".Length).Insert(middle, "acc_170 = = 0");
        if (_checker.Check(_changed, "generated.grad").Errors.Count != 0 || _checker.Check(_broken, "generated.grad").Errors.Count != 1)
            throw new InvalidOperationException("the edited scripts do not have the errors expected");
        if (_checker.Check(_source, "generated.grad").Errors.Count != 0 || _checker.PiecesAnalysed != 1)
            throw new InvalidOperationException($"the change back analysed {_checker.PiecesAnalysed} statements again, not 1");
        string formatted = SourceFormatter.Format(_source);
        if (SourceFormatter.Format(formatted) != formatted) throw new InvalidOperationException("formatting the generated script is not idempotent");
    }

    [Benchmark(Description = "editor: analyse a whole 10,000-line script (hover, completion, rename)")]
    public ScriptAnalysis Analyze() => ScriptAnalysis.Analyze(_source, "generated.grad");

    [Benchmark(Description = "editor: diagnostics after a change to a 10,000-line script")]
    public ScriptProblems Change() => _checker.Check((_flip = !_flip) ? _changed : _source, "generated.grad");

    [Benchmark(Description = "editor: diagnostics after a change that breaks a statement of a 10,000-line script")]
    public ScriptProblems Break() => _checker.Check((_flip = !_flip) ? _broken : _source, "generated.grad");

    [Benchmark(Description = "editor: colours (semantic tokens) after a change to a 10,000-line script")]
    public IReadOnlyList<ScriptToken> Colours()
    {
        string text = (_flip = !_flip) ? _changed : _source;
        _checker.Check(text, "generated.grad");
        return _checker.Tokens(text) ?? throw new InvalidOperationException("the pieces gave no colours");
    }

    [Benchmark(Description = "editor: format a 10,000-line script")]
    public string Format() => SourceFormatter.Format(_source);
}
