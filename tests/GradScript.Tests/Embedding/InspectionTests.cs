namespace GradScript.Tests.Embedding;

/// <summary>
/// What a host's REPL or notebook reads from an engine (docs/embedding.md, "Inspecting values"):
/// the public API the <c>gradscript</c> REPL, kernel and <c>graph</c> command are built on.
/// </summary>
public class InspectionTests
{
    private static Engine NewEngine() => new(new EngineOptions { Output = TextWriter.Null, ModuleResolver = StandardLibrary.Instance });

    [Fact]
    public void AnInteractiveInputEchoesEachExpressionStatement()
    {
        var engine = NewEngine();
        var echoed = new List<string>();
        var script = engine.CompileInteractive("x = 2\nx * 21\n\"hi\"\nnone", "<repl-1>");
        Assert.Equal("<repl-1>", script.Name);
        engine.RunInteractive(script, value => echoed.Add(value.IsNone ? "(none)" : value.Repr()));
        Assert.Equal(["42", "\"hi\"", "(none)"], echoed);

        // A script compiled as a file echoes nothing.
        engine.RunInteractive(engine.Compile("x * 2"), value => echoed.Add(value.Repr()));
        Assert.Equal(3, echoed.Count);
    }

    [Fact]
    public void AnInteractiveInputsErrorsNameItsSource()
    {
        var engine = NewEngine();
        var syntax = Assert.Throws<ScriptSyntaxException>(() => engine.CompileInteractive("x = (1 +", "<repl-7>"));
        Assert.Equal("<repl-7>", syntax.SourceName);
        var runtime = Assert.Throws<ScriptRuntimeException>(() => engine.RunInteractive(engine.CompileInteractive("1 / 0", "<repl-8>"), _ => { }));
        Assert.Equal(("<repl-8>", 1, 3), (runtime.SourceName, runtime.Line, runtime.Column));
        Assert.Throws<ArgumentNullException>(() => engine.RunInteractive(engine.CompileInteractive("1"), null!));
    }

    [Fact]
    public void AValueTooLargeToShowIsTheInputsRuntimeError()
    {
        var engine = NewEngine();
        engine.Run("xs = [1]\nfor i in 0..200_000 { xs = [xs] }");
        var value = engine.GetGlobalValue("xs");
        Assert.Throws<InvalidOperationException>(() => value.Repr());
        var error = Assert.Throws<ScriptRuntimeException>(() => engine.RunInteractive(engine.CompileInteractive("y = 1\nxs", "<in>"), v => v.Repr()));
        Assert.Equal(("<in>", 2), (error.SourceName, error.Line));
    }

    [Fact]
    public void AGlobalsValueSaysWhatItIs()
    {
        var engine = NewEngine();
        engine.Run("w = param(3.0); l = (2 * w - 1) ^ 2; backward(l)\nf = param(1.5, dtype=\"float32\")\nxs = [1, 2.5, \"a\"]\ns = \"text\"\nn = none\nimport \"nn\"");
        var w = engine.GetGlobalValue("w");
        Assert.Equal(("tracked", true, false, 20.0, "3.0"), (w.TypeName, w.IsTracked, w.IsFloat32, w.Gradient, w.Repr()));
        Assert.True(engine.GetGlobalValue("f").IsFloat32);
        var xs = engine.GetGlobalValue("xs");
        Assert.Equal(("list", 3, null, "[1, 2.5, \"a\"]"), (xs.TypeName, xs.Count, xs.Gradient, xs.ToString()));
        Assert.Equal(("string", "text", (int?)null), (engine.GetGlobalValue("s").TypeName, engine.GetGlobalValue("s").AsString, engine.GetGlobalValue("s").Count));
        Assert.True(engine.GetGlobalValue("n").IsNone);
        Assert.Null(xs.AsString);
        Assert.Null(xs.MemberNames);

        var members = engine.GetGlobalValue("nn").MemberNames!;
        Assert.Contains("mlp", members);
        Assert.Equal(members.Order(StringComparer.Ordinal), members);
        Assert.DoesNotContain(members, m => m.StartsWith('_') || m == "print");

        Assert.Throws<KeyNotFoundException>(() => engine.GetGlobalValue("nosuch"));
        Assert.Throws<KeyNotFoundException>(() => engine.GetGlobalValue(""));
        Assert.Equal("none", default(ScriptValue).TypeName);
        Assert.True(default(ScriptValue).IsNone);
    }

    [Theory]
    [InlineData(2.0, "2.0")]
    [InlineData(0.1, "0.1")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(double.PositiveInfinity, "inf")]
    [InlineData(double.NaN, "nan")]
    public void FloatsFormatAsScriptsPrintThem(double value, string text)
    {
        Assert.Equal(text, ScriptValue.FormatFloat(value));
        Assert.Equal(text, NewEngine().Evaluate($"str({text.Replace("inf", "float(\"inf\")").Replace("nan", "float(\"nan\")")})"));
    }

    [Fact]
    public void AGraphIsDrawnWithTheGlobalsThatHoldItsValues()
    {
        var engine = NewEngine();
        engine.Run("a = param(2.0); b = a; c = a * 3.0");
        string dot = engine.GetGraphDot(engine.GetGlobalValue("c"));
        Assert.StartsWith("digraph {", dot);
        Assert.Contains("a, b", dot);
        Assert.Contains("label=\"*\"", dot);
        Assert.Equal(engine.Evaluate("graph(c)") is string plain ? plain.Split('\n').Length : -1, dot.Split('\n').Length);
    }

    [Fact]
    public void AnUntrackedValueHasNoGraph()
    {
        var engine = NewEngine();
        engine.Run("x = 3");
        var error = Assert.Throws<InvalidCastException>(() => engine.GetGraphDot(engine.GetGlobalValue("x")));
        Assert.Contains("int, not a tracked value", error.Message);
        Assert.Throws<InvalidCastException>(() => engine.GetGraphDot(default));
    }
}
