namespace GradScript.Tests.Tooling;

using GradScript.Tooling;

/// <summary>
/// <see cref="ScriptTokens"/>: every name classified as the resolver binds it, every keyword as the
/// lexer reads it; over every script of the repository each token's place holds exactly its word,
/// and a script that does not parse gets its keywords only.
/// </summary>
public class ScriptTokensTests
{
    private static string Show(string text) => string.Join(" ", ScriptTokens.Classify(ScriptAnalysis.Analyze(text))
        .Select(t => $"{t.Span.Line}:{t.Span.Column}:{t.Kind}{(t.IsDefinition ? "!" : "")}"));

    [Fact]
    public void ClassifiesNamesAsTheResolverBindsThem()
    {
        const string text = "import \"nn\" as net\nrate = pi\ndef step(w, g=1) {\n    def inner() { return w * rate }\n    return print(inner(), missing)\n}\n";
        Assert.Equal(
            "1:1:Keyword 1:13:Keyword 1:16:Module! 2:1:Variable! 2:8:BuiltinConstant "
            + "3:1:Keyword 3:5:Function! 3:10:Parameter! 3:13:Parameter! "
            + "4:5:Keyword 4:9:Function! 4:19:Keyword 4:26:Parameter 4:30:Variable "
            + "5:5:Keyword 5:12:BuiltinFunction 5:18:Function 5:27:Undefined",
            Show(text));
    }

    [Fact]
    public void GivesOnlyKeywordsForAScriptThatDoesNotParse()
    {
        Assert.Equal("1:1:Keyword 2:1:Keyword 2:7:Keyword", Show("def f( {\nfor x in \"unclosed\n"));
        Assert.Equal("", Show("x = @ \uD800"));
        Assert.Equal("", Show(""));
    }

    [Theory]
    [MemberData(nameof(FormatterRoundTrip.CorpusFiles), MemberType = typeof(FormatterRoundTrip))]
    public void PlacesEveryTokenOnItsWordOverTheCorpus(string path)
    {
        string text = File.ReadAllText(Path.Combine(GoldenCorpusTests.RepositoryRoot(), path));
        var analysis = ScriptAnalysis.Analyze(text, path);
        var tokens = ScriptTokens.Classify(analysis);
        for (int i = 0; i < tokens.Count; i++)
        {
            var span = tokens[i].Span;
            Assert.Equal(span.Line, span.EndLine);
            string word = CodePoints(analysis.Source.GetLine(span.Line), span.Column, span.EndColumn);
            bool isKeyword = ScriptAnalysis.Keywords.Contains(word);
            Assert.True(tokens[i].Kind == ScriptTokenKind.Keyword ? isKeyword : !isKeyword && ScriptAnalysis.IsValidName(word),
                $"{path}:{span.Line}:{span.Column}: '{word}' is no {tokens[i].Kind}");
            if (i > 0) Assert.True(Order(tokens[i - 1].Span, span) < 0, $"{path}:{span.Line}:{span.Column}: tokens overlap or are out of order");
        }
    }

    private static int Order(GradScript.Diagnostics.SourceSpan a, GradScript.Diagnostics.SourceSpan b) =>
        a.EndLine != b.Line ? a.EndLine.CompareTo(b.Line) : a.EndColumn <= b.Column ? -1 : 1;

    private static string CodePoints(string line, int column, int endColumn)
    {
        var runes = line.EnumerateRunes().ToList();
        return string.Concat(runes.Skip(column - 1).Take(endColumn - column).Select(r => r.ToString()));
    }
}
