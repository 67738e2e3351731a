namespace GradScript.Tests.Adjoints;

using GradScript.Runtime.Nodes;
using Xunit;

/// <summary>
/// Where the generated adjoint must not be seen: what it does not take falls back to the tape, and
/// every limit, error and switch gives what the tape gives — the same output, the same message at the
/// same place, the same step count — with generation at once and with none.
/// </summary>
public class AdjointFallbackTests
{
    private const string TenOperations = """
        def f(x, y) {
            p = x * y
            q = p - x
            r = q * q
            s = r + y
            t = s / (y - 3)
            u = sigmoid(t)
            v = u * y
            return v - x * x
        }
        """;

    // The scenario's outcome (printed text, result, error with its place) on the tape and generated: equal.
    private static string Same(Func<Engine, string> scenario, Func<Tiering, TextWriter, EngineOptions>? options = null)
    {
        string Outcome(Tiering tiering)
        {
            var output = new StringWriter();
            var engine = new Engine(options?.Invoke(tiering, output) ?? new EngineOptions { Tiering = tiering, Output = output });
            try { return output + scenario(engine); }
            catch (ScriptException e) { return $"{output}error: {e.Message} at {e.Span} [{(e as ScriptRuntimeException)?.ScriptStackTrace}]"; }
        }
        string tape = Outcome(Tiering.InterpreterOnly), generated = Outcome(Tiering.CompileImmediately);
        Assert.Equal(tape, generated);
        return generated;
    }

    // TenOperations' gradient at one point, on the tape and generated, under the given options.
    private static string TenOperationsUnder(Func<Tiering, TextWriter, EngineOptions>? options = null) =>
        Same(e => { e.Run(TenOperations); return Call(e, 0.75, -1.25); }, options);

    private static string Call(Engine engine, params double[] point)
    {
        var result = engine.CallWithGradient("f", point);
        return $"{result.Value:R} [{string.Join(", ", result.Gradient.Select(g => g.ToString("R")))}] steps {engine.Steps}";
    }

    private static bool Generated(Engine engine) =>
        engine.Interpreter.Globals["f"].Value.Reference is ScriptFunction { Proto.Adjoint: { KernelCount: > 0 } };

    [Fact]
    public void ATenOperationFunctionIsGeneratedAndCountsOneStep()
    {
        var engine = AdjointDigitsTests.Generating();
        engine.Run(TenOperations);
        Assert.Equal(TenOperationsUnder(), Call(engine, 0.75, -1.25));
        Assert.True(Generated(engine));
        Assert.EndsWith("steps 1", Call(engine, 0.75, -1.25));
    }

    [Theory]
    [InlineData("def f(x, y) {\n    if x > 0 { return x * y }\n    return y\n}")]                 // a branch on a tracked value
    [InlineData("def g(x) { return x * x }\ndef f(x, y) {\n    return g(x) + y\n}")]               // a call of a script function
    [InlineData("def f(x, y) {\n    xs = [x, y]\n    return xs[0] * xs[1]\n}")]                    // a list
    [InlineData("k = 3.0\ndef f(x, y) {\n    return x * k + y\n}")]                                 // a global
    [InlineData("def f(x, y) {\n    s = 0\n    i = 0\n    while i < 3 {\n        s = s + x * y\n        i = i + 1\n    }\n    return s\n}")] // a while loop
    [InlineData("def f(x, y) {\n    s = 0\n    for v in [x, y] { s = s + v * v }\n    return s\n}")]   // a loop over a list
    [InlineData("def f(x, y) {\n    for i in range(3) {\n        if i > 1 { break }\n        x = x * y\n    }\n    return x\n}")] // a break
    [InlineData("def f(x, y) {\n    return x * z\n}")]                                             // an error mid-function
    [InlineData("def f(x, y) {\n    return \"a\" + x\n}")]                                         // a string
    [InlineData("def f(x, y) {\n    x += 1\n    return x * y\n}")]                                 // a leaf updated in place
    [InlineData("def f(x, y) {\n    return 1 // 0 + x\n}")]                                        // a fold that fails
    [InlineData("def f(x, y) {\n    return x // y\n}")]                                            // an operator that records nothing
    public void WhatItDoesNotTakeRunsOnTheTape(string source)
    {
        Same(e => { e.Run(source); return Call(e, 1.5, -2.0) + Call(e, 0.0, 3.0); });
        var engine = AdjointDigitsTests.Generating();
        engine.Run(source);
        try { Call(engine, 1.5, -2.0); }
        catch (ScriptException) { }
        Assert.False(Generated(engine));
    }

