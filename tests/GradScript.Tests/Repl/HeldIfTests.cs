namespace GradScript.Tests.Repl;

/// <summary>
/// The REPL means what a file means (issue 15): an input that ends with a complete <c>if</c> is held
/// until the next line shows whether an <c>else</c> or <c>elif</c> follows, as the same lines in a
/// file would be parsed; a blank line, another statement or the end of input runs it.
/// </summary>
public class HeldIfTests
{
    [Fact]
    public void AnElseOnTheLineAfterTheBraceBelongsToTheIf()
    {
        var repl = new SessionDriver();
        repl.Ok("x = 2");
        Assert.Equal("", repl.Ok("if x > 1 {", "  print(\"big\")", "}"));
        Assert.Equal("... ", repl.Session.Prompt);
        Assert.Equal("big\n", repl.Ok("else {", "  print(\"small\")", "}"));
        Assert.Equal(">>> ", repl.Session.Prompt);
    }

    [Fact]
    public void AnElifChainIsHeldUntilItsFinalElse()
    {
        var repl = new SessionDriver();
        repl.Ok("x = 2");
        Assert.Equal("", repl.Ok("if x == 1 { print(1) }", "elif x == 2 { print(2) }"));
        Assert.Equal("... ", repl.Session.Prompt);
        Assert.Equal("2\n", repl.Ok("else { print(3) }"));
    }

    [Fact]
    public void AnotherStatementRunsTheHeldIfFirstThenItself()
    {
        var repl = new SessionDriver();
        Assert.Equal("", repl.Ok("if true { print(1) }"));
        Assert.Equal("1\n2\n", repl.Ok("print(2)"));
        Assert.Equal(">>> ", repl.Session.Prompt);
    }

    [Fact]
    public void ABlankLineEndsTheIfAsInPython()
    {
        var repl = new SessionDriver();
        Assert.Equal("", repl.Ok("if true {", "  print(\"ran\")", "}"));
        Assert.Equal("ran\n", repl.Ok(""));
        Assert.Equal(">>> ", repl.Session.Prompt);
    }

    [Fact]
    public void AnElseAfterTheIfEndedIsOneErrorAndItsBlockNeverRuns()
    {
        var repl = new SessionDriver();
        repl.Ok("if false { print(1) }", "");
        Assert.Equal("", repl.Ok("else {", "  print(\"never\")"));
        Assert.Equal("... ", repl.Session.Prompt);
        var (output, error) = repl.Feed("}");
        Assert.Equal("", output);
        Assert.Single(error.Split('\n'), line => line.Contains("error:"));
        Assert.Contains("'else'", error);
        Assert.Equal(">>> ", repl.Session.Prompt);
    }

    [Fact]
    public void ACommentLineKeepsTheIfOpenForItsElse()
    {
        var repl = new SessionDriver();
        Assert.Equal("", repl.Ok("if false { print(1) }", "# otherwise:"));
        Assert.Equal("2\n", repl.Ok("else { print(2) }"));
    }

    [Fact]
    public void AMetaCommandRunsTheHeldIfBeforeItself()
    {
        var repl = new SessionDriver();
        repl.Ok("if true { y = 7 }");
        Assert.Contains("y  int  7", repl.Ok(":vars"));
    }

    [Fact]
    public void TheEndOfInputRunsAHeldIf()
    {
        var repl = new SessionDriver();
        repl.Ok("if true { print(\"at the end\") }");
        repl.Session.Finish();
        Assert.Equal(("at the end\n", ""), repl.Take());
        Assert.False(repl.Session.HasPendingInput);
    }

    [Fact]
    public void CtrlCAtTheContinuationPromptDropsAHeldIf()
    {
        var repl = new SessionDriver();
        repl.Ok("if true { print(1) }");
        repl.Session.DiscardPendingInput();
        Assert.Equal(">>> ", repl.Session.Prompt);
        Assert.Equal("3\n", repl.Ok("3"));
    }

    [Fact]
    public void AnIfFollowedByMoreOnItsLineIsNotHeld()
    {
        var repl = new SessionDriver();
        Assert.Equal("1\n", repl.Ok("if true { print(1) }; x = 1"));
        Assert.Equal(">>> ", repl.Session.Prompt);
        Assert.Equal("2\n", repl.Ok("if true { print(2) } else { print(3) }"));
    }
}
