namespace GradScript.Tests.Embedding;

using System.Diagnostics;

/// <summary>
/// Each limit stops a run with a ScriptLimitException at a place, resets per run, and leaves the engine usable.
/// Where promptness is the behaviour, the tests bound what the machine's load does not change: the
/// processor time of the run's thread (<see cref="ThreadCpuTime"/>) or the steps it takes after the
/// stop was asked for; wall-clock bounds are only there to catch a hang, and generous.
/// </summary>
[Collection(TimingCollection.Name)]
public class LimitTests
{
    // Only to tell a hang from a slow stop: the suite's one hang guard. Promptness itself is
    // bounded in processor time and steps below.
    private static readonly TimeSpan Hang = SmallStack.HangTimeout;

    [Fact]
    public void ATimeoutStopsAnEndlessLoopPromptly()
    {
        var engine = new Engine(new EngineOptions { Timeout = TimeSpan.FromMilliseconds(100) });
        var compiled = engine.Compile("while true { }", "spin.grad");
        Assert.Throws<ScriptLimitException>(() => engine.Run(compiled));   // warm-up: JIT compilation is not the limit's latency
        var worst = TimeSpan.Zero;
        for (int run = 0; run < 20; run++)
        {
            var clock = Stopwatch.StartNew();
            ScriptLimitException? error = null;
            // The loop may use the processor for the 100 ms and a little more: a busy machine gives
            // it less, never more.
            var used = ThreadCpuTime.Of(() => error = Assert.Throws<ScriptLimitException>(() => engine.Run(compiled)));
            Assert.True(clock.Elapsed < Hang, $"stopped after {clock.Elapsed.TotalSeconds} s");
            Assert.Contains("time limit exceeded", error!.Message);
            Assert.Equal(("spin.grad", 1, 1), (error.SourceName, error.Line, error.Column));
            if (used > worst) worst = used;
        }
        Assert.True(worst < TimeSpan.FromMilliseconds(150), $"slowest stop took {worst.TotalMilliseconds} ms of processor time");
    }

    [Fact]
    public void ATimeoutStopsALoopOfSlowStepsAtTheFirstStepPastTheDeadline()
    {
        // Each step makes a 32 MB string: the limits used to be looked at only every 1024 steps,
        // many seconds past a 100 ms deadline. Counted in steps, which load does not change: the run
        // stops at the first step that begins after the deadline.
        var engine = new Engine(new EngineOptions { Timeout = TimeSpan.FromMilliseconds(100) });
        var compiled = engine.Compile("while true { s = \"x\" * 2^24 }", "slow.grad");
        Assert.Throws<ScriptLimitException>(() => engine.Run(compiled));
        var clock = Stopwatch.StartNew();
        long stepsAtDeadline = -1;
        // The watch fires after the engine's deadline (100 ms from the start of the run, which begins
        // right after this line), so every step it counts is one begun past the deadline: at most the
        // one in progress and the one that sees the deadline. (Fired at 100 ms, it could come before
        // the deadline, and on a quiet machine count the fast steps still due then.)
        using var watch = new Timer(_ => Interlocked.CompareExchange(ref stepsAtDeadline, engine.Steps, -1), null, 150, Timeout.Infinite);
        Assert.Contains("time limit exceeded", Assert.Throws<ScriptLimitException>(() => engine.Run(compiled)).Message);
        Assert.True(clock.Elapsed < Hang, $"stopped after {clock.Elapsed.TotalSeconds} s");
        // The watch may fire late on a busy machine, or after the run (then it saw the final count).
        if (Interlocked.Read(ref stepsAtDeadline) is >= 0 and var atDeadline)
            Assert.InRange(engine.Steps - atDeadline, 0, 2);
    }

    [Fact]
    public void CancellationStopsALoopOfSlowStepsQuickly() =>
        AssertCancellationStopsWithinAStep("while true { s = \"x\" * 2^24 }", TimeSpan.FromMilliseconds(100));

    [Fact]
    public void ARunAfterATimedOutRunKeepsItsOwnDeadline()
    {
        var engine = new Engine(new EngineOptions { Timeout = TimeSpan.FromMilliseconds(500) });
        Assert.Throws<ScriptLimitException>(() => engine.Run("while true { }"));
        engine.Run("n = 0\nfor i in 0..10000 { n += i }");   // short: finishes well within its own 500 ms
        Assert.Equal(49995000L, engine.GetGlobal("n"));
    }

