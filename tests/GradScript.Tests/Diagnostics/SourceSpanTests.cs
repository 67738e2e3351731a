namespace GradScript.Tests.Diagnostics;

using System.Runtime.CompilerServices;
using GradScript.Diagnostics;

/// <summary>
/// A span keeps its four positions in one long when they fit and in a small object when they do
/// not (a very long line, a very long file, an end before its start): either way it gives back
/// exactly what it was made of, and equal positions make equal spans.
/// </summary>
public class SourceSpanTests
{
    private static readonly SourceText Source = new("t.grad", "x = 1\n");

    public static TheoryData<int, int, int, int> Positions => new()
    {
        { 1, 1, 1, 2 },
        { 0, 0, 0, 0 },
        { 1_048_575, 16_383, 1_048_575 + 4_095, 262_143 },  // the largest that pack
        { 1_048_576, 1, 1_048_576, 2 },                     // a line too far
        { 3, 16_384, 3, 16_390 },                           // a column too far
        { 3, 5, 3 + 4_096, 1 },                             // too many lines between start and end
        { 3, 5, 3, 262_144 },                               // an end column too far
        { 7, 5, 6, 1 },                                     // an end before the start
        { -1, -1, -1, -1 },
        { int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue },
    };

    [Theory]
    [MemberData(nameof(Positions))]
    public void GivesBackItsPositions(int line, int column, int endLine, int endColumn)
    {
        var span = new SourceSpan(Source, line, column, endLine, endColumn);
        Assert.Equal((Source, line, column, endLine, endColumn), (span.Source, span.Line, span.Column, span.EndLine, span.EndColumn));
        var (source, l, c, el, ec) = span;
        Assert.Equal((Source, line, column, endLine, endColumn), (source, l, c, el, ec));
        Assert.Equal($"t.grad:{line}:{column}", span.ToString());
    }

    [Theory]
    [MemberData(nameof(Positions))]
    public void EqualPositionsAreEqualSpans(int line, int column, int endLine, int endColumn)
    {
        var span = new SourceSpan(Source, line, column, endLine, endColumn);
        var same = new SourceSpan(Source, line, column, endLine, endColumn);
        Assert.Equal(span, same);
        Assert.True(span == same);
        Assert.Equal(span.GetHashCode(), same.GetHashCode());
        Assert.NotEqual(span, span with { EndColumn = endColumn + 1 });
        Assert.NotEqual(span, new SourceSpan(new SourceText("t.grad", "x = 1\n"), line, column, endLine, endColumn));
    }

    [Fact]
    public void WithChangesOnePositionAndKeepsTheOthers()
    {
        var span = new SourceSpan(Source, 2, 3, 4, 5);
        Assert.Equal(new SourceSpan(Source, 9, 3, 4, 5), span with { Line = 9 });
        Assert.Equal(new SourceSpan(Source, 2, 3, 4, 1_000_000), span with { EndColumn = 1_000_000 });
        Assert.Equal(new SourceSpan(Source, 2, 3, 4, 5), span with { EndColumn = 1_000_000 } with { EndColumn = 5 });
    }

    [Fact]
    public void DefaultHasNoSourceAndZeroPositions()
    {
        var span = default(SourceSpan);
        Assert.Null(span.Source);
        Assert.Equal((0, 0, 0, 0), (span.Line, span.Column, span.EndLine, span.EndColumn));
    }

    [Fact]
    public void TakesSixteenBytes() =>
        // A reference and a long: the size every executable node's span costs it (it was 24).
        Assert.Equal(16, Unsafe.SizeOf<SourceSpan>());

    [Fact]
    public void CoverRunsFromTheFirstStartToTheLastEnd() =>
        Assert.Equal(new SourceSpan(Source, 1, 2, 5, 6),
            SourceSpan.Cover(new SourceSpan(Source, 1, 2, 1, 3), new SourceSpan(Source, 4, 1, 5, 6)));
}