    [Fact]
    public void ABuiltinRedefinedAfterGenerationIsCalled()
    {
        string scenario(Engine e)
        {
            e.Run(TenOperations);
            string before = Call(e, 0.75, -1.25);
            e.Run("def sigmoid(v) { return v * 2 }");
            return before + "\n" + Call(e, 0.75, -1.25);
        }
        Assert.Contains("\n", Same(scenario));
        var engine = AdjointDigitsTests.Generating();
        var lines = scenario(engine).Split('\n');
        Assert.NotEqual(lines[0], lines[1]);
    }

    [Fact]
    public void AnomalyDetectionRunsOnTheTape() =>
        Assert.Contains("error", Same(e => { e.Run("def f(x) {\n    return log(x) * 2\n}"); return Call(e, -1.0); },
            (t, o) => new EngineOptions { Tiering = t, Output = o, DetectAnomaly = true }));

    [Fact]
    public void TheGraphLimitCountsEveryOperation()
    {
        // Ten operations fit a limit of ten and not of nine; each host call is a run with its own budget, a script's loop shares one.
        TenOperationsUnder((t, o) => new EngineOptions { Tiering = t, Output = o, MaxGraphNodes = 10 });
        Assert.Contains("graph limit exceeded", TenOperationsUnder((t, o) => new EngineOptions { Tiering = t, Output = o, MaxGraphNodes = 9 }));
        Assert.Contains("graph limit exceeded", Same(e =>
        {
            e.Run(TenOperations + "\ng = grad(f)\nfor i in range(10) { print(g(0.75, -1.25)) }\nprint(param(1.0) * 2)");
            return "";
        }, (t, o) => new EngineOptions { Tiering = t, Output = o, MaxGraphNodes = 45 }));
    }

    [Fact]
    public void StepAndDepthLimitsStopItWhereTheyStopTheInterpreter()
    {
        Assert.Contains("step limit exceeded", TenOperationsUnder((t, o) => new EngineOptions { Tiering = t, Output = o, MaxSteps = 0 }));
        Assert.Contains("maximum call depth exceeded", TenOperationsUnder((t, o) => new EngineOptions { Tiering = t, Output = o, MaxCallDepth = 0 }));
        Assert.Contains("step limit exceeded", Same(e =>
        {
            e.Run(TenOperations + "\ng = grad(f)\nfor i in range(100) { g(0.75, -1.25) }");
            return "";
        }, (t, o) => new EngineOptions { Tiering = t, Output = o, MaxSteps = 150 }));
    }

    [Fact]
    public void AnUnrolledLoopCountsItsStepsAndStopsWhereTheInterpreterStops()
    {
        const string loop = "def f(x, y) {\n    s = x\n    for i in range(2, 6) {\n        s = s * y + i\n    }\n    return tanh(s)\n}";
        var engine = AdjointDigitsTests.Generating();
        engine.Run(loop);
        Assert.EndsWith("steps 5", Same(e => { e.Run(loop); return Call(e, 0.3, 0.7); }));
        Call(engine, 0.3, 0.7);
        Assert.True(Generated(engine));
        for (long max = 0; max <= 6; max++)
            Same(e => { e.Run(loop); return Call(e, 0.3, 0.7); }, (t, o) => new EngineOptions { Tiering = t, Output = o, MaxSteps = max });
        Assert.Contains("step limit exceeded", Same(e =>
        {
            e.Run(loop + "\ng = grad(f)\nfor i in range(1000) { g(0.3, 0.7) }");
            return "";
        }, (t, o) => new EngineOptions { Tiering = t, Output = o, MaxSteps = 3000 }));
    }

    [Fact]
    public void ArgumentsItDoesNotTakeGiveTheTapesErrors()
    {
        Same(e => { e.Run(TenOperations); return Call(e, 0.75); });
        Same(e => { e.Run(TenOperations); return Call(e, 0.75, 1, 2); });
        Same(e => { e.Run(TenOperations + "\nprint(grad(f)(true, 1.0))"); return ""; });
        Same(e => { e.Run(TenOperations + "\nprint(grad(f, argnums=[0, 0])(2.0, 1.0))"); return ""; });
        Same(e => { e.Run(TenOperations + "\nw = param(2.0)\nprint(grad(f, argnums=1)(w, 1.0))\nprint(grad(grad(f))(w, 1.0))"); return ""; });
    }

    [Fact]
    public void OneCompiledScriptGivesTheSameGradientsOnFourThreads()
    {
        var script = new Engine().Compile(TenOperations);
        var expected = Call(Run(new Engine(new EngineOptions { Tiering = Tiering.InterpreterOnly })), 0.75, -1.25);
        Engine Run(Engine e) { e.Run(script); return e; }
        var results = new string[4];
        Parallel.For(0, 4, i =>
        {
            var engine = Run(new Engine(new EngineOptions { Tiering = i % 2 == 0 ? Tiering.InterpreterOnly : Tiering.CompileImmediately }));
            for (int n = 0; n < 200; n++) results[i] = Call(engine, 0.75, -1.25);
        });
        Assert.All(results, r => Assert.Equal(expected, r));
    }
}
