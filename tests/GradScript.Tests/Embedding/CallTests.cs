namespace GradScript.Tests.Embedding;

public class CallTests
{
    [Fact]
    public void CallRunsAScriptFunctionByName()
    {
        var engine = new Engine();
        engine.Run("def area(w, h=2) { return w * h }\ndef greet(name) { return \"hi \" + name }");
        Assert.Equal(6L, engine.Call("area", 3));
        Assert.Equal(12.0, engine.Call("area", 3.0, 4.0));
        Assert.Equal("hi you", engine.Call("greet", "you"));
        Assert.Equal(3L, engine.Call("len", new[] { 1.0, 2.0, 3.0 }));
    }

    [Fact]
    public void CallWithGradientGivesTheValueAndEveryPartialDerivative()
    {
        var engine = new Engine();
        engine.Run("def f(x, y) { return x * x * y + sin(y) }");
        var result = engine.CallWithGradient("f", 3.0, 2.0);
        Assert.Equal(18 + Math.Sin(2), result.Value, 12);
        Assert.Equal(2 * 3 * 2.0, result.Gradient[0], 12);
        Assert.Equal(9 + Math.Cos(2), result.Gradient[1], 12);
    }

    [Fact]
    public void AResultThatIgnoresTheArgumentsHasAZeroGradient()
    {
        var engine = new Engine();
        engine.Run("def c(x) { return 7 }");
        var result = engine.CallWithGradient("c", 1.0);
        Assert.Equal((7.0, 0.0), (result.Value, result.Gradient[0]));
    }

    [Fact]
    public void CallErrorsAreScriptErrors()
    {
        var engine = new Engine();
        engine.Run("def f(x) { return 1 // x }\nname = \"f\"");
        Assert.Throws<KeyNotFoundException>(() => engine.Call("nope"));
        Assert.Contains("not a function", Assert.Throws<ScriptRuntimeException>(() => engine.Call("name")).Message);
        Assert.Contains("takes 1 positional argument but 2 were given", Assert.Throws<ScriptRuntimeException>(() => engine.Call("f", 1, 2)).Message);
        var division = Assert.Throws<ScriptRuntimeException>(() => engine.Call("f", 0));
        Assert.Equal("division by zero", division.Message);
        Assert.Equal("at f (<host>:1:1)", division.ScriptStackTrace);
        engine.Run("def s(x) { return \"text\" }");
        Assert.Contains("not a number", Assert.Throws<ScriptRuntimeException>(() => engine.CallWithGradient("s", 1.0)).Message);
    }
}
