namespace GradScript.Tests.Tooling;

using GradScript.Tooling;

/// <summary>The public "is this input complete?" that the REPL, the notebook kernel and hosts' own REPLs ask.</summary>
public class InteractiveInputTests
{
    [Theory]
    [InlineData("x = 1", InputStatus.Complete)]
    [InlineData("", InputStatus.Complete)]
    [InlineData("# only a comment", InputStatus.Complete)]
    [InlineData("def f(x) {", InputStatus.Incomplete)]
    [InlineData("print(1,", InputStatus.Incomplete)]
    [InlineData("y = 1 \\", InputStatus.Incomplete)]
    [InlineData("s = \"abc\\", InputStatus.Incomplete)]
    [InlineData("x = 1 # ends in \\", InputStatus.Complete)]
    [InlineData("if x { 1 }", InputStatus.CompleteUnlessElse)]
    [InlineData("if x {\n  1\n}  # a comment", InputStatus.CompleteUnlessElse)]
    [InlineData("if a { 1 } elif b { 2 }", InputStatus.CompleteUnlessElse)]
    [InlineData("if a { 1 } else if b { 2 }", InputStatus.CompleteUnlessElse)]
    [InlineData("if a { 1 } else { 2 }", InputStatus.Complete)]
    [InlineData("if a { 1 };", InputStatus.Complete)]
    [InlineData("if a { 1 }; x = 2", InputStatus.Complete)]
    [InlineData("while a { 1 }", InputStatus.Complete)]
    [InlineData("d = {}", InputStatus.Complete)]
    [InlineData("def f() { if a { 1 } }", InputStatus.Complete)]
    public void EachInputGetsItsStatus(string text, InputStatus expected)
    {
        Assert.Equal(expected, InteractiveInput.Check(text));
    }

    [Theory]
    [InlineData("else {")]
    [InlineData("elif x > 1 {\n  print(1)")]
    [InlineData("  else {")]
    public void AnElseWithoutItsIfIsReadToTheEndOfItsBlock(string text)
    {
        Assert.Equal(InputStatus.Incomplete, InteractiveInput.Check(text));
    }

    [Theory]
    [InlineData("1 )")]
    [InlineData("1 + * 2")]
    [InlineData("x = 'unterminated")]
    [InlineData("else { }")]
    [InlineData("x = \"\0\"")]
    [InlineData("x = \"\uD800\"")]
    [InlineData("if x { \uDC00 }")]
    [InlineData("))))((((")]
    public void MalformedInputIsCompleteSoItsErrorsAreReportedAtOnce(string text)
    {
        Assert.Equal(InputStatus.Complete, InteractiveInput.Check(text));
    }

    [Theory]
    [InlineData("else {", true)]
    [InlineData("   elif x {", true)]
    [InlineData("else", true)]
    [InlineData("# a comment", true)]
    [InlineData("elsewhere = 1", false)]
    [InlineData("elif_count += 1", false)]
    [InlineData("", false)]
    [InlineData("   ", false)]
    [InlineData("print(1)", false)]
    public void ALineContinuesAHeldIfWhenItIsItsElseOrAComment(string line, bool continues)
    {
        Assert.Equal(continues, InteractiveInput.ContinuesIf(line));
    }

    [Fact]
    public void NullIsRefused()
    {
        Assert.Throws<ArgumentNullException>(() => InteractiveInput.Check(null!));
        Assert.Throws<ArgumentNullException>(() => InteractiveInput.ContinuesIf(null!));
    }
}
