namespace GradScript.Tests.Tier;

/// <summary>
/// The direct ways into autograd that both tiers take — tracked <c>+ - * ^</c> recorded straight on
/// the tape, and a tracked argument passed straight to <c>backward</c>, <c>grad</c> and the math
/// builtins — give what the general operator and call paths gave: the same digits, the same errors
/// at the same places, the same limits. The loops run past the compiled tier's threshold while
/// their operands change kind (tracked float64, tracked float32, float, int, bool, a string, a
/// name rebound to a script function), in every tier. The expected text was produced by the
/// general paths (the code before the direct ones), so agreeing with each other is not enough.
/// </summary>
public class DirectAutogradTests
{
    [Fact]
    public void OperandsOfEveryKindMixMidLoop() => TierRun.AgreeInEveryTier("""
        w = param(0.5)
        v = param(0.25, dtype="float32")
        xs = [w, v, 1.5, 2, true, 0.75]
        s = 0.0
        for i in range(1500) {
            a = xs[i % 6]
            b = xs[(i * 7 + 3) % 6]
            if i == 900 { xs[5] = w * v }
            t = a * b + a - b
            u = 2 * a - b * 3.0 + a ^ 2 + 0.5 ^ b
            if i % 5 == 0 { no_grad { u = u * a - b } }
            s = s + t * 0.001 + u * 0.0001
        }
        print(s)
        backward(s)
        print(grad(w), grad(v))
        """, "1.1836237307759248\n1.0624261810310962 0.6227966547012329\n");

    [Fact]
    public void BuiltinsOnTrackedValuesAndANameReboundMidLoop() => TierRun.AgreeInEveryTier("""
        w = param(0.5)
        total = 0.0
        for i in range(1500) {
            l = relu(w * 3.0 - 1) + tanh(w) * sigmoid(w) + exp(w) - log(w + 1) + sqrt(w) * sin(w) * cos(w)
            if i % 100 == 0 { no_grad { total = total + relu(w) } }
            backward(l)
            total = total + grad(w) + value(l)
            w -= 0.0001 * grad(w)
            if i == 1496 {
                def backward(x) { print("a backward of the script's own") }
                def grad(x) { return 0.0 }
            }
        }
        print(total, w)
        """, string.Concat(Enumerable.Repeat("a backward of the script's own\n", 3)) + "5764.266407584924 0.13679047003353056\n");

    [Fact]
    public void ASecondOrderGradientStillComesFromTheGeneralPath() => TierRun.AgreeInEveryTier("""
        w = param(0.5)
        s = 0.0
        for i in range(1200) {
            y = w ^ 3 - w * w
            backward(y, create_graph=true)
            g = grad(w)
            s = s + value(g)
        }
        print(s, graph(g) != "")
        """, "-300.0 true\n");

    [Fact]
    public void ABackwardThroughAParamChangedInPlaceIsRefused() => TierRun.AgreeInEveryTier("""
        w = param(0.5)
        for i in range(1500) {
            l = w * 2.0
            if i == 1400 { w -= 0.1 }
            if i == 1400 { backward(l) }
        }
        """, "", "tier.grad:5:20: runtime error: backward(): a param of this graph was changed in place");

    [Fact]
    public void AStringReachingABuiltinIsItsErrorAtTheCall() => TierRun.AgreeInEveryTier("""
        w = param(0.5)
        s = 0.0
        for i in range(1500) {
            x = w * 2.0
            if i == 1300 { x = "two" }
            s = s + relu(x)
        }
        """, "", "tier.grad:6:13: runtime error: relu() expects a number, got string");

    [Fact]
    public void APlainNumberReachingBackwardIsItsError() => TierRun.AgreeInEveryTier("""
        w = param(0.5)
        for i in range(1500) {
            x = w * 2.0
            if i == 1300 { x = 3.0 }
            backward(x)
        }
        """, "", "tier.grad:5:5: runtime error: backward() needs a tracked value, got float");

    [Fact]
    public void AnAnomalyInADirectlyRecordedProductIsCaughtAtItsOperator() => TierRun.AgreeInEveryTier("""
        w = param(0.5)
        detect_anomaly(true)
        z = 0.0
        for i in range(1500) {
            if i == 1300 { z = 1e308 }
            x = w * 2.0 + z * 10.0 * w
        }
        """, "", "tier.grad:6:28: runtime error: anomaly: '*' gave inf");

    [Theory]
    [InlineData("x = w * 2.0 + 1")]
    [InlineData("x = (w - 0.5) ^ 2")]
    [InlineData("x = relu(w)")]
    public void TheGraphLimitStopsDirectRecordingAtTheSameOperation(string step)
    {
        string source = $"w = param(0.5)\nfor i in range(100000) {{\n    {step}\n}}\n";
        var runs = new[] { Tiering.InterpreterOnly, Tiering.CompileImmediately, Tiering.Adaptive }.Select(tiering =>
        {
            var engine = new Engine(new EngineOptions { Tiering = tiering, MaxGraphNodes = 2500, Output = TextWriter.Null });
            var error = Assert.Throws<ScriptLimitException>(() => engine.Run(source, "limit.grad"));
            return (error.ToString(), engine.Steps);
        }).ToList();
        Assert.Contains("graph limit exceeded (more than 2500 recorded operations)", runs[0].Item1);
        Assert.Contains("limit.grad:3:", runs[0].Item1);
        Assert.All(runs, run => Assert.Equal(runs[0], run));
    }
}
