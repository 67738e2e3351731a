namespace GradScript.Tests.Runtime;

using GradScript.Tests.Oracles.Python;

/// <summary>
/// Every kind of callee called with arguments that do not fit reports in one wording, CPython's:
/// script functions and lambdas (checked against python3 itself), builtins, builtins that bind
/// by name, methods and both kinds of host function.
/// </summary>
public class ArityTests
{
    // A call that does not fit a function defined in the script, and the same in Python.
    public static readonly (string GradScript, string Python)[] ScriptCalls =
    [
        ("def f() { }\nf(1)", "def f(): pass\nf(1)"),
        ("def h(a) { }\nh(1, 2)", "def h(a): pass\nh(1, 2)"),
        ("def g(a, b=1) { }\ng(1, 2, 3)", "def g(a, b=1): pass\ng(1, 2, 3)"),
        ("def g(a, b=1) { }\ng()", "def g(a, b=1): pass\ng()"),
        ("def g(a, b, c) { }\ng()", "def g(a, b, c): pass\ng()"),
        ("def g(a, b, c) { }\ng(1)", "def g(a, b, c): pass\ng(1)"),
        ("def g(a, b=2) { }\ng(b=1)", "def g(a, b=2): pass\ng(b=1)"),
        ("def g(a) { }\ng(1, a=2)", "def g(a): pass\ng(1, a=2)"),
        ("def g(a) { }\ng(1, b=2)", "def g(a): pass\ng(1, b=2)"),
        ("f = lambda: 1\nf(2)", "f = lambda: 1\nf(2)"),
        ("f = lambda x: 1\nf()", "f = lambda x: 1\nf()"),
        ("f = lambda x, y=1: 1\nf(1, 2, 3)", "f = lambda x, y=1: 1\nf(1, 2, 3)"),
    ];

    [PythonFact]
    public void ScriptFunctionsReportAsCPythonDoes()
    {
        var expected = PythonOracle.Run(ScriptCalls.Select(c => $"try:\n    exec({Quote(c.Python)})\nexcept TypeError as e:\n    _b.print(_S(e))\n").ToList());
        for (int i = 0; i < ScriptCalls.Length; i++)
            Assert.Equal(expected[i].TrimEnd('\n'), Error(ScriptCalls[i].GradScript));
    }

    [Fact]
    public void ScriptFunctionsSayHowManyTheyTake()
    {
        Assert.Equal("f() takes 0 positional arguments but 1 was given", Error("def f() { }\nf(1)"));
        Assert.Equal("h() takes 1 positional argument but 2 were given", Error("def h(a) { }\nh(1, 2)"));
        Assert.Equal("g() takes from 1 to 2 positional arguments but 3 were given", Error("def g(a, b=1) { }\ng(1, 2, 3)"));
        Assert.Equal("g() missing 3 required positional arguments: 'a', 'b', and 'c'", Error("def g(a, b, c) { }\ng()"));
        Assert.Equal("g() missing 2 required positional arguments: 'b' and 'c'", Error("def g(a, b, c) { }\ng(1)"));
        Assert.Equal("<lambda>() missing 1 required positional argument: 'x'", Error("f = lambda x: 1\nf()"));
    }

    [Fact]
    public void BuiltinsSayHowManyTheyTake()
    {
        Assert.Equal("progress() takes 1 positional argument but 0 were given", Error("progress()"));
        Assert.Equal("progress_note() takes 2 positional arguments but 1 was given", Error("progress_note(\"loss\")"));
        Assert.Equal("plot() takes from 1 to 2 positional arguments but 3 were given", Error("plot([1], [2], [3])"));
        Assert.Equal("min() takes at least 1 positional argument but 0 were given", Error("min()"));
    }

    [Fact]
    public void BuiltinsThatBindByNameSayWhatIsMissing()
    {
        Assert.Equal("sgd() takes from 2 to 6 positional arguments but 7 were given", Error("sgd([param(1.0)], 0.1, 0.9, 0.0, 0.0, false, 1)"));
        Assert.Equal("sgd() missing 1 required positional argument: 'lr'", Error("sgd([param(1.0)])"));
        Assert.Equal("sgd() missing 2 required positional arguments: 'params' and 'lr'", Error("sgd(momentum=0.5)"));
        Assert.Equal("sgd() got an unexpected keyword argument 'rate'", Error("sgd([param(1.0)], rate=0.1)"));
        Assert.Equal("sgd() got multiple values for argument 'lr'", Error("sgd([param(1.0)], 0.1, lr=0.1)"));
    }

    [Fact]
    public void MethodsSayHowManyTheyTakeAsATypeError()
    {
        Assert.Equal("TypeError: item() takes 0 positional arguments but 1 was given", Error("w = param(1.0)\nw.item(0)"));
        Assert.Equal("TypeError: append() takes 1 positional argument but 0 were given", Error("xs = []\nxs.append()"));
    }

    [Fact]
    public void HostFunctionsSayHowManyTheyTake()
    {
        var engine = new Engine(new EngineOptions { Output = TextWriter.Null });
        engine.SetFunction("two", (x, y) => x * y);
        engine.SetFunction("h", (Delegate)new Func<double, double>(x => x));
        engine.SetFunction("greet", new Func<string, string>(s => s));
        Assert.Equal("two() takes 2 positional arguments but 1 was given", Assert.Throws<ScriptRuntimeException>(() => engine.Run("two(1)", "t.grad")).Message);
        Assert.Equal("h() takes 1 positional argument but 2 were given", Assert.Throws<ScriptRuntimeException>(() => engine.Run("h(1, 2)", "t.grad")).Message);
        Assert.Equal("greet() takes 1 positional argument but 0 were given", Assert.Throws<ScriptRuntimeException>(() => engine.Run("greet()", "t.grad")).Message);
    }

    private static string Error(string source)
    {
        var engine = new Engine(new EngineOptions { Output = TextWriter.Null });
        return Assert.Throws<ScriptRuntimeException>(() => engine.Run(source, "t.grad")).Message;
    }

    private static string Quote(string python) => "'" + python.Replace("\n", "\\n", StringComparison.Ordinal) + "'";
}
