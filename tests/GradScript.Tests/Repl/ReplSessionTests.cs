namespace GradScript.Tests.Repl;

using GradScript.Cli;
using GradScript.Cli.Repl;

/// <summary>Echo, error recovery, Ctrl-C and limits in the REPL's core (issue 3, items 3, 4 and 7).</summary>
public class ReplSessionTests
{
    [Fact]
    public void ExpressionsEchoAsTheyPrintInAList()
    {
        var repl = new SessionDriver();
        Assert.Equal("3\n", repl.Ok("1 + 2"));
        Assert.Equal("0.5\n", repl.Ok("1 / 2"));
        Assert.Equal("\"hi\"\n", repl.Ok("\"hi\""));
        Assert.Equal("[1, 2.0, \"x\"]\n", repl.Ok("[1, 2.0, \"x\"]"));
        Assert.Equal("true\n", repl.Ok("2 > 1"));
        Assert.Equal("<builtin print>\n", repl.Ok("print"));
    }

    [Fact]
    public void NoneStatementsAndAssignmentsEchoNothing()
    {
        var repl = new SessionDriver();
        Assert.Equal("", repl.Ok("none"));
        Assert.Equal("", repl.Ok("x = 5"));
        Assert.Equal("", repl.Ok(""));
        Assert.Equal("", repl.Ok("# a comment"));
        Assert.Equal("hi\n", repl.Ok("print(\"hi\")"));
    }

    [Fact]
    public void EachExpressionStatementOfAnInputEchoes()
    {
        Assert.Equal("1\n2\n", new SessionDriver().Ok("1; 2"));
    }

    [Fact]
    public void ATrackedValueEchoesWithItsGradient()
    {
        var repl = new SessionDriver();
        Assert.Equal("4.0 (grad 0.0)\n", repl.Ok("x = param(4.0); x"));
        Assert.Equal("4.0 (grad -2.0)\n", repl.Ok("y = -2 * x; backward(y); x"));
        Assert.Equal("-8.0 (grad 1.0)\n", repl.Ok("y"));
        Assert.Equal("4.0\n", repl.Ok("value(x)"));
    }

    [Fact]
    public void ARuntimeErrorIsReportedAndTheSessionGoesOnWithItsVariables()
    {
        var repl = new SessionDriver();
        repl.Ok("x = 10", "xs = [1, 2]");
        var (output, error) = repl.Feed("print(x); y = x / 0; print(\"not reached\")");
        Assert.Equal("10\n", output);
        Assert.Equal("<repl-3>:1:17: runtime error: division by zero\n    print(x); y = x / 0; print(\"not reached\")\n                    ^\n", error);
        Assert.Equal("10\n[1, 2]\n", repl.Ok("x", "xs"));
    }

    [Fact]
    public void LinesCountFromEachInputAndFramesPointAtTheirOwnInputs()
    {
        var repl = new SessionDriver();
        repl.Ok("def inverse(v) {", "  return 1 / v", "}");
        var (_, error) = repl.Feed("x = 0", "y = 1; inverse(x)");
        Assert.Equal(
            "<repl-1>:2:12: runtime error: division by zero\n      return 1 / v\n               ^\n  at inverse (<repl-3>:1:8)\n",
            error);
    }

    [Fact]
    public void NoInputEndsTheSession()
    {
        var repl = new SessionDriver();
        repl.Ok("x = 1");
        Assert.Contains("too many nested brackets", repl.Feed(new string('(', 100_000)).Error);
        Assert.Contains("too deeply nested", repl.Feed(string.Concat(Enumerable.Repeat("if x {", 10_000))).Error);
        repl.Ok("def down(n) { return down(n + 1) }");
        Assert.Contains("runtime error: maximum call depth exceeded", repl.Feed("down(0)").Error);
        repl.Ok("def boom() { return [1][5] }");
        Assert.Contains("  at boom (<repl-7>:1:1)", repl.Feed("boom()").Error);
        Assert.Equal("1\n", repl.Ok("x"));
    }

    [Fact]
    public async Task InterruptingARunningInputKeepsTheVariablesAsTheyWere()
    {
        var repl = new SessionDriver();
        var running = Task.Run(() => repl.Session.Feed("i = 0; while true { i += 1; if i == 1000 { print(\"counting\") } }"));
        repl.WaitForOutput("counting\n");
        Assert.Equal(InterruptResult.Cancelled, repl.Session.Interrupt());
        await running.WaitAsync(SmallStack.HangTimeout);
        Assert.Equal(("counting\n", "KeyboardInterrupt\n"), repl.Take());
        Assert.Equal("true\n", repl.Ok("i >= 1000"));
        Assert.False(repl.Session.IsRunning);
        Assert.Equal(InterruptResult.Idle, repl.Session.Interrupt());
    }

    [Fact]
    public async Task InterruptingATrainingLoopLeavesTheParametersToInspect()
    {
        var repl = new SessionDriver();
        repl.Ok("w = param(0.0)");
        // The loop says once when it has converged, and trains on: the interrupt lands in training,
        // after convergence however slowly a loaded machine runs it.
        var running = Task.Run(() => repl.Session.Feed("done = false; while true { l = (3 * w - 6)^2; backward(l); w -= 0.01 * grad(w); " +
            "if not done and abs(value(w) - 2) < 1e-7 { done = true; print(\"converged\") } }"));
        repl.WaitForOutput("converged\n");
        repl.Session.Interrupt();
        await running.WaitAsync(SmallStack.HangTimeout);
        repl.Take();
        Assert.Equal("true\n", repl.Ok("abs(value(w) - 2) < 1e-6"));
        Assert.Matches(@"^w +tracked +data ", repl.Ok(":vars").Split('\n').Single(line => line.StartsWith("w ")));
    }

    [Fact]
    public void TheTimeoutAppliesToEachInput()
    {
        var repl = new SessionDriver(new RunLimits(Timeout: TimeSpan.FromMilliseconds(200)));
        var (_, error) = repl.Feed("n = 0", "while true { n += 1 }");
        Assert.StartsWith("<repl-2>:1:", error);
        Assert.Contains("runtime error: time limit exceeded (0.2 s)", error);
        Assert.Equal("true\n", repl.Ok("n > 0"));
        Assert.Equal("2\n", repl.Ok("for i in 0..1000 { }; 1 + 1"));
    }

    [Fact]
    public void TheStepLimitAppliesToEachInputToo()
    {
        var repl = new SessionDriver(new RunLimits(MaxSteps: 100));
        Assert.Contains("step limit exceeded", repl.Feed("for i in 0..1000 { }").Error);
        Assert.Equal("", repl.Ok("for i in 0..50 { }"));
    }
}
