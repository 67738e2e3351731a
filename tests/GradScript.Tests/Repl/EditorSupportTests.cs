namespace GradScript.Tests.Repl;

using GradScript.Cli.Repl;
using Spectre.Console;

/// <summary>What the terminal editor leans on: scanning, colouring, completion and the history file (issue 3, item 1).</summary>
public class EditorSupportTests
{
    private static string Kinds(string text) =>
        string.Join(" ", SourceScanner.Scan(text).Select(t => $"{t.Kind}:{text.Substring(t.Start, t.Length)}"));

    [Fact]
    public void TheScannerFindsKeywordsNamesNumbersStringsAndComments()
    {
        Assert.Equal(
            "Keyword:no_grad Name:my_in Keyword:in Number:1_000 Number:2.5e-3 Number:.5 Number:0 Number:10 String:f\"{x} # not a comment\" Comment:# but this is",
            Kinds("no_grad { my_in in 1_000 + 2.5e-3 * .5; 0..10 } f\"{x} # not a comment\" # but this is"));
        Assert.Equal("Name:s String:'it\\'s' String:\"open", Kinds("s = 'it\\'s' + \"open"));
    }

    [Fact]
    public void ColourFollowsTheWholeLineNotJustTheToken()
    {
        var highlighter = new Highlighter(["print"]);
        highlighter.BeginLine("no_grad { print(\"if # x\") } # done");
        // RadLine's tokens: runs of letters and digits, and single other characters; spaces are not asked about.
        var styles = new[] { "no", "_", "grad", "{", "print", "(", "\"", "if", "#", "x", "\"", ")", "}", "#", "done" }
            .Select(token => highlighter.Highlight(token)).ToList();
        var keyword = styles[0];
        Assert.NotNull(keyword);
        Assert.All(styles[..3], style => Assert.Equal(keyword, style));
        Assert.Null(styles[3]);
        Assert.NotNull(styles[4]);
        Assert.NotEqual(keyword, styles[4]);
        Assert.Null(styles[5]);
        var text = styles[6];
        Assert.All(styles[6..11], style => Assert.Equal(text, style));
        Assert.Null(styles[11]);
        Assert.Equal(styles[13], styles[14]);
        Assert.NotEqual(text, styles[13]);
    }

    [Fact]
    public void WithoutTheLineTokensAreColouredByThemselves()
    {
        var highlighter = new Highlighter([]);
        highlighter.BeginLine(null);
        Assert.NotNull(highlighter.Highlight("while"));
        Assert.NotNull(highlighter.Highlight("42"));
        Assert.Null(highlighter.Highlight("w"));
        Assert.Null(highlighter.Highlight("("));
    }

    [Fact]
    public void NoColourWhenNoColorIsSetOrTheTerminalIsDumb()
    {
        Assert.True(ReplLoop.ColorWanted(name => name == "TERM" ? "xterm-256color" : null));
        Assert.False(ReplLoop.ColorWanted(name => name == "NO_COLOR" ? "1" : null));
        Assert.False(ReplLoop.ColorWanted(name => name == "TERM" ? "dumb" : null));
        Assert.True(ReplLoop.ColorWanted(name => name == "NO_COLOR" ? "" : null));
    }

    [Fact]
    public void CompletionOffersGlobalsBuiltinsAndKeywords()
    {
        string[] names = ["grad", "graph", "learning_rate", "print", "w"];
        Assert.Equal(["grad", "graph"], Completion.Candidates("", "gra", names));
        Assert.Equal(["print(grad", "print(graph"], Completion.Candidates("", "print(gra", names));
        Assert.Equal(["while"], Completion.Candidates("x = 1; ", "whi", names));
        Assert.Equal(["learning_rate"], Completion.Candidates("w -= ", "lear", names));
        Assert.Empty(Completion.Candidates("", "print(", names));
        Assert.Empty(Completion.Candidates("", "3", names));
        Assert.Equal([":graph"], Completion.Candidates("", ":gr", names));
        Assert.Equal([":help"], Completion.Candidates("  ", ":h", names));
    }

    [Fact]
    public void RepeatedTabsCycleThroughTheCandidates()
    {
        var completion = new Completion(() => ["grad", "graph", "w"]);
        Assert.Equal(["grad", "graph"], completion.GetCompletions("", "gr", ""));
        // RadLine replaced the word with "grad" and asks again: the same list, so it moves on.
        Assert.Equal(["grad", "graph"], completion.GetCompletions("", "grad", ""));
        Assert.Null(completion.GetCompletions("", "zz", ""));
    }

    [Fact]
    public void TheSessionOffersItsOwnNames()
    {
        var repl = new SessionDriver();
        repl.Ok("learning_rate = 0.1");
        Assert.Contains("learning_rate", repl.Session.GlobalNames());
        Assert.Contains("sigmoid", repl.Session.GlobalNames());
    }

    [Fact]
    public void AfterAModuleNameAndADotTabOffersTheModulesMembers()
    {
        string[] names = ["nn", "mlp_size", "print"];
        IEnumerable<string>? Members(string name) => name == "nn" ? ["mlp", "linear", "parameters"] : null;
        Assert.Equal(["nn.mlp"], Completion.Candidates("", "nn.ml", names, Members));
        Assert.Equal(["print(nn.linear"], Completion.Candidates("", "print(nn.l", names, Members));
        // A name that holds no module, or a member nothing starts like, offers nothing.
        Assert.Empty(Completion.Candidates("", "x.ml", names, Members));
        Assert.Empty(Completion.Candidates("", "nn.zz", names, Members));
    }

    [Fact]
    public void TheSessionListsAModulesPublicMembers()
    {
        var repl = new SessionDriver();
        repl.Ok("import \"nn\"", "x = 1");
        var members = repl.Session.ModuleMembers("nn");
        Assert.NotNull(members);
        Assert.Contains("mlp", members);
        Assert.DoesNotContain(members, name => name.StartsWith('_'));
        Assert.DoesNotContain("print", members);
        Assert.Null(repl.Session.ModuleMembers("x"));
        Assert.Null(repl.Session.ModuleMembers("nosuch"));
    }

    [Fact]
    public void HistoryIsAppendedLineByLineAndLoadedNextTime()
    {
        using var dir = new GradScript.Tests.Cli.TempDirectory();
        string path = History.DefaultPath(name => name == "HOME" ? dir.Path : null)!;
        Assert.Equal(Path.Combine(dir.Path, ".gradscript_history"), path);

        var first = new History(path);
        Assert.Empty(first.Load());
        foreach (var line in new[] { "x = 1", "x = 1", "  ", "def f() {", "}" }) first.Add(line);
        Assert.Equal(["x = 1", "def f() {", "}"], new History(path).Load());
    }

    [Fact]
    public void HistoryKeepsTheNewestEntriesAndSurvivesAnUnwritableHome()
    {
        using var dir = new GradScript.Tests.Cli.TempDirectory();
        string path = Path.Combine(dir.Path, ".gradscript_history");
        File.WriteAllLines(path, Enumerable.Range(0, History.MaxEntries + 10).Select(i => $"line {i}"));
        var loaded = new History(path).Load();
        Assert.Equal(History.MaxEntries, loaded.Count);
        Assert.Equal("line 10", loaded[0]);
        Assert.Equal(History.MaxEntries, File.ReadAllLines(path).Length);

        var nowhere = new History(Path.Combine(dir.Path, "no", "such", "dir", ".gradscript_history"));
        nowhere.Add("x = 1");
        Assert.Empty(nowhere.Load());
        new History(null).Add("x = 1");
    }
}
