namespace GradScript.Tests.Tier;

using System.Diagnostics;

/// <summary>
/// Every limit stops a compiled loop as it stops an interpreted one: steps are counted at the same
/// places (so a step limit stops at the same step, with the same message and place), and the
/// timeout and cancellation are seen at the compiled back-edge. Promptness is bounded in steps and
/// processor time, not wall-clock time (see LimitTests).
/// </summary>
[Collection(Embedding.TimingCollection.Name)]
public class CompiledLimitTests
{
    [Theory]
    [InlineData("while true { x = 1.0 * 2 }")]
    [InlineData("def f(x) { return x + 1 }\ni = 0\nwhile true { i = f(i) }")]
    [InlineData("def spin() {\n    for i in range(1000000000) { y = i * 0.5 }\n}\nspin()")]
    public void AStepLimitStopsACompiledLoopAtTheInterpretersStep(string source)
    {
        var interpreted = TierRun.Of(source, Tiering.InterpreterOnly, maxSteps: 5000);
        Assert.Contains("step limit exceeded (more than 5000 steps)", interpreted.Error);
        Assert.Equal(interpreted, TierRun.Of(source, Tiering.CompileImmediately, maxSteps: 5000));
        Assert.Equal(interpreted, TierRun.Of(source, Tiering.Adaptive, maxSteps: 5000));
    }

    [Fact]
    public void StepsAreCountedAlikeInBothTiers()
    {
        const string source = """
            def f(n) {
                s = 0
                for i in range(n) { if i % 3 == 0 { continue } s += i; if s > 500 { break } }
                k = 0
                while k < n { k += 1 }
                return s
            }
            t = 0
            for j in range(50) { t += f(j) }
            print(t)
            """;
        var interpreted = TierRun.Of(source, Tiering.InterpreterOnly);
        Assert.Null(interpreted.Error);
        Assert.Equal(interpreted, TierRun.Of(source, Tiering.CompileImmediately));
    }

    [Fact]
    public void ATimeoutStopsACompiledEndlessLoop()
    {
        var engine = new Engine(new EngineOptions { Tiering = Tiering.CompileImmediately, Timeout = TimeSpan.FromMilliseconds(200) });
        var compiled = engine.Compile("def f(x) { return x * 1.0 }\nx = 1.0\nwhile true { x = f(x) }", "spin.grad");
        var clock = Stopwatch.StartNew();
        ScriptLimitException? error = null;
        var used = ThreadCpuTime.Of(() => error = Assert.Throws<ScriptLimitException>(() => engine.Run(compiled)));
        Assert.True(clock.Elapsed < SmallStack.HangTimeout, $"stopped after {clock.Elapsed.TotalSeconds} s");
        Assert.StartsWith("time limit exceeded", error!.Message);
        Assert.Equal(3, error.Line);
        Assert.True(used < TimeSpan.FromSeconds(5), $"the stop took {used.TotalMilliseconds} ms of processor time");
        Assert.True(TierRun.IsCompiled(engine, "f"));
    }

    [Fact]
    public void CancellationStopsACompiledLoop()
    {
        var engine = new Engine(new EngineOptions { Tiering = Tiering.CompileImmediately });
        using var cancel = new CancellationTokenSource();
        engine.SetFunction("stop_after", (double n) => { if (engine.Steps >= n) cancel.Cancel(); return 0.0; });
        var clock = Stopwatch.StartNew();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            engine.Run("i = 0\nwhile true { i = i + 1\n if i % 100 == 0 { stop_after(10000) } }", "cancel.grad", cancel.Token));
        Assert.True(clock.Elapsed < SmallStack.HangTimeout);
        // The token is looked at on the next step after it fires: at most a clock interval of steps later.
        Assert.InRange(engine.Steps, 10000, 10000 + 100 + 1024);
    }

    [Fact]
    public void TheCallDepthLimitHoldsInCompiledRecursion()
    {
        const string source = "def down(n) { return down(n + 1) }\ndown(0)";
        var interpreted = TierRun.Of(source, Tiering.InterpreterOnly);
        Assert.Contains("maximum call depth exceeded", interpreted.Error);
        Assert.Equal(interpreted, TierRun.Of(source, Tiering.CompileImmediately));
    }
}
