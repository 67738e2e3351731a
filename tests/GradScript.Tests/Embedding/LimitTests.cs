namespace GradScript.Tests.Embedding;

using System.Diagnostics;

/// <summary>Each limit stops a run with a ScriptLimitException at a place, resets per run, and leaves the engine usable.</summary>
[Collection(TimingCollection.Name)]
public class LimitTests
{
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
            var error = Assert.Throws<ScriptLimitException>(() => engine.Run(compiled));
            clock.Stop();
            Assert.Contains("time limit exceeded", error.Message);
            Assert.Equal(("spin.grad", 1, 1), (error.SourceName, error.Line, error.Column));
            if (clock.Elapsed > worst) worst = clock.Elapsed;
        }
        Assert.True(worst < TimeSpan.FromMilliseconds(150), $"slowest stop took {worst.TotalMilliseconds} ms");
    }

    [Fact]
    public void ATimeoutStopsALoopOfSlowStepsAtTheFirstStepPastTheDeadline()
    {
        // Each step makes a 32 MB string: the limits used to be looked at only every 1024 steps,
        // many seconds past a 100 ms deadline.
        var engine = new Engine(new EngineOptions { Timeout = TimeSpan.FromMilliseconds(100) });
        var compiled = engine.Compile("while true { s = \"x\" * 2^24 }", "slow.grad");
        Assert.Throws<ScriptLimitException>(() => engine.Run(compiled));
        var clock = Stopwatch.StartNew();
        Assert.Contains("time limit exceeded", Assert.Throws<ScriptLimitException>(() => engine.Run(compiled)).Message);
        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(400), $"stopped after {clock.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public void CancellationStopsALoopOfSlowStepsQuickly()
    {
        var engine = new Engine();
        using var source = new CancellationTokenSource();
        var stopped = TimeSpan.Zero;
        var clock = new Stopwatch();
        var runner = new Thread(() =>
        {
            try { engine.Run("while true { s = \"x\" * 2^24 }", "slow.grad", source.Token); }
            catch (OperationCanceledException) { stopped = clock.Elapsed; }
        });
        runner.Start();
        Thread.Sleep(100);
        clock.Start();
        source.Cancel();
        runner.Join();
        Assert.InRange(stopped, TimeSpan.FromTicks(1), TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void ARunAfterATimedOutRunKeepsItsOwnDeadline()
    {
        var engine = new Engine(new EngineOptions { Timeout = TimeSpan.FromMilliseconds(50) });
        Assert.Throws<ScriptLimitException>(() => engine.Run("while true { }"));
        engine.Run("n = 0\nfor i in 0..10000 { n += i }");   // short: finishes well within its own 50 ms
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
    public void CancellationFromAnotherThreadStopsARunQuickly()
    {
        var engine = new Engine();
        using var source = new CancellationTokenSource();
        TimeSpan? stopped = null;
        Exception? other = null;
        var clock = new Stopwatch();
        var runner = new Thread(() =>
        {
            try { engine.Run("while true { }", "spin.grad", source.Token); }
            catch (OperationCanceledException) { stopped = clock.Elapsed; }
            catch (Exception e) { other = e; }
        });
        runner.Start();
        Thread.Sleep(50);
        clock.Start();
        source.Cancel();
        Assert.True(runner.Join(TimeSpan.FromSeconds(30)), "the run went on after its cancellation");
        // The run must end by observing the cancellation, not in some other way.
        Assert.Null(other);
        Assert.NotNull(stopped);
        Assert.InRange(stopped.Value, TimeSpan.Zero, TimeSpan.FromMilliseconds(25));
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
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "timing";
}
