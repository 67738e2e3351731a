namespace GradScript.Tests.Tooling;

using GradScript.Tests.Properties;
using GradScript.Tooling;
using Xunit.Abstractions;

/// <summary>
/// <see cref="IncrementalChecker"/> finds after every edit exactly the problems a whole analysis of
/// the text finds (<see cref="ScriptProblems.Of"/>): over random edits of every script in the
/// repository, and over the edits that could fool the pieces it reuses (a brace left open, an
/// <c>else</c> on a line of its own, a backslash joining lines, a string left open); and gives
/// the colours a whole analysis gives (<see cref="ScriptTokens"/>) from the same pieces.
/// </summary>
public class IncrementalCheckerTests(ITestOutputHelper output)
{
    private static readonly string[] Directories = ["tests/golden", "scripts", "src/GradScript/Modules", "samples", "examples"];

    // What an edit inserts: the characters that open and close things, keywords that continue a
    // statement, whole lines, and what is typed mid-statement.
    private static readonly string[] Insertions =
    [
        "{", "}", "(", ")", "[", "]", "\"", "'", "\n", "\n\n", "else ", "elif x ", "else {\n", "x = ", " + ", ",", ":", "<", ">",
        "return 1\n", "break\n", "# note\n", "#", "\\\n", "\\", "def g(a) {\n", "}\n", "True", "print(\n", "f\"{", "1_0", "lambda ", "nn.",
        "if x {\n", "global y\n", "import \"nn\"\n", "for i in 0..3 {\n", "y = undefined_name\n", "\t", "x", "1e", "0x", "@", ";",
    ];

    [Fact]
    public void AgreesWithAWholeAnalysisOverRandomEdits()
    {
        const string name = nameof(IncrementalCheckerTests) + "." + nameof(AgreesWithAWholeAnalysisOverRandomEdits);
        output.WriteLine($"replay with: {TestSeed.Replay(name)}");
        var random = TestSeed.Random(name);
        var files = CorpusFiles();
        int rounds = PropertyRun.Scaled(120), checks = 0, colours = 0;
        for (int round = 0; round < rounds; round++)
        {
            string path = files[random.Next(files.Count)];
            string text = File.ReadAllText(path);
            var checker = new IncrementalChecker();
            var history = new List<string>();
            for (int edit = 0; edit < 12; edit++)
            {
                Assert.True(Describe(ScriptProblems.Of(ScriptAnalysis.Analyze(text, "t.grad"))) == Describe(checker.Check(text, "t.grad")),
                    $"{path} after the edits {string.Join("; ", history)}:\n{text}\nwhole: {Describe(ScriptProblems.Of(ScriptAnalysis.Analyze(text, "t.grad")))}\nincremental: {Describe(new IncrementalChecker().Check(text, "t.grad"))}");
                if (checker.Tokens(text) is { } tokens)
                {
                    string whole = Describe(ScriptTokens.Classify(ScriptAnalysis.Analyze(text, "t.grad"))), pieces = Describe(tokens);
                    Assert.True(whole == pieces, $"{path} after the edits {string.Join("; ", history)}: the colours differ\n{text}\nwhole: {whole}\npieces: {pieces}");
                    colours++;
                }
                checks++;
                (text, string what) = Edit(text, random);
                history.Add(what);
            }
        }
        output.WriteLine($"{checks} checks over {rounds} edited scripts, {colours} with colours from the pieces");
        Assert.True(colours >= rounds / 2, $"only {colours} of {checks} checks coloured from the pieces");
    }

    [Theory]
    // A brace left open swallows every statement after it.
    [InlineData("def f() {\n    x = 1\n}\ny = 2\nz = 3\n", 20, 1)]
    // `else` on its own line continues the `if` before it.
    [InlineData("if a {\n    b = 1\n}\nc = 2\n", 18, "\nelse {\n    c = 3\n}")]
    // A backslash joins the next line to this one: two statements on one line.
    [InlineData("x = 1\ny = 2\nz = 3\n", 5, " \\")]
    // A string left open, a bracket left open, an error after another error.
    [InlineData("x = 1\ny = 2\nz = 3\n", 4, "\"")]
    [InlineData("x = 1\ny = 2\nz = 3\n", 4, "(1 +")]
    [InlineData("x = )\ny = 2\nz = (\nw = 4\n", 0, "")]
    // A `>` at a line's end may close an angle block, or compare with the next line.
    [InlineData("while 1 < n >\nx = 1\n", 0, "")]
    [InlineData("while 1 < n >\nx = 1\nfor i in 0..4 < print(i) >\n", 40, " else\n")]
    // Names defined in one statement and read in another, before and after.
    [InlineData("print(a)\na = 1\ndef f() { return b + a }\nprint(c)\n", 0, "b = 2\n")]
    public void AgreesWithAWholeAnalysisAtTheHardCuts(string before, int at, object insertion)
    {
        string text = insertion is int delete ? before.Remove(at, delete) : before.Insert(at, (string)insertion);
        var checker = new IncrementalChecker();
        checker.Check(before, "t.grad");
        Assert.Equal(Describe(ScriptProblems.Of(ScriptAnalysis.Analyze(text, "t.grad"))), Describe(checker.Check(text, "t.grad")));
    }

