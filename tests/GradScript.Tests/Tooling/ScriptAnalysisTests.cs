namespace GradScript.Tests.Tooling;

using GradScript.Tooling;

/// <summary>
/// <see cref="ScriptAnalysis"/>: names bound as the compiler binds them (Python's scopes), every
/// place each is written, and the edits a rename makes.
/// </summary>
public class ScriptAnalysisTests
{
    private static string Places(ScriptSymbol symbol) => string.Join(" ", symbol.References.Select(r => $"{r.Line}:{r.Column}"));

    private static ScriptSymbol Symbol(ScriptAnalysis analysis, int line, int column) =>
        analysis.SymbolAt(line, column)?.Symbol ?? throw new Xunit.Sdk.XunitException($"no symbol at {line}:{column}");

    [Fact]
    public void BindsNamesByPythonsScopes()
    {
        var analysis = ScriptAnalysis.Analyze(
            "x = 1\ndef f(y) {\n    x = y\n    def g() { return x + y }\n    return g\n}\ndef h() {\n    global x\n    x += 1\n}\nprint(x)\n");
        Assert.Empty(analysis.Diagnostics);
        var global = Symbol(analysis, 1, 1);
        Assert.True(global.IsGlobal);
        Assert.Equal(ScriptSymbolKind.Variable, global.Kind);
        Assert.Equal("1:1 8:12 9:5 11:7", Places(global));
        var local = Symbol(analysis, 3, 5);
        Assert.Equal("f", local.Function);
        Assert.Equal("3:5 4:22", Places(local));
        var parameter = Symbol(analysis, 2, 7);
        Assert.Equal(ScriptSymbolKind.Parameter, parameter.Kind);
        Assert.Equal("2:7 3:9 4:26", Places(parameter));
        Assert.Equal(ScriptSymbolKind.Builtin, Symbol(analysis, 11, 2).Kind);
        var function = Symbol(analysis, 2, 5);
        Assert.Equal("def f(y)", function.Signature);
        Assert.Equal(["y", "x", "g", "f", "h"], analysis.VisibleAt(4, 20).Select(s => s.Name));
    }

    [Fact]
    public void DocumentsFunctionsByTheCommentAboveThem()
    {
        var analysis = ScriptAnalysis.Analyze("# one\n# two\ndef f(a, b=[1, 2]) { return a }\n");
        var function = Symbol(analysis, 3, 5);
        Assert.Equal("def f(a, b=[1, 2])", function.Signature);
        Assert.Equal("one\ntwo", function.Documentation);
        Assert.Equal(3, function.Extent!.Value.Line);
    }

    [Fact]
    public void ReportsErrorsAndStillBindsNamesPastMisplacedStatements()
    {
        var analysis = ScriptAnalysis.Analyze("x = 1\nbreak\nprint(x)\n");
        Assert.Equal("'break' outside a loop", Assert.Single(analysis.Diagnostics).Message);
        Assert.True(analysis.HasSymbols);
        Assert.Equal("1:1 3:7", Places(Symbol(analysis, 3, 7)));
        var broken = ScriptAnalysis.Analyze("x = (1 +\n");
        Assert.False(broken.HasSymbols);
        Assert.NotEmpty(broken.Diagnostics);
        Assert.Null(broken.SymbolAt(1, 1));
    }

    [Fact]
    public void RenamesWithinAScopeAndKeepsAnImportsModule()
    {
        var analysis = ScriptAnalysis.Analyze("import \"nn\"\nm = nn.mlp(2, [1])\ndef f(nn) { return nn }\n");
        var module = Symbol(analysis, 2, 5);
        Assert.Equal(ScriptSymbolKind.Module, module.Kind);
        Assert.Equal("nn", module.ModuleSpecifier);
        var edits = analysis.RenameEdits(module, "net");
        Assert.Equal(["1:12: as net", "2:5:net"], edits.Select(e => $"{e.Span.Line}:{e.Span.Column}:{e.Text}"));
        Assert.Throws<ArgumentException>(() => analysis.RenameEdits(module, "for"));
        Assert.Throws<ArgumentException>(() => analysis.RenameEdits(module, "2x"));
        var builtin = ScriptAnalysis.Analyze("print(1)\n");
        Assert.Throws<ArgumentException>(() => builtin.RenameEdits(Symbol(builtin, 1, 1), "show"));
    }

    /// <summary>
    /// Every script of the repository is analysed without failing, and every name the parser saw
    /// lands on a symbol: a statement or expression type the analysis does not know fails here.
    /// </summary>
    [Theory]
    [MemberData(nameof(FormatterRoundTrip.CorpusFiles), MemberType = typeof(FormatterRoundTrip))]
    public void AnalysesEveryScriptOfTheCorpus(string path)
    {
        string text = File.ReadAllText(Path.Combine(GoldenCorpusTests.RepositoryRoot(), path));
        var analysis = ScriptAnalysis.Analyze(text, path);
        if (!analysis.HasSymbols) return;
        foreach (var symbol in analysis.Symbols)
        {
            Assert.NotEmpty(symbol.References);
            foreach (var place in symbol.References)
                Assert.Same(symbol, analysis.SymbolAt(place.Line, place.Column)?.Symbol);
        }
    }

    [Fact]
    public void KeywordsAreTheGrammars()
    {
        Assert.Contains("no_grad", ScriptAnalysis.Keywords);
        Assert.Contains("def", ScriptAnalysis.Keywords);
        Assert.DoesNotContain("print", ScriptAnalysis.Keywords);
        Assert.Contains("print", ScriptAnalysis.BuiltinNames);
    }
}
