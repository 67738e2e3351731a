namespace GradScript.Tests.Cli;

using GradScript.Cli;
using Xunit;

/// <summary>Running scripts from the command line: inputs, args, limits and exit statuses (docs/language.md §9 and docs/cli.md).</summary>
public class RunCommandTests
{
    [Fact]
    public void RunsAFileAndExitsZero()
    {
        using var dir = new TempDirectory();
        string script = dir.Write("hello.grad", "print(\"hello\", 1 + 1)\n");
        var outcome = CliRun.Run(script);
        Assert.Equal((0, "hello 2\n", ""), (outcome.ExitCode, outcome.Stdout, outcome.Stderr));
    }

    [Fact]
    public void EverythingAfterTheFileGoesToArgsUntouched()
    {
        using var dir = new TempDirectory();
        string script = dir.Write("args.grad", "print(args)\nprint(len(args))\n");
        var outcome = CliRun.Run("--max-steps", "1000", script, "a", "--timeout", "-x", "--help", "");
        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal("[\"a\", \"--timeout\", \"-x\", \"--help\", \"\"]\n5\n", outcome.Stdout);
    }

    [Fact]
    public void ArgsIsAnEmptyListWhenNoneAreGiven()
    {
        Assert.Equal("[]\n", CliRun.Run("-e", "print(args)").Stdout);
    }

    [Fact]
    public void EvalRunsCodeNamedStringAndPassesTheRestAsArgs()
    {
        var outcome = CliRun.Run("-e", "print(args[0] + args[1])", "x", "-e");
        Assert.Equal((0, "x-e\n"), (outcome.ExitCode, outcome.Stdout));

        var failure = CliRun.Run("--eval", "print(1/0)");
        Assert.Equal(ExitCodes.RuntimeError, failure.ExitCode);
        Assert.StartsWith("<string>:1:8: runtime error: division by zero\n", failure.Stderr);
    }

    [Fact]
    public void DashRunsStandardInputNamedStdin()
    {
        var outcome = CliRun.WithStdin("print(\"from stdin\", args)\n", "-", "one");
        Assert.Equal((0, "from stdin [\"one\"]\n"), (outcome.ExitCode, outcome.Stdout));

        var failure = CliRun.WithStdin("x = (\n", "-");
        Assert.Equal(ExitCodes.SyntaxError, failure.ExitCode);
        Assert.StartsWith("<stdin>:", failure.Stderr);
    }

    [Fact]
    public void NoArgumentsWithPipedStdinRunsStdin()
    {
        var outcome = CliRun.WithStdin("print(6 * 7)\n");
        Assert.Equal((0, "42\n"), (outcome.ExitCode, outcome.Stdout));
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("-x", "file.grad")]
    [InlineData("--timeout")]
    [InlineData("--timeout", "soon", "file.grad")]
    [InlineData("--timeout", "0", "file.grad")]
    [InlineData("--timeout", "-1", "file.grad")]
    [InlineData("--timeout", "nan", "file.grad")]
    [InlineData("--max-steps", "1.5", "file.grad")]
    [InlineData("--max-steps", "0", "file.grad")]
    [InlineData("--max-depth", "99999999999", "file.grad")]
    [InlineData("-e")]
    [InlineData("test", "--bogus")]
    [InlineData("test", "--timeout", "x")]
    [InlineData("repl", "extra")]
    public void BadUsageIsExit64WithOneLineAndAHint(params string[] args)
    {
        var outcome = CliRun.Run(args);
        Assert.Equal(ExitCodes.Usage, outcome.ExitCode);
        Assert.Equal("", outcome.Stdout);
        Assert.Equal(2, outcome.StderrLines.Length);
        Assert.StartsWith("gradscript: ", outcome.StderrLines[0]);
        // A subcommand's usage error points at that subcommand's help.
        string help = args[0] is "test" or "repl" or "graph" ? $"gradscript {args[0]} --help" : "gradscript --help";
        Assert.Equal($"Try '{help}'.", outcome.StderrLines[1]);
    }

    [Fact]
    public void UnknownOptionIsNamed()
    {
        Assert.Equal("gradscript: unknown option '--bogus'", CliRun.Run("--bogus", "x.grad").StderrLines[0]);
    }

    [Fact]
    public void MissingFileIsExit66()
    {
        var outcome = CliRun.Run("no/such/script.grad", "arg");
        Assert.Equal(ExitCodes.NoInput, outcome.ExitCode);
        Assert.Equal("gradscript: cannot open 'no/such/script.grad': No such file or directory\n", outcome.Stderr);
    }

    [Fact]
    public void DirectoryIsExit66()
    {
        using var dir = new TempDirectory();
        var outcome = CliRun.Run(dir.Path);
        Assert.Equal(ExitCodes.NoInput, outcome.ExitCode);
        Assert.Equal($"gradscript: cannot open '{dir.Path}': Is a directory\n", outcome.Stderr);
    }

