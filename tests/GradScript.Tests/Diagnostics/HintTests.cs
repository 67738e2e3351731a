namespace GradScript.Tests.Diagnostics;

using GradScript.Cli;
using GradScript.Diagnostics;
using GradScript.Runtime;

/// <summary>
/// The diagnostics that teach (issue 15): each common mistake is one error, at the place of its
/// cause, with a hint; the golden cases in tests/golden/diagnostics show their full text.
/// </summary>
public class HintTests
{
    private static ScriptSyntaxException SyntaxError(string source) =>
        Assert.Throws<ScriptSyntaxException>(() => new Engine().Compile(source, "t.grad"));

    private static ScriptRuntimeException RuntimeError(string source) =>
        Assert.Throws<ScriptRuntimeException>(() => new Engine(new EngineOptions { Output = TextWriter.Null, ModuleResolver = StandardLibrary.Instance }).Run(source, "t.grad"));

    [Theory]
    [InlineData("def f(x):\n    return x\n", 1, 9, "write `def f(x) { … }`, with the block's statements inside the braces")]
    [InlineData("x = 2\nif x > 1:  # big\n    print(x)\n", 2, 9, "write `if x > 1 { … }`, with the block's statements inside the braces")]
    [InlineData("for i in range(3):\n    print(i)\n", 1, 18, "write `for i in range(3) { … }`, with the block's statements inside the braces")]
    [InlineData("x = True\n", 1, 5, "GradScript writes `true` (lower case)")]
    [InlineData("print(1 < 2 < 3)\n", 1, 13, "write `a < b and b < c` (each comparison gives a bool)")]
    [InlineData("w = 1.0\nprint(max(w, 2.0)\nx = 3\nprint(x)\n", 2, 6, "add the missing ')'")]
    [InlineData("def f(x) {\n    if x > 1 {\n        return 1\n\n    return 2\n}\n", 2, 14, "add the '}' that ends this block")]
    [InlineData("def f(x) {\n    return 2\n", 1, 10, "add the '}' that ends this block")]
    public void ACommonSyntaxMistakeIsOneErrorAtItsCauseWithAHint(string source, int line, int column, string hint)
    {
        var error = SyntaxError(source);
        var only = Assert.Single(error.Errors);
        Assert.Equal((line, column, hint), (only.Line, only.Column, only.Hint));
        Assert.Equal(hint, error.Hint);
        Assert.Equal(only, error.Diagnostic);
    }

    [Fact]
    public void AColonInsideALineIsAPlainSyntaxErrorWithoutTheBlockHint()
    {
        // ':' is a token (slices, dicts, lambdas): out of place it is an ordinary syntax error.
        var first = SyntaxError("x = 1: 2\n").Errors[0];
        Assert.Contains("':'", first.Message);
        Assert.DoesNotContain("braces", first.Message);
        Assert.Null(first.Hint);
    }

    [Fact]
    public void AMissingCommaInAnOpenCallIsNotBlamedOnTheParenthesis()
    {
        var only = Assert.Single(SyntaxError("print(max(1,\n  2 3))\n").Errors);
        Assert.StartsWith("unexpected '3'", only.Message);
    }

    [Theory]
    [InlineData("pritn(1)", "did you mean 'print'?")]
    [InlineData("tahn(0.5)", "did you mean 'tanh'?")]
    [InlineData("w = parm(1.0)", "did you mean 'param'?")]
    [InlineData("Print(1)", "did you mean 'print'?")]
    [InlineData("def f(rate) { return rat * 2 }\nf(1)", "did you mean 'rate'?")]
    [InlineData("def outer() { width = 3; def inner() { return widht }; return inner() }\nouter()", "did you mean 'width'?")]
    [InlineData("def outer() { rate = 1; def inner(rats) { return rat }; return inner(2) }\nouter()", "did you mean 'rats'?")]
    [InlineData("f = lambda count: cuont + 1\nf(2)", "did you mean 'count'?")]
    [InlineData("print([itme for item in [1]])", "did you mean 'item'?")]
    [InlineData("def f() { return totl }\ntotal = 3\nf()", "did you mean 'total'?")]
    [InlineData("import \"nn\"\nnn.parameter([])", "did you mean 'parameters'?")]
    [InlineData("exit()", "there is no exit(): leave the REPL with :quit or Ctrl-D; a script ends after its last line, or with error(message)")]
    [InlineData("quit", "there is no exit(): leave the REPL with :quit or Ctrl-D; a script ends after its last line, or with error(message)")]
    [InlineData("x = null", "GradScript writes `none`")]
    [InlineData("zebra_count + 1", null)]
    public void AnUndefinedNameSuggestsTheClosestDefinedOne(string source, string? hint)
    {
        var error = RuntimeError(source);
        Assert.Equal(hint, error.Hint);
        Assert.Equal(hint, error.Diagnostic.Hint);
    }