    [Fact]
    public void AnalysesAgainOnlyTheStatementsAnEditTouches()
    {
        string text = string.Concat(Enumerable.Range(0, 200).Select(i => $"def f{i}(x) {{\n    return x * {i}\n}}\nv{i} = f{i}(2)\n"));
        var checker = new IncrementalChecker();
        Assert.Empty(checker.Check(text, "t.grad").Errors);
        Assert.Equal(400, checker.PiecesAnalysed);
        var problems = checker.Check(text.Replace("v100 = f100(2)", "v100 = f100(w)"), "t.grad");
        Assert.Equal(1, checker.PiecesAnalysed);
        Assert.Equal(("w", 404, 13), (problems.UndefinedNames.Single().Name, problems.UndefinedNames.Single().Span.Line, problems.UndefinedNames.Single().Span.Column));
        // A broken statement: the parse reads from the statement before it on, and stops at the
        // first cut after it where the parser stands as at a script's start.
        string broken = text.Replace("v100 = f100(2)", "v100 = = f100(2)");
        problems = checker.Check(broken, "t.grad");
        Assert.Equal(1, checker.PiecesAnalysed);
        Assert.Equal(405, checker.SyntaxParseStoppedAt);
        Assert.NotEmpty(problems.Errors);
        Assert.Equal(Describe(ScriptProblems.Of(ScriptAnalysis.Analyze(broken, "t.grad"))), Describe(problems));
    }

    private static (string Text, string What) Edit(string text, Random random)
    {
        int at = random.Next(text.Length + 1);
        switch (random.Next(5))
        {
            case 0 or 1:
                string insertion = Insertions[random.Next(Insertions.Length)];
                return (text.Insert(at, insertion), $"insert {Quote(insertion)} at {at}");
            case 2:
                int length = Math.Min(text.Length - at, 1 + random.Next(random.Next(2) == 0 ? 3 : 40));
                return (text.Remove(at, length), $"delete {length} at {at}");
            case 3:
                // A line of the script, typed again elsewhere, perhaps only its start.
                var lines = text.Split('\n');
                string line = lines[random.Next(lines.Length)];
                line = line[..random.Next(line.Length + 1)] + (random.Next(2) == 0 ? "\n" : "");
                return (text.Insert(at, line), $"insert {Quote(line)} at {at}");
            default:
                // A line dropped whole.
                int start = text.LastIndexOf('\n', Math.Max(0, at - 1)) + 1, end = text.IndexOf('\n', at);
                end = end < 0 ? text.Length : end + 1;
                return (text.Remove(start, end - start), $"delete the line at {start}");
        }
    }

    private static string Quote(string text) => "\"" + text.Replace("\n", "\\n") + "\"";

    private static string Describe(ScriptProblems problems) => string.Join("\n",
        problems.Errors.Select(e => $"error {Place(e.Span)} {e.Message} [{e.Hint}]")
            .Concat(problems.UndefinedNames.Select(u => $"undefined {Place(u.Span)} {u.Name}")));

    private static string Describe(IReadOnlyList<ScriptToken> tokens) =>
        string.Join("\n", tokens.Select(t => $"{Place(t.Span)}:{t.Kind}{(t.IsDefinition ? "!" : "")}"));

    private static string Place(GradScript.Diagnostics.SourceSpan span) => $"{span.Line}:{span.Column}-{span.EndLine}:{span.EndColumn}";

    private static List<string> CorpusFiles()
    {
        string root = GoldenCorpusTests.RepositoryRoot();
        return [.. Directories.Select(d => Path.Combine(root, d)).Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.grad", SearchOption.AllDirectories)).Order(StringComparer.Ordinal)];
    }
}
