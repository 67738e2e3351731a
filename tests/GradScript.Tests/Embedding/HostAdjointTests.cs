namespace GradScript.Tests.Embedding;

using System.Runtime.CompilerServices;
using Xunit;

/// <summary>
/// The quick path of <see cref="Engine.CallWithGradient(string, ReadOnlySpan{double}, Span{double})"/>:
/// once a function's generated adjoint has run for the host, later calls check only what can change
/// between calls. Each test first makes that path ready, then changes one of those things and
/// expects what the tape would give: the stack, a second thread, a builtin or the function
/// redefined, anomaly detection, cancellation, and the limits of the runs around it.
/// </summary>
public class HostAdjointTests
{
    private const string Function = """
        def f(x, y) {
            a = x * y
            return tanh(a + x) * y
        }
        """;

    private static readonly double[] Point = [0.75, -1.25];

    private static Engine Ready(EngineOptions? options = null)
    {
        var engine = new Engine(options ?? new EngineOptions { Tiering = Tiering.CompileImmediately, Output = TextWriter.Null });
        engine.Run(Function);
        Assert.Equal(Expected(Function).Value, Call(engine));
        Assert.Equal(Expected(Function).Value, Call(engine));
        return engine;
    }

    private static double Call(Engine engine, double[]? point = null) => engine.CallWithGradient("f", point ?? Point, new double[2]);

    // The tape's answer: the same calls on an engine that never generates.
    private static ValueAndGradient Expected(string source, string? then = null)
    {
        var tape = new Engine(new EngineOptions { Tiering = Tiering.InterpreterOnly, Output = TextWriter.Null });
        tape.Run(source);
        if (then is not null) tape.Run(then);
        return tape.CallWithGradient("f", Point);
    }

    [Fact]
    public void AHostCallWithTheStackNearItsEndGetsThePlacedDepthErrorAndTheSameThreadCallsOnAfterwards()
    {
        var engine = Ready();
        ScriptLimitException? caught = null;
        double after = 0;
        var failure = SmallStack.Run(() =>
        {
            Call(engine);   // this thread's first call, near the top of its stack
            caught = Assert.Throws<ScriptLimitException>(() => Down(engine));
            after = Call(engine);
        }, 1 << 20);
        Assert.Null(failure);
        Assert.Equal("maximum call depth exceeded", caught!.Message);
        Assert.Equal(Expected(Function).Value, after);
        Assert.Equal(1, engine.Steps);
    }

    // Host recursion until the runtime's reserve is all that is left, then a call.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double Down(Engine engine) =>
        RuntimeHelpers.TryEnsureSufficientExecutionStack() ? Down(engine) + 1 : Call(engine);

    [Fact]
    public void DeepScriptRecursionThroughAHostFunctionThatCallsAnotherEngineEndsInThePlacedError()
    {
        var inner = Ready();
        var outer = new Engine(new EngineOptions { MaxCallDepth = int.MaxValue, Output = TextWriter.Null });
        outer.SetFunction("inner", x => Call(inner, [x, -1.25]));
        outer.Run("def down(n) { return inner(0.75) + down(n + 1) }");
        var failure = SmallStack.Run(() => outer.Run("down(0)"), 1 << 20);
        var error = Assert.IsType<ScriptLimitException>(failure);
        Assert.Equal("maximum call depth exceeded", error.Message);
        Assert.Equal(Expected(Function).Value, Call(inner));
    }

    [Fact]
    public async Task ASecondThreadIsRefusedWhileTheEngineRunsAndCallsOnAfterwards()
    {
        var engine = Ready();
        using var inside = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        engine.SetFunction("wait", () => { inside.Set(); release.Wait(SmallStack.HangTimeout); return 0.0; });
        var run = Task.Run(() => engine.Run("wait()"));
        Assert.True(inside.Wait(SmallStack.HangTimeout));
        var gradient = new double[] { 42, 42 };
        Assert.Throws<InvalidOperationException>(() => engine.CallWithGradient("f", Point, gradient));
        Assert.Equal([42.0, 42.0], gradient);
        release.Set();
        await run.WaitAsync(SmallStack.HangTimeout);
        Assert.Equal(Expected(Function).Value, Call(engine));
    }

