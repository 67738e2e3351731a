namespace GradScript.Tests.Repl;

using GradScript.Cli.Repl;

/// <summary>When the REPL reads another line (<c>... </c>) and when it runs what it has (issue 3, item 2).</summary>
public class InputContinuationTests
{
    [Theory]
    [InlineData("def f(x) {")]
    [InlineData("while true {")]
    [InlineData("no_grad {")]
    [InlineData("for i in 0..3 <")]
    [InlineData("x = (1 +")]
    [InlineData("xs = [1,\n")]
    [InlineData("print(")]
    [InlineData("f(a=")]
    [InlineData("1 +")]
    [InlineData("x = 1; y =")]
    [InlineData("y = 1 \\")]
    [InlineData("y = 1 \\  ")]
    [InlineData("s = \"abc\\")]
    [InlineData("if x {\n  y = [1,\n  2")]
    public void AnOpenBlockBracketStringOrLineJoinNeedsMore(string text)
    {
        Assert.True(InputBuffer.NeedsMore(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("# just a comment")]
    [InlineData("x = 1")]
    [InlineData("if x { 1 }")]
    [InlineData("def f(x) {\n  return x\n}")]
    [InlineData("s = \"abc\\\ndef\"")]
    [InlineData("1 )")]
    [InlineData("1 + * 2")]
    [InlineData("def f")]
    [InlineData("x = 'unterminated")]
    [InlineData("s = \"abc\\\\")]
    [InlineData("x = 1 # a comment ending in \\")]
    [InlineData("if x { 1 } else")]
    public void ACompleteInputOrAnErrorNotAboutItsEndIsReadyAtOnce(string text)
    {
        Assert.False(InputBuffer.NeedsMore(text));
    }

    [Fact]
    public void TheBufferJoinsItsLinesAndForgetsThemOnClear()
    {
        var buffer = new InputBuffer();
        buffer.Add("def f(x) {");
        Assert.False(buffer.IsComplete);
        buffer.Add("  return x }");
        Assert.True(buffer.IsComplete);
        Assert.Equal("def f(x) {\n  return x }", buffer.Text);
        buffer.Clear();
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void ThePromptFollowsTheInput()
    {
        var repl = new SessionDriver();
        Assert.Equal(">>> ", repl.Session.Prompt);
        repl.Ok("def double(x) {");
        Assert.Equal("... ", repl.Session.Prompt);
        repl.Ok("  return x * 2");
        Assert.Equal("... ", repl.Session.Prompt);
        repl.Ok("}");
        Assert.Equal(">>> ", repl.Session.Prompt);
        Assert.Equal("42\n", repl.Ok("double(21)"));
    }

    [Fact]
    public void ASyntaxErrorIsReportedAtOnceWithItsPlace()
    {
        var repl = new SessionDriver();
        var (output, error) = repl.Feed("x = 1 )");
        Assert.Equal("", output);
        Assert.StartsWith("<repl-1>:1:7: error: unexpected ')'", error);
        Assert.Equal(">>> ", repl.Session.Prompt);
    }

    [Fact]
    public void AMetaCommandInsideAnUnfinishedInputIsCode()
    {
        var repl = new SessionDriver();
        repl.Ok("x = (");
        var (_, error) = repl.Feed(":vars");
        // ':' is a token now (slices, dicts): the unfinished `(` is what the error names.
        Assert.Contains("<repl-1>:1:5: error: '(' was never closed", error);
        Assert.Equal(">>> ", repl.Session.Prompt);
    }

    [Fact]
    public void TheEndOfInputReportsAnUnfinishedInput()
    {
        var repl = new SessionDriver();
        repl.Ok("print(1,");
        repl.Session.Finish();
        Assert.Contains("<repl-1>:1:9: error: unexpected end of input", repl.Take().Error);
        Assert.False(repl.Session.HasPendingInput);
    }

    [Fact]
    public void DiscardingForgetsTheUnfinishedInput()
    {
        var repl = new SessionDriver();
        repl.Ok("def f(x) {");
        repl.Session.DiscardPendingInput();
        Assert.Equal(">>> ", repl.Session.Prompt);
        Assert.Equal("3\n", repl.Ok("1 + 2"));
    }
}
