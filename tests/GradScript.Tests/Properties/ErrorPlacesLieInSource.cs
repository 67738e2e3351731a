namespace GradScript.Tests.Properties;

using GradScript.Diagnostics;
using Xunit.Abstractions;

/// <summary>
/// Property (b) of issue 6: every error names a place inside the source it names (the program, or
/// a standard module the program imported). Its line is one of that source's lines (counted as
/// <see cref="SourceText"/> and the lexer count them, with the empty line after a final newline,
/// where an error at the end of input stands), its column lies within that line or just after its
/// last character (in code points), and its span ends no earlier than it starts and no further
/// out. This holds for every diagnostic of a syntax error and for every frame of a runtime error's
/// script stack trace.
/// </summary>
public class ErrorPlacesLieInSource(ITestOutputHelper output)
{
    [Fact]
    public void InCorruptedPrograms()
    {
        var outcomes = new OutcomeTally();
        int cases = PropertyRun.Check(output, $"{nameof(ErrorPlacesLieInSource)}.{nameof(InCorruptedPrograms)}", 2500,
            Programs.CorruptedArbitrary, program => outcomes.Add(AssertPlaces(LimitedRun.Run(program.Text))));
        // Most corruptions break the syntax; a property whose cases all ran cleanly would check nothing.
        outcomes.Report(output);
        outcomes.AssertAtLeast(cases, "syntax error", 0.6);
        outcomes.AssertAtLeast(cases, "runtime error", 0.01);
    }

    /// <summary>
    /// Well-formed programs mostly run to their end, raising nothing whose place could be checked;
    /// so each one that does is run again with a step limit of half the steps it took, which stops
    /// it in the middle, inside whatever loops and calls it was in then.
    /// </summary>
    [Fact]
    public void InGeneratedPrograms()
    {
        var outcomes = new OutcomeTally();
        int cases = PropertyRun.Check(output, $"{nameof(ErrorPlacesLieInSource)}.{nameof(InGeneratedPrograms)}", 1000,
            Programs.WellFormedArbitrary, program =>
            {
                var (error, steps) = LimitedRun.Counted(program.Text, LimitedRun.MaxSteps);
                if (error is null && steps >= 2)
                {
                    error = LimitedRun.Counted(program.Text, steps / 2).Error;
                    Assert.True(error is ScriptLimitException, $"stopped at step {steps / 2} of {steps}, the program raised {error?.Message ?? "nothing"}");
                    outcomes.Add("stopped halfway");
                }
                outcomes.Add(AssertPlaces(error));
            });
        outcomes.Report(output);
        outcomes.AssertAtLeast(cases, "stopped halfway", 0.4);
        outcomes.AssertAtLeast(cases, "runtime error in a call", 0.01);
    }

    // Checks the places of an error; says what kind of outcome the case had.
    private static string AssertPlaces(ScriptException? error)
    {
        if (error is null) return "no error";
        AssertInside(error.Span, $"{error.GetType().Name}: {error.Message}");
        switch (error)
        {
            case ScriptSyntaxException syntax:
                Assert.InRange(syntax.Errors.Count, 1, ScriptSyntaxException.MaxErrors);
                foreach (var diagnostic in syntax.Errors) AssertInside(diagnostic.Span, diagnostic.Message);
                return "syntax error";
            case ScriptRuntimeException runtime:
                foreach (var (function, callSite) in runtime.Frames) AssertInside(callSite, $"the call of {function}");
                return runtime.Frames.Count > 0 ? "runtime error in a call" : "runtime error";
            default:
                return "other error";
        }
    }

    private static void AssertInside(SourceSpan span, string what)
    {
        var lines = LineLengths(span.Source.Text);
        string where = $"{what} at {span}-{span.EndLine}:{span.EndColumn}, in a source of {lines.Count} lines ({string.Join(", ", lines)} code points)";
        bool named = span.Source.Name == LimitedRun.Name || span.Source.Name.StartsWith("<stdlib>/", StringComparison.Ordinal);
        Assert.True(named, $"{where}: reported under '{span.Source.Name}'");
        Assert.True(span.Line >= 1 && span.Line <= lines.Count, $"{where}: no such line");
        Assert.True(span.Column >= 1 && span.Column <= lines[span.Line - 1] + 1, $"{where}: no such column");
        Assert.True(span.EndLine >= span.Line && span.EndLine <= lines.Count, $"{where}: the end line is out of place");
        Assert.True(span.EndLine > span.Line || span.EndColumn >= span.Column, $"{where}: the span ends before it starts");
        Assert.True(span.EndColumn >= 1 && span.EndColumn <= lines[span.EndLine - 1] + 2, $"{where}: the end column is out of place");
    }

    /// <summary>
    /// The length in code points of each line of a source's text (which has lost its byte-order
    /// mark), split where the lexer splits: \n, \r\n, a lone \r, U+2028, U+2029.
    /// </summary>
    private static List<int> LineLengths(string text)
    {
        var lengths = new List<int>();
        int length = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c is '\n' or '\r' or '\u2028' or '\u2029')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                lengths.Add(length);
                length = 0;
                continue;
            }
            if (char.IsSurrogatePair(text, i)) i++;
            length++;
        }
        lengths.Add(length);
        return lengths;
    }
}