    [Fact]
    public void FunctionsCalledInTurnAllocateNothingAndGiveTheirOwnGradients()
    {
        var engine = Ready();
        engine.Run("def g(x, y) { return exp(x) - y * x }");
        double[] gradient = new double[2], other = new double[2];
        // The names as a host might build them: equal strings, not the same ones.
        string f = new("f".ToCharArray()), g = new("g".ToCharArray());
        for (int i = 0; i < 3000; i++)
        {
            engine.CallWithGradient(f, Point, gradient);
            engine.CallWithGradient(g, Point, other);
        }
        var rounds = new List<long>();
        for (int round = 0; round < 5 && (rounds.Count == 0 || rounds[^1] != 0); round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++)
            {
                engine.CallWithGradient(f, Point, gradient);
                engine.CallWithGradient(g, Point, other);
            }
            rounds.Add(GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.True(rounds[^1] == 0, $"bytes allocated by each round of 1,000 call pairs: {string.Join(", ", rounds)}");
        Assert.Equal(Expected(Function).Gradient, gradient);
        Assert.Equal(new[] { Math.Exp(0.75) + 1.25, -0.75 }, other);
    }

    [Theory]
    [InlineData("def tanh(v) { return v * 3 }")]               // a builtin the kernel inlines, redefined
    [InlineData("def f(x, y) { return x * y * y }")]          // the function redefined
    [InlineData("def f(x, y) { if x > 0 { return x } return y }")]   // redefined to one the tape must do
    public void ARedefinitionIsSeenAtTheNextCall(string then)
    {
        var engine = Ready();
        engine.Run(then);
        var gradient = new double[2];
        var expected = Expected(Function, then);
        Assert.Equal(expected.Value, engine.CallWithGradient("f", Point, gradient));
        Assert.Equal(expected.Gradient, gradient);
    }

    [Fact]
    public void AGlobalThatIsNoLongerAFunctionIsTheUsualError()
    {
        var engine = Ready();
        engine.Run("f = \"text\"");
        Assert.Equal("'f' is a string, not a function", Assert.Throws<ScriptRuntimeException>(() => Call(engine)).Message);
    }

    [Fact]
    public void AnomalyDetectionTurnedOnByAScriptSendsTheCallToTheTape()
    {
        var engine = Ready();
        engine.Run("def f(x, y) { return log(x) * y }");
        Call(engine);
        engine.Run("detect_anomaly(true)");
        var error = Assert.Throws<ScriptRuntimeException>(() => Call(engine, [-1.0, 2.0]));
        Assert.Contains("log", error.Message);
        engine.Run("detect_anomaly(false)");
        Assert.True(double.IsNaN(Call(engine, [-1.0, 2.0])));
    }

    [Fact]
    public void ACancelledTokenStopsTheNextCall()
    {
        using var cancellation = new CancellationTokenSource();
        var engine = Ready(new EngineOptions { Tiering = Tiering.CompileImmediately, Output = TextWriter.Null, CancellationToken = cancellation.Token });
        cancellation.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => Call(engine));
    }

    [Fact]
    public void TheRunsAroundItCountTheirLimitsAfresh()
    {
        var engine = Ready(new EngineOptions { Tiering = Tiering.CompileImmediately, Output = TextWriter.Null, MaxCallDepth = 50, MaxSteps = 100 });
        engine.Run("def down(n) { if n == 0 { return 0 } return down(n - 1) }");
        // A run that fails deep inside, then quick calls, then runs that reach their limits exactly.
        Assert.Contains("maximum call depth exceeded", Assert.Throws<ScriptLimitException>(() => engine.Run("down(60)")).Message);
        Call(engine);
        Assert.Equal(1, engine.Steps);
        Assert.Equal(0L, engine.Evaluate("down(49)"));
        Call(engine);
        Assert.Contains("maximum call depth exceeded", Assert.Throws<ScriptLimitException>(() => engine.Run("down(50)")).Message);
        Call(engine);
        engine.Run("for i in range(99) { }");
        Assert.Equal(99, engine.Steps);
        Call(engine);
        Assert.Contains("step limit exceeded", Assert.Throws<ScriptLimitException>(() => engine.Run("for i in range(101) { }")).Message);
    }
}