    [Fact]
    public void ATimeoutStopsALongBuiltin()
    {
        var engine = new Engine(new EngineOptions { Timeout = TimeSpan.FromMilliseconds(100) });
        Assert.Contains("time limit", Assert.Throws<ScriptLimitException>(() => engine.Run("sum(0..10^12)")).Message);
    }

    [Fact]
    public void MaxStepsStopsAtTheStepAfterTheLimit()
    {
        var engine = new Engine(new EngineOptions { MaxSteps = 1000 });
        engine.Run("n = 0\nfor i in 0..999 { n += 1 }");   // 999 iterations: within the limit
        Assert.Equal(999, engine.Steps);
        var error = Assert.Throws<ScriptLimitException>(() => engine.Run("n = 0\nwhile true { n += 1 }"));
        Assert.Contains("step limit exceeded", error.Message);
        Assert.Equal(1001, engine.Steps);
        Assert.Equal(1001L, engine.GetGlobal("n"));
    }

    [Fact]
    public void CancellationFromAnotherThreadStopsARunQuickly() =>
        AssertCancellationStopsWithinAStep("while true { }", TimeSpan.FromMilliseconds(50));

    /// <summary>
    /// Cancels a run of <paramref name="script"/> from this thread after <paramref name="after"/>:
    /// the run must end in OperationCanceledException within a step of the cancellation (counted in
    /// steps, which the machine's load does not change), and the engine must work afterwards.
    /// </summary>
    private static void AssertCancellationStopsWithinAStep(string script, TimeSpan after)
    {
        var engine = new Engine();
        using var source = new CancellationTokenSource();
        Exception? ending = null;
        long stepsAtStop = -1;
        var runner = new Thread(() =>
        {
            try { engine.Run(script, "slow.grad", source.Token); }
            catch (Exception e) { ending = e; }
            stepsAtStop = engine.Steps;
        });
        runner.Start();
        Thread.Sleep(after);
        source.Cancel();
        // Cancel() has told the run before it returns; the step under way may finish, the next one may not.
        long stepsAtCancel = engine.Steps;
        Assert.True(runner.Join(Hang), $"still running {Hang.TotalSeconds} s after the cancellation");
        Assert.IsAssignableFrom<OperationCanceledException>(ending);
        Assert.InRange(stepsAtStop - stepsAtCancel, 0, 1);
        Assert.Equal(2L, engine.Evaluate("1 + 1"));
    }

    [Fact]
    public void TheCallDepthLimitAppliesAndTheRealStackIsGuardedAnyway()
    {
        var engine = new Engine(new EngineOptions { MaxCallDepth = 50 });
        engine.Run("def down(n) { if n == 0 { return 0 } return down(n - 1) }");
        Assert.Equal(0L, engine.Evaluate("down(49)"));
        Assert.Contains("maximum call depth exceeded", Assert.Throws<ScriptLimitException>(() => engine.Run("down(50)")).Message);

        // A limit larger than the stack allows still ends in a clean error, on a small thread.
        var caught = SmallStack.Run(
            () => new Engine(new EngineOptions { MaxCallDepth = int.MaxValue }).Run("def f(n) { return f(n + 1) }\nf(0)"), 256 * 1024);
        Assert.IsType<ScriptLimitException>(caught);
    }

    [Fact]
    public void MaxGraphNodesLimitsRecordedOperationsPerRun()
    {
        var engine = new Engine(new EngineOptions { MaxGraphNodes = 100 });
        engine.Run("w = param(1.0)\nfor i in 0..50 { l = w * 2 }");          // 50 operations
        engine.Run("for i in 0..50 { l = w * 2 }");                          // counted afresh
        var error = Assert.Throws<ScriptLimitException>(() => engine.Run("for i in 0..101 { l = w * 2 }"));
        Assert.Contains("graph limit exceeded", error.Message);
        engine.Run("no_grad { for i in 0..1000 { l = w * 2 } }");           // nothing recorded
    }
}

/// <summary>
/// Tests that measure time bounds run in this collection, which xunit runs alone after the
/// others: on a two-core machine, parallel builds of other tests would measure the machine's load.
/// So do tests that count what a loop allocates while the tape's storage comes back only after a
/// collection, which other tests' threads would set off at moments of their own.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "timing";
}
