namespace GradScript.Tests.Tier;

using System.Diagnostics;

/// <summary>
/// The compiled tier's backward of an expression it has just recorded (<c>l = e</c> then
/// <c>backward(l)</c>, or <c>backward(e)</c>): the same gradients, flags and graph as the general
/// sweep, and the general call whenever a guard fails — an operand that changes kind mid-loop (a
/// float32 param, a tracked value that is not a leaf, a bool), <c>no_grad</c>, anomaly detection,
/// a <c>create_graph</c> backward, a name rebound — with every limit where the interpreter has it.
/// Each expected text was produced by the interpreter alone (and W1's by Python's floats), so the
/// tiers agreeing with each other is not enough.
/// </summary>
public class CompiledBackwardTests
{
    /// <summary>W1, the tutorial's loop, at the top level (globals), with what a script can still ask of its last loss.</summary>
    private const string W1 = """
        x_data = [1.0, 2.0, 3.0]
        y_data = [2.0, 4.0, 6.0]
        w = param(1.0)
        for epoch in 0..700 {
            for x, y in zip(x_data, y_data) {
                l = (x * w - y) ^ 2
                backward(l)
                w -= 0.01 * grad(w)
            }
        }
        print(w, l, grad(l), l.grad, w.grad)
        print(graph(l))
        backward(l)
        """;

    [Fact]
    public void TheTutorialsLoopGivesTheInterpretersDigitsAndALossThatIsStillAGraph() => TierRun.AgreeInEveryTier(W1,
        W1Expected, "tier.grad:13:1: runtime error: backward(): a param of this graph was changed in place");

    // Python's floats give the same w: w = 1.0; for each (x, y): d = x * w - y; w -= 0.01 * ((1.0 * (2.0 * d)) * x).
    private const string W1Expected = """
        1.9999999999999993 3.1554436208840472e-30 1.0 none -1.0658141036401503e-14
        digraph {
          rankdir=LR;
          n0 [shape=record, label="{ data 3.155e-30 | grad 1.0 }"];
          n0_op [label="^"];
          n0_op -> n0;
          n0_c [shape=plaintext, label="2.0"];
          n1 [shape=record, label="{ data -1.776e-15 | grad -3.553e-15 }"];
          n1_op [label="-"];
          n1_op -> n1;
          n1_c [shape=plaintext, label="6.0"];
          n2 [shape=record, label="{ data 6.0 | grad -3.553e-15 }"];
          n2_op [label="*"];
          n2_op -> n2;
          n2_c [shape=plaintext, label="3.0"];
          n3 [shape=record, label="{ data 2.0 | grad -1.066e-14 }"];
          n1 -> n0_op;
          n0_c -> n0_op;
          n2 -> n1_op;
          n1_c -> n1_op;
          n2_c -> n2_op;
          n3 -> n2_op;
        }


        """;

    [Fact]
    public void TheCompiledSweepRunsInTheCompiledTierAndNeverInTheInterpreter()
    {
        Assert.Equal(0, KnownPasses(W1, Tiering.InterpreterOnly));
        // 2,100 steps: compiled from the first in eager mode, after the zip body's 1,000th run adaptively.
        Assert.Equal(2100, KnownPasses(W1, Tiering.CompileImmediately));
        Assert.InRange(KnownPasses(W1, Tiering.Adaptive), 1000, 1200);
    }

    private static long KnownPasses(string source, Tiering tiering)
    {
        var engine = new Engine(new EngineOptions { Tiering = tiering, Output = TextWriter.Null });
        Assert.Throws<ScriptRuntimeException>(() => engine.Run(source, "tier.grad"));
        return engine.Interpreter.Autograd.Backpropagation.KnownPasses;
    }

    [Fact]
    public void OperandsThatChangeKindMidLoopTakeTheGeneralBackward() => TierRun.AgreeInEveryTier("""
        w = param(0.5)
        v = param(0.25, dtype="float32")
        total = 0.0
        for i in range(1500) {
            h = w * 1.5
            xs = [1.0, 2, w, v, h, true, 0.5, w * v, -3]
            x = xs[i % 9]
            l = (x * w - 0.5) ^ 2 + x * 0.25 - w * w + (0.5 - x) * (x + w)
            backward(l)
            total = total + grad(w) + value(l)
            if i % 3 == 0 { w -= 0.001 * grad(w) }
            if i % 5 == 0 { w.grad = none }
        }
        print(total, w, grad(w), grad(v), v.grad)
        """, "198.6105211304457 1.3244771186450097 -1.5 -1.5201568603515625 -1.5201568603515625\n");

    [Fact]
    public void BackwardOfAnExpressionAndInsideAFunction() => TierRun.AgreeInEveryTier("""
        w = param(0.75)
        b = param(-0.25)
        def step(x, y) {
            loss = (x * w + b - y) ^ 2 * 0.5
            backward(loss)
            return loss
        }
        s = 0.0
        for i in range(1300) {
            x = i % 5 - 2
            s = s + value(step(x, 0.5 * x + 1))
            backward((w * x - b) ^ 3 - x)
            s = s + grad(w) - grad(b)
            w -= 0.0001 * grad(w)
            b -= 0.0001 * grad(b)
        }
        print(s, w, b)
        """, "5145.90091067618 0.6848340450357153 0.12158311747107058\n");

