namespace GradScript.Tests.Embedding;

public class HostFunctionTests
{
    private static Engine NewEngine() => new(new EngineOptions { Output = TextWriter.Null });

    [Fact]
    public void HostFunctionsOfZeroToFourArgumentsAndVariadic()
    {
        var engine = NewEngine();
        engine.SetFunction("zero", () => 42.0);
        engine.SetFunction("one", x => x + 1);
        engine.SetFunction("two", (x, y) => x * y);
        engine.SetFunction("three", (x, y, z) => x + y + z);
        engine.SetFunction("four", (a, b, c, d) => a * b * c * d);
        engine.SetVariadicFunction("total", xs => xs.Sum());
        Assert.Equal(42.0, engine.Evaluate("zero()"));
        Assert.Equal(3.0, engine.Evaluate("one(2)"));
        Assert.Equal(6.0, engine.Evaluate("two(2, 3)"));
        Assert.Equal(6.0, engine.Evaluate("three(1, 2, 3)"));
        Assert.Equal(24.0, engine.Evaluate("four(1, 2, 3, 4)"));
        Assert.Equal(10.0, engine.Evaluate("total(1, 2, 3, 4)"));
        Assert.Equal(0.0, engine.Evaluate("total()"));
        var error = Assert.Throws<ScriptRuntimeException>(() => engine.Run("two(1)", "h.grad"));
        Assert.Contains("two() takes 2 positional arguments but 1 was given", error.Message);
    }

    [Fact]
    public void HostDerivativesKeepFunctionsDifferentiable()
    {
        var engine = NewEngine();
        engine.SetFunction("softplus", v => Math.Log(1 + Math.Exp(v)), v => 1 / (1 + Math.Exp(-v)));
        engine.SetFunction("mul", (x, y) => x * y, (x, y) => (y, x));
        engine.SetVariadicFunction("dot3", xs => xs[0] + 2 * xs[1] + 3 * xs[2], _ => [1.0, 2.0, 3.0]);
        engine.Run("a = param(0.0); b = param(3.0); c = param(5.0)\nl = softplus(a) + mul(b, c) + dot3(a, b, c)\nbackward(l)");
        Assert.Equal(0.5 + 1, engine.GetGradient("a"), 12);
        Assert.Equal(5.0 + 2, engine.GetGradient("b"), 12);
        Assert.Equal(3.0 + 3, engine.GetGradient("c"), 12);
    }

    [Fact]
    public void WithoutADerivativeTheResultIsPlain()
    {
        var engine = NewEngine();
        engine.SetFunction("sq", x => x * x);
        Assert.Equal("float", engine.Evaluate("type(sq(param(3.0)))"));
    }

    [Fact]
    public void HostExceptionsBecomeRuntimeErrorsAtTheCall()
    {
        var engine = NewEngine();
        var thrown = new InvalidOperationException("sensor offline");
        engine.SetFunction("read", (Func<double, double>)(_ => throw thrown));
        var error = Assert.Throws<ScriptRuntimeException>(() => engine.Run("x = 1\ny = read(x)", "host.grad"));
        Assert.Equal((2, 5), (error.Line, error.Column));
        Assert.Contains("read() failed: sensor offline", error.Message);
        Assert.Same(thrown, error.InnerException);
        Assert.Equal(1L, engine.GetGlobal("x"));
    }

    [Fact]
    public void DelegatesOfOtherShapesAreConverted()
    {
        var engine = NewEngine();
        var log = new List<string>();
        engine.SetFunction("log", (Action<string>)log.Add);
        engine.SetFunction("shout", (Func<string, int, string>)((s, n) => string.Concat(Enumerable.Repeat(s.ToUpperInvariant(), n))));
        engine.SetFunction("mean", (Func<double[], double>)(xs => xs.Average()));
        engine.Run("log(\"hello\"); s = shout(\"a\", 3); m = mean([1, 2, 3])");
        Assert.Equal(["hello"], log);
        Assert.Equal("AAA", engine.GetGlobal("s"));
        Assert.Equal(2.0, engine.GetNumber("m"));
    }
}
