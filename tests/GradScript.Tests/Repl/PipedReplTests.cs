namespace GradScript.Tests.Repl;

using GradScript.Cli.Repl;
using GradScript.Tests.Cli;

/// <summary><c>gradscript repl</c> with piped input (issue 3, item 6): prompts, echo, errors that do not end the session, exit 0.</summary>
public class PipedReplTests
{
    [Fact]
    public void APipedSessionEchoesOnStdoutAndPromptsAndErrorsOnStderr()
    {
        var outcome = CliRun.WithStdin("x = 2\nx * 21\n1 / 0\ndef f(a) {\n  return a + 1\n}\nf(x)\n\"done\"\n", "repl");
        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal("42\n3\n\"done\"\n", outcome.Stdout);
        Assert.Equal(
            ReplLoop.Banner + "\n>>> >>> >>> <repl-3>:1:3: runtime error: division by zero\n    1 / 0\n      ^\n>>> ... ... >>> >>> >>> ",
            outcome.Stderr);
    }

    [Fact]
    public void EveryKindOfFailureLeavesTheSessionRunningAndTheExitStatusZero()
    {
        string input = string.Join("\n",
            "n = 1",
            new string('(', 100_000),
            "def down(k) { return down(k + 1) }",
            "down(0)",
            "1 +* 2",
            ":nope",
            "n + 1",
            "") ;
        var outcome = CliRun.WithStdin(input, "repl");
        Assert.Equal((0, "2\n"), (outcome.ExitCode, outcome.Stdout));
        Assert.Contains("<repl-2>:1:257: error: too many nested brackets", outcome.Stderr);
        Assert.Contains("<repl-3>:1:22: runtime error: maximum call depth exceeded", outcome.Stderr);
        Assert.Contains("<repl-5>:1:4: error:", outcome.Stderr);
        Assert.Contains("unknown command ':nope'", outcome.Stderr);
    }

    [Fact]
    public void TheTimeoutOptionLimitsEachStatement()
    {
        var outcome = CliRun.WithStdin("while true { }\n1 + 1\n", "repl", "--timeout", "0.2");
        Assert.Equal((0, "2\n"), (outcome.ExitCode, outcome.Stdout));
        Assert.Contains("<repl-1>:1:", outcome.Stderr);
        Assert.Contains("time limit exceeded (0.2 s)", outcome.Stderr);
    }

    [Fact]
    public void AnIfAtTheEndOfPipedInputRunsAtTheEndAndAnElseOnTheNextLineIsItsOwn()
    {
        var atEnd = CliRun.WithStdin("x = 1\nif x > 0 {\n  print(\"positive\")\n}\n", "repl");
        Assert.Equal((0, "positive\n"), (atEnd.ExitCode, atEnd.Stdout));
        Assert.DoesNotContain("error", atEnd.Stderr);

        var withElse = CliRun.WithStdin("x = 1\nif x > 1 {\n  print(\"big\")\n}\nelse {\n  print(\"small\")\n}\n", "repl");
        Assert.Equal((0, "small\n"), (withElse.ExitCode, withElse.Stdout));
        Assert.Equal(ReplLoop.Banner + "\n>>> >>> ... ... ... ... ... >>> ", withElse.Stderr);
    }

    [Fact]
    public void AnUnfinishedInputAtTheEndIsReported()
    {
        var outcome = CliRun.WithStdin("print(1,\n", "repl");
        Assert.Equal((0, ""), (outcome.ExitCode, outcome.Stdout));
        Assert.Contains("<repl-1>:1:9: error: unexpected end of input", outcome.Stderr);
    }

    [Fact]
    public void QuitStopsReadingAndEmptyInputIsAnEmptySession()
    {
        var quit = CliRun.WithStdin("1\n:quit\n2\n", "repl");
        Assert.Equal((0, "1\n"), (quit.ExitCode, quit.Stdout));

        var empty = CliRun.WithStdin("", "repl");
        Assert.Equal((0, "", ReplLoop.Banner + "\n>>> "), (empty.ExitCode, empty.Stdout, empty.Stderr));
    }

    [Fact]
    public void PlainGradscriptWithPipedInputStillRunsItAsAScript()
    {
        var outcome = CliRun.WithStdin("x = 6\nx * 7\nprint(x * 7)\n");
        Assert.Equal((0, "42\n", ""), (outcome.ExitCode, outcome.Stdout, outcome.Stderr));
    }
}
