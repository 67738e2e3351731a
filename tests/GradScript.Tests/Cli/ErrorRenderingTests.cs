namespace GradScript.Tests.Cli;

using System.Text;
using GradScript.Cli;
using GradScript.Diagnostics;
using Xunit;

/// <summary>The pinned error format of docs/language.md §9: headline, source line, caret line, stack.</summary>
public class ErrorRenderingTests
{
    private static ScriptDiagnostic At(string text, int line, int column, int endLine, int endColumn, string message = "bad") =>
        new(message, new SourceSpan(new SourceText("t.grad", text), line, column, endLine, endColumn));

    [Fact]
    public void SyntaxErrorShowsTheLineAndACaretUnderTheColumn()
    {
        string text = "x = 1\ny = 2 +\n";
        Assert.Equal(
            "t.grad:2:7: error: bad\n" +
            "    y = 2 +\n" +
            "          ^\n",
            DiagnosticRenderer.SyntaxError(At(text, 2, 7, 2, 8)));
    }

    [Fact]
    public void ASpanOnOneLineIsUnderlinedWithTildes()
    {
        Assert.Equal("    print(nope)\n          ^~~~\n", DiagnosticRenderer.Snippet(At("print(nope)", 1, 7, 1, 11).Span));
    }

    [Fact]
    public void ASpanOverSeveralLinesGetsOneCaret()
    {
        Assert.Equal("    f(1,\n     ^\n", DiagnosticRenderer.Snippet(At("f(1,\n  2)", 1, 2, 2, 4).Span));
    }

    [Fact]
    public void TabsInTheLineAreCopiedSoTheCaretAligns()
    {
        Assert.Equal("    \t\tx = 1 / 0\n    \t\t    ^\n", DiagnosticRenderer.Snippet(At("\t\tx = 1 / 0", 1, 7, 1, 8).Span));
    }

    [Fact]
    public void ColumnsCountCodePointsSoEmojiAndAccentsTakeOneColumn()
    {
        // "😀" is two UTF-16 units but one column; "é" is one.
        string line = "s = \"😀é\" + 1";
        Assert.Equal($"    {line}\n             ^\n", DiagnosticRenderer.Snippet(At(line, 1, 10, 1, 11).Span));
    }

    [Fact]
    public void APlaceAtTheEndOfTheLineGetsACaretAfterIt()
    {
        Assert.Equal("    print(1\n           ^\n", DiagnosticRenderer.Snippet(At("print(1", 1, 8, 1, 8).Span));
        Assert.Equal("    \n    ^\n", DiagnosticRenderer.Snippet(At("x = 1\n", 2, 1, 2, 1).Span));
    }

    [Fact]
    public void EverySyntaxErrorIsListedInSourceOrder()
    {
        var outcome = CliRun.Run("-e", "x = (1 +\ny = ]\nz = 3 + @\nprint(1))");
        Assert.Equal(ExitCodes.SyntaxError, outcome.ExitCode);
        var headlines = outcome.StderrLines.Where(line => line.StartsWith("<string>:")).ToList();
        Assert.True(headlines.Count >= 3, outcome.Stderr);
        Assert.All(headlines, line => Assert.Contains(": error: ", line));
        var places = headlines.Select(line => line.Split(':')).Select(p => (int.Parse(p[1]), int.Parse(p[2]))).ToList();
        Assert.Equal(places.OrderBy(p => p.Item1).ThenBy(p => p.Item2), places);
        // Each headline is followed by its source line and caret line.
        Assert.Equal(headlines.Count * 3, outcome.StderrLines.Length);
    }

    [Fact]
    public void AtMostTwentySyntaxErrorsAreListed()
    {
        // Thirty lines with one error each (a character the lexer does not know, after a whole statement).
        string script = string.Concat(Enumerable.Range(0, 30).Select(_ => "x = 1 $\n"));
        var outcome = CliRun.Run("-e", script);
        Assert.Equal(ExitCodes.SyntaxError, outcome.ExitCode);
        // The first twenty, in order, each with its source line and caret, and nothing after them.
        Assert.Equal(
            Enumerable.Range(1, ScriptSyntaxException.MaxErrors).Select(n => $"<string>:{n}:7: error: unexpected character '$' (U+0024)"),
            outcome.StderrLines.Where(line => line.Contains(": error: ")));
    }

