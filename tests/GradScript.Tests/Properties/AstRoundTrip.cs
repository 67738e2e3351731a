namespace GradScript.Tests.Properties;

using GradScript.Ast;
using GradScript.Diagnostics;
using GradScript.Syntax;
using Xunit.Abstractions;

/// <summary>
/// Property (c) of issue 6: printing a parsed program with <see cref="AstPrinter"/> and parsing the
/// text again gives the same tree, spans aside (<see cref="AstEquality"/>); and printing that tree
/// gives the same text (the printer's output is its own fixed point). Generated programs must parse;
/// corrupted ones are checked whenever they still do, which reaches odd corners of precedence and
/// literals the generator would not write.
/// </summary>
public class AstRoundTrip(ITestOutputHelper output)
{
    [Fact]
    public void OfGeneratedPrograms() =>
        PropertyRun.Check(output, $"{nameof(AstRoundTrip)}.{nameof(OfGeneratedPrograms)}", 1500,
            Programs.WellFormedArbitrary, program =>
            {
                var parsed = Parse(program.Text);
                Assert.True(parsed.Errors.Count == 0, $"a generated program does not parse: {parsed.Errors.FirstOrDefault()}");
                AssertRoundTrip(parsed.Script!);
            });

    [Fact]
    public void OfCorruptedProgramsThatStillParse() =>
        PropertyRun.Check(output, $"{nameof(AstRoundTrip)}.{nameof(OfCorruptedProgramsThatStillParse)}", 1500,
            Programs.CorruptedArbitrary, program =>
            {
                var parsed = Parse(program.Text);
                if (parsed.Errors.Count == 0) AssertRoundTrip(parsed.Script!);
            });

    private static ScriptParser.Outcome Parse(string text) => ScriptParser.TryParse(new SourceText(LimitedRun.Name, text));

    internal static void AssertRoundTrip(ScriptNode script)
    {
        string printed = AstPrinter.Print(script);
        var reparsed = Parse(printed);
        Assert.True(reparsed.Errors.Count == 0, $"the printed program does not parse: {reparsed.Errors.FirstOrDefault()}\n{printed}");
        var difference = AstEquality.Difference(script, reparsed.Script);
        Assert.True(difference is null, $"the printed program parses to another tree: {difference}\n{printed}");
        Assert.Equal(printed, AstPrinter.Print(reparsed.Script!));
    }
}