    [Fact]
    public void DoubleDashMakesTheNextTokenTheFile()
    {
        var outcome = CliRun.Run("--", "-e", "print(1)");
        Assert.Equal(ExitCodes.NoInput, outcome.ExitCode);
        Assert.Contains("cannot open '-e'", outcome.Stderr);
    }

    [Fact]
    public void DetectAnomalyMakesTheFirstNaNAnErrorAtItsOperation()
    {
        const string code = "w = param(-1.0)\ny = sqrt(w) + 1\nprint(y)";
        var plain = CliRun.Run("-e", code);
        Assert.Equal((0, "nan\n"), (plain.ExitCode, plain.Stdout));
        var checkedRun = CliRun.Run("--detect-anomaly", "-e", code);
        Assert.Equal(ExitCodes.RuntimeError, checkedRun.ExitCode);
        Assert.StartsWith("<string>:2:5: runtime error: anomaly: sqrt() gave nan", checkedRun.Stderr);
    }

    [Fact]
    public void MaxStepsStopsAnEndlessLoopWithExit70()
    {
        var outcome = CliRun.Run("--max-steps", "1000", "-e", "while true { }");
        Assert.Equal(ExitCodes.RuntimeError, outcome.ExitCode);
        Assert.StartsWith("<string>:1:1: runtime error: step limit exceeded", outcome.Stderr);
    }

    [Fact]
    public void TimeoutStopsAnEndlessLoopWithExit70()
    {
        var outcome = CliRun.Run("--timeout", "0.2", "-e", "x = 0\nwhile true { x += 1 }");
        Assert.Equal(ExitCodes.RuntimeError, outcome.ExitCode);
        Assert.Contains("runtime error: time limit exceeded (0.2 s)", outcome.Stderr);
    }

    [Fact]
    public void MaxDepthLimitsRecursion()
    {
        const string Script = "def down(n) { if n == 0 { return 0 } return down(n - 1) }\nprint(down(200))";
        Assert.Equal((0, "0\n"), (CliRun.Run("-e", Script).ExitCode, CliRun.Run("-e", Script).Stdout));

        var limited = CliRun.Run("--max-depth", "50", "-e", Script);
        Assert.Equal(ExitCodes.RuntimeError, limited.ExitCode);
        Assert.Contains("runtime error: maximum call depth exceeded", limited.Stderr);
    }

    [Fact]
    public void DeepRecursionUpToTheDefaultLimitDoesNotCrash()
    {
        const string Script = "def down(n) { if n == 0 { return 0 } return 1 + down(n - 1) }\nprint(down(990))\nprint(down(5000))";
        var outcome = CliRun.Run("-e", Script);
        Assert.Equal("990\n", outcome.Stdout);
        Assert.Equal(ExitCodes.RuntimeError, outcome.ExitCode);
        Assert.Contains("maximum call depth exceeded", outcome.Stderr);
    }

    [Fact]
    public void OutputPrintedBeforeAnErrorIsKept()
    {
        var outcome = CliRun.Run("-e", "print(\"first\")\nprint(undefined_name)");
        Assert.Equal("first\n", outcome.Stdout);
        Assert.Equal(ExitCodes.RuntimeError, outcome.ExitCode);
    }

    [Fact]
    public void VersionPrintsTheNameAndVersionWithoutCommit()
    {
        var outcome = CliRun.Run("--version");
        Assert.Equal((0, "gradscript 0.1.0\n", ""), (outcome.ExitCode, outcome.Stdout, outcome.Stderr));
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("--timeout", "bad", "--help")]
    public void HelpListsUsageAndOptions(params string[] args)
    {
        var outcome = CliRun.Run(args);
        Assert.Equal(0, outcome.ExitCode);
        foreach (string expected in new[] { "gradscript [OPTIONS] FILE.grad [ARGS...]", "-e, --eval CODE", "--timeout SECONDS", "--max-steps N", "--max-depth N", "--version", "gradscript test" })
            Assert.Contains(expected, outcome.Stdout);
        Assert.DoesNotContain("\r", outcome.Stdout);
    }

    [Fact]
    public void TestHelpDescribesTheTestCommand()
    {
        var outcome = CliRun.Run("test", "--help");
        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("gradscript test [PATH...]", outcome.Stdout);
        Assert.Contains("--update", outcome.Stdout);
    }

    [Fact]
    public void InterruptedRunExits130WithKeyboardInterrupt()
    {
        using var interrupt = new CancellationTokenSource();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var console = new CliConsole(new StringReader(""), stdout, stderr, IsInteractive: false, interrupt.Token);
        interrupt.CancelAfter(TimeSpan.FromMilliseconds(200));
        int exitCode = GradScript.Cli.Cli.Run(["-e", "print(\"started\")\nwhile true { }"], console);
        Assert.Equal(ExitCodes.Interrupted, exitCode);
        Assert.Equal("started\n", stdout.ToString());
        Assert.Equal("KeyboardInterrupt\n", stderr.ToString());
    }
}
