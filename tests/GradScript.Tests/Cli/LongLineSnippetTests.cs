namespace GradScript.Tests.Cli;

using GradScript.Cli;
using GradScript.Diagnostics;
using Xunit;

/// <summary>
/// Issue 12, item 3: a source line too long to show (a nesting bomb a million characters wide used
/// to print a caret line of a million spaces) is cut around the caret, each cut marked, as rustc and
/// clang cut theirs: in the command line's errors, the REPL's (the same renderer) and a terminal's width.
/// </summary>
public class LongLineSnippetTests
{
    private static SourceSpan At(string text, int column, int endColumn) =>
        new(new SourceText("t.grad", text), 1, column, 1, endColumn);

    private static (string Line, string Caret) Lines(string snippet)
    {
        var lines = snippet.Split('\n');
        Assert.Equal(3, lines.Length);            // two lines, each ended
        Assert.Equal("", lines[2]);
        return (lines[0], lines[1]);
    }

    [Fact]
    public void AMillionCharacterLineIsCutAroundTheCaretWithAMarkOnEachSide()
    {
        string text = new string('(', 500_000) + "x" + new string(')', 499_999);
        var (line, caret) = Lines(DiagnosticRenderer.Snippet(At(text, 500_001, 500_002)));
        Assert.True(line.Length <= 4 + DiagnosticRenderer.MaxLineColumns, $"{line.Length} columns");
        Assert.StartsWith("    " + DiagnosticRenderer.Cut + "(((", line);
        Assert.EndsWith(")))" + DiagnosticRenderer.Cut, line);
        // The caret stands under the x, wherever the cut put it.
        Assert.Equal('x', line[caret.IndexOf('^')]);
        Assert.Equal(caret.TrimEnd().Length, caret.IndexOf('^') + 1);
    }

    [Fact]
    public void ACaretNearTheStartCutsOnlyTheEnd()
    {
        string text = "x = " + new string('1', 1000);
        var (line, caret) = Lines(DiagnosticRenderer.Snippet(At(text, 1, 2)));
        Assert.Equal("    x = 111", line[..11]);
        Assert.EndsWith("1" + DiagnosticRenderer.Cut, line);
        Assert.Equal("    ^", caret);
    }

    [Fact]
    public void ACaretAtTheEndCutsOnlyTheStartAndStaysPastTheLastCharacter()
    {
        string text = "print(" + new string('-', 1000);
        var (line, caret) = Lines(DiagnosticRenderer.Snippet(At(text, 1007, 1007)));
        Assert.StartsWith("    " + DiagnosticRenderer.Cut + "---", line);
        Assert.EndsWith("---", line);
        Assert.Equal(line.Length, caret.IndexOf('^'));
    }

    [Fact]
    public void AnUnderlineStopsAtTheCut()
    {
        string text = "y = " + new string('a', 5000) + " + 1";
        var (line, caret) = Lines(DiagnosticRenderer.Snippet(At(text, 5, 5005)));
        Assert.Equal(line.Length - DiagnosticRenderer.Cut.Length, caret.Length);
        Assert.Matches("^ +\\^~+$", caret);
    }

    [Fact]
    public void ATerminalNarrowerThanTheLimitCutsToItsWidth()
    {
        string text = "z = " + new string('b', 300) + " + nope";
        var (line, caret) = Lines(DiagnosticRenderer.Snippet(At(text, 308, 312), terminalWidth: 80));
        Assert.InRange(line.Length, 60, 80);
        Assert.Equal("nope", line.Substring(caret.IndexOf('^'), 4));
        Assert.Equal("^~~~", caret.Trim());
    }

    [Fact]
    public void LinesThatFitAreShownWhole()
    {
        string text = "w = " + new string('c', DiagnosticRenderer.MaxLineColumns - 4);
        Assert.Equal($"    {text}\n    ^\n", DiagnosticRenderer.Snippet(At(text, 1, 2)));
        Assert.Equal($"    {text}\n    ^\n", DiagnosticRenderer.Snippet(At(text, 1, 2), terminalWidth: 1000));
    }

    [Fact]
    public void TheCommandLineCutsATooDeepLine()
    {
        using var directory = new TempDirectory();
        string path = directory.Write("deep.grad", "print(" + new string('-', 1_000_000) + "1)\n");
        var outcome = CliRun.Run(path);
        Assert.Equal(65, outcome.ExitCode);
        var lines = outcome.StderrLines;
        Assert.Contains("too deeply nested", lines[0]);
        Assert.All(lines, l => Assert.True(l.Length <= 4 + DiagnosticRenderer.MaxLineColumns, $"a line of {l.Length} columns"));
        Assert.Contains(DiagnosticRenderer.Cut, lines[1]);
    }
}
