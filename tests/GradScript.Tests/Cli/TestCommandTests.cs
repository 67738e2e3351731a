namespace GradScript.Tests.Cli;

using GradScript.Cli;
using Xunit;

/// <summary><c>gradscript test</c> and <see cref="GoldenRunner"/> on temporary directories (docs/cli.md).</summary>
public class TestCommandTests
{
    [Fact]
    public void PassingTestsExitZeroAndEndWithTheSummaryLine()
    {
        using var dir = new TempDirectory();
        dir.Write("b.grad", "print(1 + 1)\n");
        dir.Write("b.out", "2\n");
        dir.Write("a/c.grad", "print(\"c\")\n");
        dir.Write("a/c.out", "c\n");
        var outcome = CliRun.Run("test", dir.Path);
        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(
            [$"PASS {Path.Combine(dir.Path, "a", "c.grad")}", $"PASS {Path.Combine(dir.Path, "b.grad")}", "2 passed, 0 failed"],
            outcome.StdoutLines);
    }

    [Fact]
    public void AWrongOutputFailsWithAUnifiedDiff()
    {
        using var dir = new TempDirectory();
        dir.Write("ok.grad", "print(1)\n");
        dir.Write("ok.out", "1\n");
        string wrong = dir.Write("wrong.grad", "print(\"a\")\nprint(\"b\")\nprint(\"c\")\n");
        dir.Write("wrong.out", "a\nx\nc\n");
        var outcome = CliRun.Run("test", dir.Path);
        Assert.Equal(ExitCodes.TestsFailed, outcome.ExitCode);
        Assert.Contains($"FAIL {wrong}\n", outcome.Stdout);
        Assert.Contains("    --- wrong.out (expected)\n    +++ stdout (actual)\n    @@ -1,3 +1,3 @@\n     a\n    -x\n    +b\n     c\n", outcome.Stdout);
        Assert.Equal("1 passed, 1 failed", outcome.StdoutLines[^1]);
    }

    [Fact]
    public void ExpectedErrorsCheckTheExitStatusAndStderr()
    {
        using var dir = new TempDirectory();
        dir.Write("syntax.grad", "# expect error: unexpected\nprint(1))\n");
        dir.Write("runtime.grad", "# expect runtime error: runtime.grad:3:9: runtime error: division by zero\nprint(\"before\")\nprint(1 / 0)\n");
        dir.Write("runtime.out", "before\n");
        string missing = dir.Write("nothrow.grad", "# expect runtime error: division by zero\nprint(1)\n");
        string wrongPart = dir.Write("part.grad", "# expect runtime error: some other message\nprint(1 / 0)\n");
        string wrongKind = dir.Write("kind.grad", "# expect error: division by zero\nprint(1 / 0)\n");
        var outcome = CliRun.Run("test", dir.Path);

        Assert.Equal(ExitCodes.TestsFailed, outcome.ExitCode);
        Assert.Contains($"PASS {Path.Combine(dir.Path, "syntax.grad")}\n", outcome.Stdout);
        Assert.Contains($"PASS {Path.Combine(dir.Path, "runtime.grad")}\n", outcome.Stdout);
        Assert.Contains($"FAIL {missing}\n    expected exit status 70 (runtime error), got 0 (success)\n", outcome.Stdout);
        Assert.Contains($"FAIL {wrongPart}\n    stderr does not contain: some other message\n", outcome.Stdout);
        Assert.Contains($"FAIL {wrongKind}\n    expected exit status 65 (syntax error), got 70 (runtime error)\n", outcome.Stdout);
        Assert.Equal("2 passed, 3 failed", outcome.StdoutLines[^1]);
    }

    [Fact]
    public void AMissingOutFileFailsUnlessUpdating()
    {
        using var dir = new TempDirectory();
        string test = dir.Write("new.grad", "print(\"fresh\")\n");
        var failing = CliRun.Run("test", test);
        Assert.Equal(ExitCodes.TestsFailed, failing.ExitCode);
        Assert.Contains("new.out is missing", failing.Stdout);
        Assert.Contains("+fresh", failing.Stdout);

        var updating = CliRun.Run("test", "--update", test);
        Assert.Equal(0, updating.ExitCode);
        Assert.Equal([$"PASS {test} (updated .out)", "1 passed, 0 failed"], updating.StdoutLines);
        Assert.Equal("fresh\n", File.ReadAllText(Path.Combine(dir.Path, "new.out")));

        Assert.Equal(0, CliRun.Run("test", test).ExitCode);
    }

