namespace GradScript.Tests.Tooling;

using GradScript.Ast;
using GradScript.Diagnostics;
using GradScript.Syntax;
using GradScript.Tests.Properties;
using GradScript.Tooling;
using Xunit.Abstractions;

/// <summary>
/// The formatter's promises over every script the repository has (golden cases, examples, the
/// standard library) and over generated programs: the result parses to the same tree, spans aside
/// (<see cref="AstEquality"/>); formatting it again changes nothing; and its comments are the
/// script's, in order. The repository's own files are also already formatted (CI checks the same
/// with <c>gradscript fmt --check</c>), unless marked <c># fmt: off</c>.
/// </summary>
public class FormatterRoundTrip(ITestOutputHelper output)
{
    private static readonly string[] CorpusDirectories = ["tests/golden", "scripts", "src/GradScript/Modules", "samples"];

    public static TheoryData<string> CorpusFiles()
    {
        string root = GoldenCorpusTests.RepositoryRoot();
        return new TheoryData<string>(CorpusDirectories
            .Select(directory => Path.Combine(root, directory))
            .Where(Directory.Exists)
            .SelectMany(directory => Directory.EnumerateFiles(directory, "*.grad", SearchOption.AllDirectories))
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void OfTheCorpus(string path)
    {
        string text = File.ReadAllText(Path.Combine(GoldenCorpusTests.RepositoryRoot(), path));
        if (SourceFormatter.IsOff(text)) return;
        string formatted = SourceFormatter.Format(text, path);
        AssertPromises(text, formatted);
        Assert.True(formatted == text, $"{path} is not formatted: run `gradscript fmt {path}`");
    }

    [Fact]
    public void OfGeneratedPrograms() =>
        PropertyRun.Check(output, $"{nameof(FormatterRoundTrip)}.{nameof(OfGeneratedPrograms)}", 800,
            Programs.WellFormedArbitrary, program => AssertPromises(program.Text, SourceFormatter.Format(program.Text)));

    [Fact]
    public void OfCorruptedProgramsThatStillParse() =>
        PropertyRun.Check(output, $"{nameof(FormatterRoundTrip)}.{nameof(OfCorruptedProgramsThatStillParse)}", 800,
            Programs.CorruptedArbitrary, program =>
            {
                if (ScriptParser.TryParse(new SourceText("t.grad", program.Text)).Errors.Count == 0)
                    AssertPromises(program.Text, SourceFormatter.Format(program.Text));
            });

    private static void AssertPromises(string text, string formatted)
    {
        var before = ScriptParser.Parse(new SourceText("t.grad", text));
        var after = ScriptParser.Parse(new SourceText("t.grad", formatted));
        var difference = AstEquality.Difference(before, after);
        Assert.True(difference is null, $"the formatted script parses to another tree: {difference}\n{formatted}");
        Assert.Equal(formatted, SourceFormatter.Format(formatted));
        Assert.Equal(Comments(text), Comments(formatted));
    }

    private static List<string> Comments(string text) =>
        [.. LayoutTokens.Read(ScriptParser.Normalize(text)).Where(t => t.Type == GradScript.Syntax.Generated.GradScriptLexer.COMMENT).Select(t => t.Text)];
}
