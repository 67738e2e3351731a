namespace GradScript.Tests.Diagnostics;

using System.Runtime.CompilerServices;
using GradScript.Diagnostics;

/// <summary>
/// A span keeps its four positions in one long when they fit (in one of two forms: any span of
/// small positions, or a span within one long line) and in a small object when they do not (a
/// very long file, a long span far to the right, an end before its start): either way it gives
/// back exactly what it was made of, and equal positions make equal spans.
/// </summary>
public class SourceSpanTests
{
    private static readonly SourceText Source = new("t.grad", "x = 1\n");

    public static TheoryData<int, int, int, int> Positions => new()
    {
        { 1, 1, 1, 2 },
        { 0, 0, 0, 0 },
        { 1_048_575, 16_383, 1_048_575 + 2_047, 262_143 },  // the largest of the first form
        { 1_048_575, 2_097_151, 1_048_575, 4_194_303 },     // the largest of the one-line form
        { 1_048_576, 1, 1_048_576, 2 },                     // a line too far
        { 3, 16_384, 3, 16_390 },                           // a column too far for the first form, within one line
        { 3, 16_384, 4, 16_390 },                           // the same over two lines
        { 3, 2_097_152, 3, 2_097_160 },                     // a column too far for both
        { 3, 5, 3 + 2_048, 1 },                             // too many lines between start and end
        { 3, 5, 3, 262_144 },                               // an end column too far for the first form
        { 3, 5, 3, 4_194_304 },                             // and for the one-line form
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

    [Theory]
    [InlineData(3, 5, 4, 9, 0)]                 // the first form
    [InlineData(1, 7, 1, 2_000_009, 0)]         // a million-term chain's widest node: the one-line form
    [InlineData(1, 16_384, 2, 1, 1)]            // neither: an object
    public void AllocatesOnlyForPositionsThatFitNeitherForm(int line, int column, int endLine, int endColumn, int objects)
    {
        var spans = new SourceSpan[100];
        spans[0] = new SourceSpan(Source, line, column, endLine, endColumn);  // what a first call sets up is not the span's
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < spans.Length; i++) spans[i] = new SourceSpan(Source, line, column + i, endLine, endColumn + i);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(objects == 0 ? allocated == 0 : allocated >= spans.Length * 32L, $"{allocated} bytes for {spans.Length} spans");
        Assert.Equal(endColumn + 99, spans[^1].EndColumn);
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
