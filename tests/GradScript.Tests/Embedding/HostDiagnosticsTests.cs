namespace GradScript.Tests.Embedding;

using GradScript.Diagnostics;

/// <summary>
/// What a host gets from an error and a global (issue 15): the script's place, hint and trace on
/// every ScriptException, the same rendering the command line prints, functions it can call, and
/// names checked the same way for every kind of global.
/// </summary>
public class HostDiagnosticsTests
{
    [Fact]
    public void ARuntimeErrorCarriesItsDiagnosticAndRendersTheScriptsTrace()
    {
        var engine = new Engine(new EngineOptions { Output = TextWriter.Null });
        var error = Assert.Throws<ScriptRuntimeException>(() => engine.Run("def f(x) {\n    return pritn(x)\n}\nf(1)\n", "model.grad"));
        var diagnostic = error.Diagnostic;
        Assert.Equal(("model.grad", 2, 12, 2, 17), (diagnostic.SourceName, diagnostic.Line, diagnostic.Column, diagnostic.Span.EndLine, diagnostic.Span.EndColumn));
        Assert.Equal("name 'pritn' is not defined", diagnostic.Message);
        Assert.Equal("did you mean 'print'?", diagnostic.Hint);
        Assert.Equal(
            "model.grad:2:12: runtime error: name 'pritn' is not defined\n"
            + "        return pritn(x)\n"
            + "               ^~~~~\n"
            + "  at f (model.grad:4:1)\n"
            + "help: did you mean 'print'?\n",
            error.ToString());
        Assert.Equal(error.ToString(), DiagnosticRenderer.Render(error));
        Assert.DoesNotContain("GradScript.Runtime", error.ToString());
    }

    [Fact]
    public void ASyntaxErrorRendersEveryDiagnosticWithTheCaret()
    {
        var error = Assert.Throws<ScriptSyntaxException>(() => new Engine().Compile("x = True\ny = None\n", "s.grad"));
        Assert.Equal("GradScript writes `true` (lower case)", error.Hint);
        Assert.Equal(error.Errors[0], error.Diagnostic);
        Assert.Equal(2, error.Errors.Count);
        Assert.EndsWith("help: GradScript writes `none` (lower case)\n", error.ToString());
        Assert.StartsWith("s.grad:1:5: error: 'True' is Python's spelling, not a GradScript name\n    x = True\n        ^~~~\nhelp: GradScript writes `true` (lower case)\n", error.ToString());
        Assert.Equal("    x = True\n        ^~~~\n", DiagnosticRenderer.Snippet(error.Span));
    }

    [Fact]
    public void GetGlobalOfAFunctionGivesSomethingTheHostCanCall()
    {
        var engine = new Engine();
        engine.Run("def f(x, y=2) { return x * y }\ng = f\ndef f(x) { return -x }");
        var g = Assert.IsType<ScriptCallable>(engine.GetGlobal("g"));
        Assert.Equal("f", g.Name);
        Assert.Equal("<function f>", g.ToString());
        Assert.Equal(6.0, g.Invoke(3.0));
        Assert.Equal(12L, g.Invoke(3L, 4L));
        Assert.Equal(-3.0, Assert.IsType<ScriptCallable>(engine.GetGlobal("f")).Invoke(3.0));
        Assert.Equal(2.0, Assert.IsType<ScriptCallable>(engine.GetGlobal("sqrt")).Invoke(4.0));
        var error = Assert.Throws<ScriptRuntimeException>(() => g.Invoke());
        Assert.Contains("missing 1 required positional argument: 'x'", error.Message);
    }

    [Theory]
    [InlineData("if")]
    [InlineData("no_grad")]
    [InlineData("true")]
    [InlineData("1x")]
    [InlineData("a-b")]
    [InlineData("")]
    public void SetGlobalRefusesWhatIsNoNameAsSetFunctionDoes(string name)
    {
        var engine = new Engine();
        Assert.Throws<ArgumentException>(() => engine.SetGlobal(name, 1.0));
        Assert.Throws<ArgumentException>(() => engine.SetParameter(name, 1.0));
        Assert.Throws<ArgumentException>(() => engine.SetFunction(name, (Func<double, double>)(v => v)));
    }

    [Fact]
    public void AKeywordIsNamedAsSuch()
    {
        var error = Assert.Throws<ArgumentException>(() => new Engine().SetGlobal("while", 1.0));
        Assert.StartsWith("'while' is a keyword of GradScript", error.Message);
    }
}
