namespace GradScript.Tests.Fuzz;

/// <summary>
/// The bugs the fuzzer found, each as the smallest readable script that showed it, with the error
/// it must give now. The fuzzer's own inputs are replayed by <see cref="FuzzCorpusTests"/>.
/// </summary>
public class FuzzRegressionTests
{
    private static ScriptException Fails(string source) =>
        Assert.IsAssignableFrom<ScriptException>(Record.Exception(() => new Engine().Run(source, "t.grad")));

    [Fact]
    public void ASyntaxErrorAfterAHundredOthersStillStopsTheParse()
    {
        // The error collector keeps 100 errors; the parser's recovered tree of the broken `x = 1 +`
        // used to reach the AST builder, which threw a NullReferenceException.
        var error = Assert.IsType<ScriptSyntaxException>(Fails(new string(':', 100) + "\nx = 1 +\n"));
        Assert.Equal((1, 1), (error.Line, error.Column));
    }

    [Fact]
    public void AQuoteAloneAtTheEndOfALineIsAnUnterminatedString()
    {
        // The unterminated string `"` was handed to the AST builder as a string literal of one
        // character, and stripping its two quotes threw an ArgumentOutOfRangeException.
        var error = Assert.IsType<ScriptSyntaxException>(Fails("s = \""));
        Assert.Equal("unterminated string: the line ends before its closing quote", error.Message);
        Assert.Equal((1, 5), (error.Line, error.Column));
    }
}
