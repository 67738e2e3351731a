namespace GradScript.Tests.Embedding;

/// <summary>docs/embedding.md, written as a host would write it.</summary>
public class PinnedSurfaceTests
{
    [Fact]
    public void TheSpecificationsExampleCompilesAndTrains()
    {
        var engine = new Engine(new EngineOptions { Output = TextWriter.Null });
        engine.SetGlobal("x", 2.0);
        engine.SetFunction("sq", (Func<double, double>)(v => v * v));
        engine.SetFunction("softplus", v => Math.Log(1 + Math.Exp(v)),
                                       v => 1 / (1 + Math.Exp(-v)));
        engine.Run("w = param(1.0)\nfor i in 0..100 { l = (x*w - 4)^2; backward(l); w -= 0.01*grad(w) }");
        double w = engine.GetNumber("w");
        double g = engine.GetGradient("w");
        // The same 100 steps of gradient descent in C#: grad(w) is the last step's gradient, taken
        // before that step moved w (CPython gives the same two numbers, 1.999760788125343 and -0.0020801032578869894).
        double expectedW = 1.0, expectedG = 0;
        for (int i = 0; i < 100; i++)
        {
            expectedG = 2 * (2 * expectedW - 4) * 2;
            expectedW -= 0.01 * expectedG;
        }
        Assert.Equal(expectedW, w, 1e-14);
        Assert.Equal(expectedG, g, 1e-15);
        Assert.Equal(3L, engine.Evaluate("1 + 2"));
        Assert.Equal(16.0, engine.Evaluate("sq(4.0)"));

        CompiledScript s = engine.Compile("p = param(0.0); y = softplus(p); backward(y)", "model.grad");
        engine.Run(s);
        engine.Run(s, CancellationToken.None);
        Assert.Equal(0.5, engine.GetGradient("p"), 15);   // softplus'(0) = sigmoid(0)
        Assert.Equal(Math.Log(2), engine.GetNumber("y"), 15);
        engine.Run("z = 1", "name.grad", CancellationToken.None);
        Assert.Equal(1L, engine.GetGlobal("z"));
    }

    [Fact]
    public void EvaluateMapsValuesToClrTypes()
    {
        var engine = new Engine();
        Assert.Equal(3L, engine.Evaluate("1 + 2"));
        Assert.Equal(0.5, engine.Evaluate("1 / 2"));
        Assert.Equal(true, engine.Evaluate("1 < 2"));
        Assert.Equal("ab", engine.Evaluate("\"a\" + \"b\""));
        Assert.Null(engine.Evaluate("none"));
        Assert.Equal(3.0, engine.Evaluate("param(3.0)"));
        Assert.Equal(new object?[] { 1L, 2.0, "x" }, Assert.IsAssignableFrom<IReadOnlyList<object?>>(engine.Evaluate("[1, 2.0, \"x\"]")));
    }

    [Fact]
    public void ListsThatContainThemselvesOrNestDeeplyConvertWithoutOverflowingTheStack()
    {
        var engine = new Engine();
        var cycle = Assert.IsAssignableFrom<IReadOnlyList<object?>>(engine.Evaluate("a = [1]; append(a, a); a"));
        Assert.Equal(1L, cycle[0]);
        Assert.Same(cycle, cycle[1]);
        var shared = Assert.IsAssignableFrom<IReadOnlyList<object?>>(engine.Evaluate("b = [2]; [b, b, [b]]"));
        Assert.Same(shared[0], shared[1]);
        Assert.Same(shared[0], ((IReadOnlyList<object?>)shared[2]!)[0]);

        // A million levels, converted on a 256 KB thread: a recursive copy would end the process.
        object? deep = null;
        Assert.Null(SmallStack.Run(() => deep = engine.Evaluate("d = [0]\nfor i in 0..1000000 { d = [d] }\nd"), 256 * 1024));
        int depth = 0;
        for (var level = deep; level is IReadOnlyList<object?> items; level = items[0]) depth++;
        Assert.Equal(1_000_001, depth);
        Assert.IsAssignableFrom<IReadOnlyList<object?>>(engine.GetGlobal("d"));
    }

    [Fact]
    public void SetGlobalAcceptsEveryDocumentedType()
    {
        var engine = new Engine();
        engine.SetGlobal("d", 1.5);
        engine.SetGlobal("l", 7L);
        engine.SetGlobal("i", 3);
        engine.SetGlobal("b", true);
        engine.SetGlobal("s", "hi");
        engine.SetGlobal("xs", new[] { 1.0, 2.0 });
        engine.SetGlobal("n", null);
        Assert.Equal("1.5 7 3 true hi [1.0, 2.0] none", engine.Evaluate("f\"{d} {l} {i} {b} {s} {xs} {n}\""));
        Assert.Throws<ArgumentException>(() => engine.SetGlobal("bad name", 1));
        Assert.Throws<ArgumentException>(() => engine.SetGlobal("t", new object()));
    }

    [Fact]
    public void ExceptionsCarryTheirPlaces()
    {
        var engine = new Engine();
        var syntax = Assert.Throws<ScriptSyntaxException>(() => engine.Run("x = )\ny = ]", "m.grad"));
        Assert.Equal(("m.grad", 1, 5), (syntax.SourceName, syntax.Line, syntax.Column));
        Assert.Equal(2, syntax.Errors.Count);

        var runtime = Assert.Throws<ScriptRuntimeException>(() => engine.Run("def f() { return 1 // 0 }\ndef g() { return f() }\ng()", "m.grad"));
        Assert.Equal((1, 20), (runtime.Line, runtime.Column));
        Assert.Equal("at f (m.grad:2:18)\nat g (m.grad:3:1)", runtime.ScriptStackTrace);

        var limit = Assert.Throws<ScriptLimitException>(() => new Engine(new EngineOptions { MaxSteps = 10 }).Run("while true { }"));
        Assert.IsAssignableFrom<ScriptRuntimeException>(limit);
    }

    [Fact]
    public void GettersReportMissingAndMistypedGlobals()
    {
        var engine = new Engine();
        engine.Run("s = \"text\"; n = 2");
        Assert.Throws<KeyNotFoundException>(() => engine.GetNumber("missing"));
        Assert.Throws<InvalidCastException>(() => engine.GetNumber("s"));
        Assert.Throws<InvalidCastException>(() => engine.GetGradient("n"));
    }
}
