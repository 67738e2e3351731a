namespace GradScript.Tests.Cli;

using GradScript.Cli;
using GradScript.Cli.Graphs;
using Xunit;

/// <summary>Parsing command lines into invocations, without running anything.</summary>
public class CommandLineTests
{
    [Fact]
    public void OptionsBeforeTheFileAreLimits()
    {
        var request = Assert.IsType<ScriptRequest>(CommandLine.Parse(["--timeout", "2.5", "--max-steps=100", "--max-depth", "7", "f.grad", "--max-depth", "1"]));
        Assert.Equal(new ScriptInput.File("f.grad"), request.Input);
        Assert.Equal(new RunLimits(TimeSpan.FromSeconds(2.5), 100, 7), request.Limits);
        Assert.Equal(["--max-depth", "1"], request.Args);
    }

    [Fact]
    public void NoLimitsMeansTheEngineDefaults()
    {
        var request = Assert.IsType<ScriptRequest>(CommandLine.Parse(["f.grad"]));
        Assert.Equal(RunLimits.None, request.Limits);
        Assert.Empty(request.Args);
    }

    [Theory]
    [InlineData(new[] { "-e", "print(1)", "a" }, "code")]
    [InlineData(new[] { "-", "a" }, "stdin")]
    [InlineData(new[] { "--timeout", "1" }, "implicit")]
    public void TheScriptComesFromWhereTheCommandLineSays(string[] args, string kind)
    {
        var request = Assert.IsType<ScriptRequest>(CommandLine.Parse(args));
        Assert.Equal(kind, request.Input switch
        {
            ScriptInput.Code => "code",
            ScriptInput.Stdin => "stdin",
            ScriptInput.Implicit => "implicit",
            _ => "other",
        });
    }

    [Fact]
    public void TestTakesPathsUpdateAndLimits()
    {
        var request = Assert.IsType<TestRequest>(CommandLine.Parse(["test", "a", "--update", "b", "--timeout", "30"]));
        Assert.Equal(["a", "b"], request.Paths);
        Assert.True(request.Update);
        Assert.Equal(TimeSpan.FromSeconds(30), request.Limits.Timeout);

        var defaults = Assert.IsType<TestRequest>(CommandLine.Parse(["test"]));
        Assert.Empty(defaults.Paths);
        Assert.False(defaults.Update);
    }

    [Fact]
    public void ReplIsItsOwnCommand()
    {
        Assert.IsType<ReplRequest>(CommandLine.Parse(["repl", "--max-steps", "10"]));
    }

    [Fact]
    public void GraphTakesAScriptAVariableAndWhereToWrite()
    {
        var request = Assert.IsType<GraphRequest>(CommandLine.Parse(["graph", "m.grad", "a", "--var", "loss", "-o", "loss.SVG", "--timeout", "3", "--", "--b"]));
        Assert.Equal(new ScriptInput.File("m.grad"), request.Input);
        Assert.Equal("loss", request.Variable);
        Assert.Equal(("loss.SVG", GraphFormat.Svg), (request.Output, request.Format));
        Assert.Equal("dot", request.Graphviz);
        Assert.Equal(TimeSpan.FromSeconds(3), request.Limits.Timeout);
        Assert.Equal(["a", "--b"], request.Args);

        var plain = Assert.IsType<GraphRequest>(CommandLine.Parse(["graph", "-", "--var=w", "--dot", "neato"]));
        Assert.Equal(new ScriptInput.Stdin(), plain.Input);
        Assert.Equal((null, GraphFormat.Dot, "neato"), (plain.Output, plain.Format, plain.Graphviz));
        Assert.Empty(plain.Args);

        var png = Assert.IsType<GraphRequest>(CommandLine.Parse(["graph", "m.grad", "--var", "w", "--format", "png", "-o", "w.svg"]));
        Assert.Equal(GraphFormat.Png, png.Format);

        Assert.Equal(new ScriptInput.File("graph"), Assert.IsType<ScriptRequest>(CommandLine.Parse(["--max-steps", "5", "graph"])).Input);
    }

    [Fact]
    public void AFileAfterOptionsNamedTestIsAFile()
    {
        var request = Assert.IsType<ScriptRequest>(CommandLine.Parse(["--max-steps", "5", "test", "repl"]));
        Assert.Equal(new ScriptInput.File("test"), request.Input);
        Assert.Equal(["repl"], request.Args);

        var code = Assert.IsType<ScriptRequest>(CommandLine.Parse(["-e", "repl", "test"]));
        Assert.Equal(new ScriptInput.Code("repl"), code.Input);
        Assert.Equal(["test"], code.Args);
    }

    [Fact]
    public void HelpAndVersionWin()
    {
        Assert.IsType<HelpRequest>(CommandLine.Parse(["--max-steps", "5", "--help"]));
        Assert.IsType<VersionRequest>(CommandLine.Parse(["--version"]));
    }

    [Fact]
    public void BadValuesAreUsageErrorsNamingTheOption()
    {
        var error = Assert.IsType<UsageError>(CommandLine.Parse(["--max-steps", "many", "f.grad"]));
        Assert.Contains("--max-steps", error.Message);
        Assert.Contains("'many'", error.Message);
    }

    // Command lines that start with the script skip System.CommandLine (for start-up time); the
    // full parse must agree with that shortcut on every one of them.
    [Theory]
    [InlineData("f.grad")]
    [InlineData("f.grad", "--timeout", "3", "-e", "x")]
    [InlineData("./test", "repl")]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("-", "--help", "a")]
    [InlineData("-e", "print(1)")]
    [InlineData("-e", "print(1)", "--max-steps", "5", "-")]
    [InlineData("--eval", "x = 1", "a", "b")]
    [InlineData("-e", "--help")]
    [InlineData("-e", "-e")]
    [InlineData("-e", "")]
    public void AScriptFirstIsParsedAsTheFullParserDoes(params string[] args)
    {
        var quick = Assert.IsType<ScriptRequest>(CommandLine.Parse(args));
        var full = Assert.IsType<ScriptRequest>(CommandLine.ParseFully(args));
        Assert.Equal(full.Input, quick.Input);
        Assert.Equal(full.Limits, quick.Limits);
        Assert.Equal(full.Args, quick.Args);
    }

    [Fact]
    public void EverySubcommandIsKnownToTheShortcut()
    {
        var subcommands = new CommandLine().Root.Subcommands.Select(c => c.Name).ToList();
        Assert.NotEmpty(subcommands);
        Assert.All(subcommands, name => Assert.True(CommandLine.IsSubcommand(name), $"'{name}' would run as a script file"));
    }

    [Fact]
    public void TheVersionHasNoCommitSuffix()
    {
        Assert.Equal("0.1.0", HelpText.Version);
    }
}