    [Fact]
    public void RuntimeErrorInFunctionsShowsCaretAndOneFramePerCall()
    {
        using var dir = new TempDirectory();
        string script = dir.Write("div.grad", "def f(x) {\n\treturn x / 0\n}\ndef g(y) {\n  return f(y) + 1\n}\nprint(\"héllo\")\nprint(g(3))\n");
        var outcome = CliRun.Run(script);
        Assert.Equal(ExitCodes.RuntimeError, outcome.ExitCode);
        Assert.Equal("héllo\n", outcome.Stdout);
        Assert.Equal(
            $"{script}:2:11: runtime error: division by zero\n" +
            "    \treturn x / 0\n" +
            "    \t         ^\n" +
            $"  at f ({script}:5:10)\n" +
            $"  at g ({script}:8:7)\n",
            outcome.Stderr);
    }

    [Fact]
    public void DeepRecursionCollapsesIdenticalFrames()
    {
        var outcome = CliRun.Run("-e", "def r(n) {\n  return r(n + 1)\n}\nr(0)");
        Assert.Equal(ExitCodes.RuntimeError, outcome.ExitCode);
        var lines = outcome.StderrLines;
        Assert.Equal("<string>:2:10: runtime error: maximum call depth exceeded", lines[0]);
        Assert.Equal(["  at r (<string>:2:10)", "  at r (<string>:2:10)", "  at r (<string>:2:10)"], lines[3..6]);
        // The default depth limit is 1000 calls: the first from line 4, the rest from line 2.
        Assert.Matches(@"^  \.\.\. \(99\d more identical frames\)$", lines[6]);
        Assert.Equal("  at r (<string>:4:1)", lines[7]);
        Assert.Equal(8, lines.Length);
    }

    [Fact]
    public void StackTraceKeepsShortRunsWhole()
    {
        string trace = "at a (t.grad:1:1)\nat a (t.grad:1:1)\nat a (t.grad:1:1)\nat b (t.grad:2:1)";
        Assert.Equal("  at a (t.grad:1:1)\n  at a (t.grad:1:1)\n  at a (t.grad:1:1)\n  at b (t.grad:2:1)\n", DiagnosticRenderer.StackTrace(trace));
        Assert.Equal("", DiagnosticRenderer.StackTrace(""));
    }

    [Fact]
    public void InvalidUtf8IsASyntaxErrorAtTheBadByte()
    {
        using var dir = new TempDirectory();
        byte[] bytes = [.. Encoding.UTF8.GetBytes("print(1)\nx = \"é"), 0xFF, .. Encoding.UTF8.GetBytes("\"\n")];
        string script = dir.WriteBytes("latin1.grad", bytes);
        var outcome = CliRun.Run(script);
        Assert.Equal(ExitCodes.SyntaxError, outcome.ExitCode);
        Assert.Equal("", outcome.Stdout);
        Assert.Equal($"{script}:2:7: error: file is not valid UTF-8", outcome.StderrLines[0]);
        Assert.Equal("          ^", outcome.StderrLines[2]);
    }

    [Fact]
    public void AByteOrderMarkIsAllowed()
    {
        using var dir = new TempDirectory();
        string script = dir.WriteBytes("bom.grad", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("print(\"ok\")\n")]);
        Assert.Equal("ok\n", CliRun.Run(script).Stdout);
    }

    [Fact]
    public void DeeplyNestedInputIsASyntaxErrorNotACrash()
    {
        var outcome = CliRun.Run("-e", new string('(', 100_000));
        Assert.Equal(ExitCodes.SyntaxError, outcome.ExitCode);
        Assert.StartsWith("<string>:1:", outcome.Stderr);
        Assert.DoesNotContain("   at ", outcome.Stderr);
    }
}
