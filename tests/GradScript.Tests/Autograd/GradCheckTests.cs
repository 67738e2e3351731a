namespace GradScript.Tests.Autograd;

/// <summary>The gradcheck builtin from a host's side: checking host derivatives, limits, places, state after errors.</summary>
public class GradCheckTests
{
    [Fact]
    public void ItCatchesAHostFunctionWithAWrongDerivative()
    {
        var engine = new Engine(new EngineOptions { Output = TextWriter.Null });
        engine.SetFunction("softplus", v => Math.Log(1 + Math.Exp(v)), v => 1 / (1 + Math.Exp(-v)));
        engine.SetFunction("bad_softplus", v => Math.Log(1 + Math.Exp(v)), v => 1 / (1 + Math.Exp(v)));
        Assert.Equal(true, engine.Evaluate("gradcheck(softplus, 0.3)"));
        var error = Assert.Throws<ScriptRuntimeException>(() => engine.Run("x = 1\ngradcheck(bad_softplus, 0.3)", "check.grad"));
        Assert.StartsWith("gradcheck(): gradient mismatch for argument 1 of bad_softplus at (0.3): analytic 0.425557483188341, numeric 0.574442", error.Message);
        Assert.Equal(("check.grad", 2, 1), (error.SourceName, error.Line, error.Column));
    }

    [Fact]
    public void ItChecksEveryArgumentOfAHostFunction()
    {
        var engine = new Engine(new EngineOptions { Output = TextWriter.Null });
        engine.SetFunction("hyp", (a, b) => Math.Sqrt(a * a + b * b), (a, b) => (a / Math.Sqrt(a * a + b * b), a / Math.Sqrt(a * a + b * b)));
        Assert.Equal(true, engine.Evaluate("gradcheck(hyp, 3, 3)"));    // the wrong partial is right where a = b
        var error = Assert.Throws<ScriptRuntimeException>(() => engine.Run("gradcheck(hyp, 3, 4)"));
        Assert.StartsWith("gradcheck(): gradient mismatch for argument 2 of hyp at (3.0, 4.0): analytic 0.6, numeric 0.8", error.Message);
    }

    [Fact]
    public void ItChecksSecondDerivativesThroughGradOfF()
    {
        // grad(f) records its gradient, so gradcheck(grad(f), x) checks f's second derivative. A host
        // function's derivative is a number, constant to a second backward: gradcheck shows that
        // grad(softplus) has no gradient of its own, where its true derivative is s(x)(1 - s(x)).
        var engine = new Engine(new EngineOptions { Output = TextWriter.Null });
        engine.SetFunction("softplus", v => Math.Log(1 + Math.Exp(v)), v => 1 / (1 + Math.Exp(-v)));
        Assert.Equal(true, engine.Evaluate("def f(x) { return log(1 + exp(x)) }\ngradcheck(grad(f), 0.3)"));
        var error = Assert.Throws<ScriptRuntimeException>(() => engine.Run("gradcheck(grad(softplus), 0.3)"));
        Assert.StartsWith("gradcheck(): gradient mismatch for argument 1 of grad(softplus) at (0.3): analytic 0.0, numeric 0.24445831", error.Message);
    }

    [Fact]
    public void AnErrorInTheCheckedFunctionHasItsPlaceAndAStackTrace()
    {
        var engine = new Engine(new EngineOptions { Output = TextWriter.Null });
        var error = Assert.Throws<ScriptRuntimeException>(() => engine.Run("def f(x) {\n  return x + [1]\n}\ngradcheck(f, 1.0)", "f.grad"));
        Assert.Equal("unsupported operand types for +: tracked and list", error.Message);
        Assert.Equal((2, 12), (error.Line, error.Column));
        Assert.Equal("at f (f.grad:4:1)", error.ScriptStackTrace);
    }

    [Fact]
    public void TheEngineIsUsableAfterAFailedCheckAndNothingStaysUnrecorded()
    {
        var engine = new Engine(new EngineOptions { Output = TextWriter.Null });
        engine.Run("def f(x) { return x / (1 // 0) }");
        Assert.Throws<ScriptRuntimeException>(() => engine.Run("gradcheck(f, 1.0)"));
        engine.Run("w = param(2.0)\nl = w * w\nbackward(l)");
        Assert.Equal(4.0, engine.GetGradient("w"));
    }

    [Fact]
    public void TheRunsLimitsApplyInsideTheCheck()
    {
        var timed = new Engine(new EngineOptions { Output = TextWriter.Null, Timeout = TimeSpan.FromMilliseconds(100) });
        timed.Run("def spin(x) { while true { } }");
        Assert.Contains("time limit exceeded", Assert.Throws<ScriptLimitException>(() => timed.Run("gradcheck(spin, 1.0)")).Message);

        var budget = new Engine(new EngineOptions { Output = TextWriter.Null, MaxGraphNodes = 1000 });
        budget.Run("def long(x) { for i in 0..10000 { x = x * 1 } return x }");
        Assert.Contains("graph limit exceeded", Assert.Throws<ScriptLimitException>(() => budget.Run("gradcheck(long, 1.0)")).Message);
    }

    [Fact]
    public void AFunctionOfNothingButConstantsHasAZeroGradientOnBothSides()
    {
        var engine = new Engine(new EngineOptions { Output = TextWriter.Null });
        engine.Run("c = param(3.0)\ndef f(x) { return c }\ndef g(x) { return 7 }");
        Assert.Equal(true, engine.Evaluate("gradcheck(f, 1.0) and gradcheck(g, 1.0)"));
    }
}