    [Fact]
    public void UpdateRewritesWrongOutputButNotForAScriptThatFails()
    {
        using var dir = new TempDirectory();
        dir.Write("a.grad", "print(2)\n");
        string aOut = dir.Write("a.out", "1\n");
        dir.Write("crash.grad", "print(\"partial\")\nprint(1 / 0)\n");
        string crashOut = dir.Write("crash.out", "old\n");
        var outcome = CliRun.Run("test", dir.Path, "--update");
        Assert.Equal(ExitCodes.TestsFailed, outcome.ExitCode);
        Assert.Equal("2\n", File.ReadAllText(aOut));
        Assert.Equal("old\n", File.ReadAllText(crashOut));
        Assert.Equal("1 passed, 1 failed", outcome.StdoutLines[^1]);
    }

    [Fact]
    public void WithoutAPathOnlyScriptsWithAnOutRunAndBuildOutputAndHiddenFoldersAreSkipped()
    {
        using var dir = new TempDirectory();
        string golden = dir.Write("tests/a.grad", "print(1)\n");
        dir.Write("tests/a.out", "1\n");
        dir.Write("src/library.grad", "def f() { }\n");
        foreach (string skipped in new[] { "bin/Debug", "obj", ".git", "tests/.cache" })
        {
            dir.Write($"{skipped}/copy.grad", "print(1)\n");
            dir.Write($"{skipped}/copy.out", "1\n");
        }
        Assert.Equal([golden], GoldenFiles.FindImplicit(dir.Path));
        var named = GoldenFiles.InDirectory(dir.Path).Order(StringComparer.Ordinal).ToList();
        Assert.Equal([Path.Combine(dir.Path, "src", "library.grad"), golden], named);
    }

    [Fact]
    public void ANonexistentPathIsExit66()
    {
        var outcome = CliRun.Run("test", "/no/such/tests");
        Assert.Equal(ExitCodes.NoInput, outcome.ExitCode);
        Assert.Contains("cannot open '/no/such/tests'", outcome.Stderr);
    }

    [Fact]
    public void AnEmptyDirectoryPassesWithAWarning()
    {
        using var dir = new TempDirectory();
        var outcome = CliRun.Run("test", dir.Path);
        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal("0 passed, 0 failed\n", outcome.Stdout);
        Assert.Contains("no *.grad tests", outcome.Stderr);
    }

    [Fact]
    public void EachTestHasATimeLimit()
    {
        using var dir = new TempDirectory();
        string test = dir.Write("loop.grad", "while true { }\n");
        var result = new GoldenRunner(limits: new RunLimits(Timeout: TimeSpan.FromMilliseconds(200))).RunOne(test);
        Assert.False(result.Passed);
        Assert.Contains("time limit exceeded", result.Message);
    }

    [Fact]
    public void ErrorsNameTheTestByItsFileNameOnly()
    {
        using var dir = new TempDirectory();
        string test = dir.Write("deep/er/div.grad", "# expect runtime error: div.grad:2:7: runtime error: division by zero\nx = 1 / 0\n");
        Assert.True(new GoldenRunner().RunOne(test).Passed);
    }

    [Fact]
    public void ExpectationsComeOnlyFromCommentLines()
    {
        var test = GoldenTest.Parse("t.grad", "print(\"# expect error: no\")\n  # expect runtime error:  first \n#expect runtime error: second\n");
        Assert.Equal(GoldenTest.Outcome.RuntimeError, test.Expected);
        Assert.Equal(["first", "second"], test.StderrParts);
        Assert.Equal(GoldenTest.Outcome.Success, GoldenTest.Parse("t.grad", "print(1)\n").Expected);
        Assert.Throws<FormatException>(() => GoldenTest.Parse("t.grad", "# expect error: a\n# expect runtime error: b\n"));
    }
}