    [Fact]
    public void ABackwardUnderNoGradIsTheInterpretersError() => TierRun.AgreeInEveryTier("""
        w = param(0.5)
        for i in range(1500) {
            if i < 1400 {
                l = (w * 2.0 - 1.0) ^ 2
                backward(l)
            } else {
                no_grad {
                    l = (w * 2.0 - 1.0) ^ 2
                    backward(l)
                }
            }
            w -= 0.01 * grad(w)
        }
        """, "", "tier.grad:9:13: runtime error: backward() needs a tracked value, got float");

    [Fact]
    public void AnomalyDetectionTurnedOnMidLoopFindsTheInfiniteGradient() => TierRun.AgreeInEveryTier("""
        w = param(1.0)
        xs = [2.0, 3.0, 4.0, 2.5]
        s = 0.0
        for i in range(1500) {
            if i == 1200 { detect_anomaly(true) }
            x = xs[i % 4]
            l = (x * w - 2.0) ^ 0.5
            backward(l)
            s = s + grad(w)
        }
        """, "", "tier.grad:7:23: runtime error: anomaly in backward: the gradient through '^' became inf");

    [Fact]
    public void ACreateGraphBackwardMidLoopLeavesTrackedGradientsToTheGeneralPath() => TierRun.AgreeInEveryTier("""
        w = param(0.5)
        s = 0.0
        for i in range(1500) {
            l = w ^ 3 - w * 2
            if i == 1200 { backward(l, create_graph=true) }
            l = w ^ 3 - w * 2
            backward(l)
            g = grad(w)
            s = s + value(g) + value(l)
        }
        print(s, g)
        """, "-3187.5 -1.25\n");

    [Fact]
    public void NamesReboundMidLoopAreCalled() => TierRun.AgreeInEveryTier("""
        w = param(0.5)
        s = 0.0
        for i in range(1500) {
            l = w * 3.0 - 1
            backward(l)
            s = s + grad(w)
            backward(w * w)
            s = s + grad(w)
            if i == 1497 {
                def backward(t) { print("own backward", value(t)) }
                def grad(t) { return 100 }
            }
        }
        print(s)
        """, string.Concat(Enumerable.Repeat("own backward 0.5\nown backward 0.25\n", 2)) + "6392.0\n");

    // The optimizer step's direct update (InPlace.TryUpdateParam) against Python's floats, beside the
    // general one (an int operand).
    [Fact]
    public void AParamUpdatedInPlaceByEveryOperator() => TierRun.AgreeInEveryTier("""
        p = param(1.5)
        for i in range(1200) {
            p += 0.25
            p -= 0.125
            p *= 1.0001
            p /= 1.00005
            p -= 1
            p += 1
        }
        print(value(p))
        """, "156.1876272533058\n");

    [Fact]
    public void TheGraphLimitStopsTheCompiledForwardAtTheInterpretersOperation()
    {
        var interpreted = Run(W1, Tiering.InterpreterOnly, graphNodes: 4000);
        // At the first operation of the step that would record the 4,001st node (x * w).
        Assert.Contains("tier.grad:6:20: ", interpreted.Error);
        Assert.Contains("graph limit exceeded (more than 4000 recorded operations)", interpreted.Error);
        Assert.Equal(interpreted, Run(W1, Tiering.CompileImmediately, graphNodes: 4000));
        Assert.Equal(interpreted, Run(W1, Tiering.Adaptive, graphNodes: 4000));
        var stepped = Run(W1, Tiering.InterpreterOnly, steps: 2500);
        Assert.Contains("step limit exceeded (more than 2500 steps)", stepped.Error);
        Assert.Equal(stepped, Run(W1, Tiering.CompileImmediately, steps: 2500));
        Assert.Equal(stepped, Run(W1, Tiering.Adaptive, steps: 2500));
    }

    private static TierRun Run(string source, Tiering tiering, long? graphNodes = null, long? steps = null)
    {
        var output = new StringWriter { NewLine = "\n" };
        var engine = new Engine(new EngineOptions { Tiering = tiering, Output = output, MaxGraphNodes = graphNodes, MaxSteps = steps });
        string? error = null;
        try { engine.Run(source, "tier.grad"); }
        catch (ScriptException e) { error = $"{e.GetType().Name}: {e}"; }
        return new TierRun(output.ToString(), error, engine.Steps);
    }

    [Fact]
    public void CancellationStopsACompiledTrainingLoop()
    {
        var engine = new Engine(new EngineOptions { Tiering = Tiering.CompileImmediately });
        using var cancel = new CancellationTokenSource();
        engine.SetFunction("stop_after", (double n) => { if (engine.Steps >= n) cancel.Cancel(); return 0.0; });
        var clock = Stopwatch.StartNew();
        Assert.ThrowsAny<OperationCanceledException>(() => engine.Run("""
            w = param(1.0)
            i = 0
            while true {
                l = (2.0 * w - 1.0) ^ 2
                backward(l)
                w -= 0.0 * grad(w)
                i = i + 1
                if i % 100 == 0 { stop_after(10000) }
            }
            """, "cancel.grad", cancel.Token));
        Assert.True(clock.Elapsed < SmallStack.HangTimeout);
        Assert.InRange(engine.Steps, 10000, 10000 + 100 + 1024);
        Assert.True(engine.Interpreter.Autograd.Backpropagation.KnownPasses > 9000);
    }
}
