namespace GradScript.Tests.Cli;

using System.Diagnostics;
using GradScript.Cli.Graphs;

/// <summary>Running Graphviz's program: what comes back when it draws, is missing, fails or hangs (with stand-ins for dot).</summary>
public class GraphvizTests
{
    private const string Dot = "digraph {\n  n0 [shape=record, label=\"{ data 1.0 | grad 0.0 }\"];\n}\n";

    [Fact]
    public void AMissingProgramIsReportedAsMissing()
    {
        var result = new Graphviz("gradscript-no-such-dot-program").Render(Dot, "svg");
        Assert.Equal(new GraphvizResult.Missing("Graphviz's 'gradscript-no-such-dot-program' program is not installed (or not on PATH)"), result);
    }

    [ShellScriptFact, System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void LargeOutputOnBothStreamsDoesNotBlock()
    {
        using var dir = new TempDirectory();
        // More than any pipe buffer on each stream, before dot has read all its input.
        string chatty = dir.WriteExecutable("chatty-dot", "#!/bin/sh\nhead -c 300000 /dev/zero >&2\nhead -c 2000000 /dev/zero\ncat > /dev/null\n");
        var drawn = Assert.IsType<GraphvizResult.Drawn>(new Graphviz(chatty).Render(Dot + new string(' ', 1_000_000), "png"));
        Assert.Equal(2_000_000, drawn.Image.Length);
    }

    [ShellScriptFact, System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void AProgramThatHangsIsStoppedAtTheTimeLimit()
    {
        using var dir = new TempDirectory();
        string hung = dir.WriteExecutable("hung-dot", "#!/bin/sh\nsleep 60\n");
        var clock = Stopwatch.StartNew();
        var result = new Graphviz(hung, TimeSpan.FromMilliseconds(300)).Render(Dot, "svg");
        Assert.Equal(new GraphvizResult.Failed($"'{hung}' did not finish drawing within 0.3 s"), result);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }

    [GraphvizFact]
    public void TheRealDotReportsItsOwnSyntaxErrors()
    {
        var failed = Assert.IsType<GraphvizResult.Failed>(new Graphviz().Render("digraph { n0 -> ", "svg"));
        Assert.StartsWith("'dot' failed (exit 1): Error: <stdin>:", failed.Message);
    }
}