    [Theory]
    [InlineData("pritn", "print", 1)]
    [InlineData("tahn", "tanh", 1)]
    [InlineData("parm", "param", 1)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("abc", "abc", 0)]
    public void DistanceCountsInsertionsDeletionsSubstitutionsAndSwaps(string a, string b, int distance) =>
        Assert.Equal(distance, Suggestions.Distance(a, b));

    [Fact]
    public void NoSuggestionIsAnotherWordAltogether()
    {
        Assert.Null(Suggestions.Closest("x", ["y", "z"]));
        Assert.Null(Suggestions.Closest("loss", ["list", "lr"]) is "lr" ? "lr" : null);
        Assert.Equal("learning_rate", Suggestions.Closest("learning_rat", ["learning_rate", "rate"]));
        Assert.Null(Suggestions.Closest(new string('a', 100), [new string('a', 99)]));
    }

    [Fact]
    public void ZeroGradWithoutArgumentsIsAnError()
    {
        var error = RuntimeError("w = param(1.0)\nzero_grad()");
        Assert.StartsWith("zero_grad() needs what to zero", error.Message);
    }

    [Fact]
    public void ManyIdenticalFramesAreSummarisedInTheRightNumber()
    {
        string one = DiagnosticRenderer.StackTrace("at f (a:1:1)\nat f (a:1:1)\nat f (a:1:1)\nat f (a:1:1)");
        Assert.EndsWith("  ... (1 more identical frame)\n", one);
        string two = DiagnosticRenderer.StackTrace("at f (a:1:1)\nat f (a:1:1)\nat f (a:1:1)\nat f (a:1:1)\nat f (a:1:1)");
        Assert.EndsWith("  ... (2 more identical frames)\n", two);
    }

    [Fact]
    public void ColoursMarkThePlaceTheKindTheCaretAndTheHint()
    {
        string plain = "t.grad:1:1: runtime error: name 'pritn' is not defined\n    pritn(1)\n    ^~~~~\n  at f (t.grad:2:1)\nhelp: did you mean 'print'?\n";
        string painted = ErrorColors.Paint(plain);
        Assert.Equal(plain, System.Text.RegularExpressions.Regex.Replace(painted, "\u001b\\[[0-9;]*m", ""));
        Assert.Contains("\u001b[1;31mruntime error:\u001b[0m", painted);
        Assert.Contains("\u001b[1;36mhelp:\u001b[0m did you mean 'print'?", painted);
        Assert.Contains("\u001b[1;31m    ^~~~~\u001b[0m", painted);
        Assert.Contains("    pritn(1)\n", painted);
    }

    [Fact]
    public void PipedErrorsHaveNoColour()
    {
        var outcome = Tests.Cli.CliRun.Run("-e", "pritn(1)");
        Assert.DoesNotContain('\u001b', outcome.Stderr);
        Assert.EndsWith("help: did you mean 'print'?\n", outcome.Stderr);
    }

    [Fact]
    public void AGraphUsageErrorPointsAtTheGraphHelp()
    {
        var outcome = Tests.Cli.CliRun.Run("graph");
        Assert.Equal(["gradscript: graph: missing FILE, the script to run", "Try 'gradscript graph --help'."], outcome.StderrLines);
    }

    [Fact]
    public void AnUnsupportedClrTypeIsNamedAsCSharpWritesItWithTheAcceptedList()
    {
        var error = Assert.Throws<ArgumentException>(() => new Engine().SetGlobal("x", new KeyValuePair<string, int>("a", 1)));
        Assert.Equal($"a KeyValuePair<string, int> cannot be a GradScript value; accepted: {ClrValues.Accepted}", error.Message);
        Assert.Equal("object", ClrValues.CSharpName(typeof(object)));
        Assert.Equal("int?[]", ClrValues.CSharpName(typeof(int?[])));
        Assert.Equal("Dictionary<string, List<double>>", ClrValues.CSharpName(typeof(Dictionary<string, List<double>>)));
    }
}
