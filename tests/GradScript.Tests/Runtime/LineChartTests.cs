namespace GradScript.Tests.Runtime;

using GradScript.Runtime.Terminal;
using Xunit;

/// <summary>
/// <see cref="LineChart"/>'s geometry, read back from the braille it draws: where the ends of a
/// line fall, that a line has no gaps, the layout of axes and labels. The golden tests in
/// <c>tests/golden/plot/</c> pin whole pictures; these pin the properties the pictures rely on.
/// </summary>
public class LineChartTests
{
    [Fact]
    public void ARisingLineRunsFromTheBottomLeftDotToTheTopRightDot()
    {
        var dots = Dots(LineChart.Render([0, 1], [0, 1], null, width: 10, height: 2), width: 10, height: 2);
        Assert.True(dots[7, 0]);
        Assert.True(dots[0, 19]);
        Assert.Equal(20, Count(dots));      // one dot per column on a shallow line from corner to corner
    }

    [Fact]
    public void ASteepLineHasADotInEveryRowAndEveryColumnBetweenItsEnds()
    {
        var dots = Dots(LineChart.Render([0, 1], [0, 100], null, width: 10, height: 10), width: 10, height: 10);
        for (int row = 0; row < 40; row++) Assert.True(Enumerable.Range(0, 20).Any(column => dots[row, column]), $"row {row} is empty");
        for (int column = 0; column < 20; column++) Assert.True(Enumerable.Range(0, 40).Any(row => dots[row, column]), $"column {column} is empty");
        Assert.Equal(40, Count(dots));      // one dot per row on a steep line
    }

    [Fact]
    public void ANonFinitePointBreaksTheLine()
    {
        var joined = Dots(LineChart.Render([0, 1, 2, 3], [0, 1, 1, 0], null, width: 10, height: 2), width: 10, height: 2);
        var broken = Dots(LineChart.Render([0, 1, 2, 3], [0, 1, double.NaN, 0], null, width: 10, height: 2), width: 10, height: 2);
        Assert.True(Count(broken) < Count(joined));
        Assert.True(broken[0, 6]);     // (1, 1) is still drawn
        Assert.False(broken[0, 10]);   // the segments on either side of the gap are not
        Assert.True(broken[7, 19]);    // (3, 0)
    }

    [Fact]
    public void TheLayoutIsTitleRowsAxisLabelsWithoutTrailingSpaces()
    {
        string chart = LineChart.Render([1, 2, 3], [5, 7, 6], "t", width: 12, height: 3);
        var lines = chart.Split('\n');
        Assert.Equal("", lines[^1]);
        Assert.Equal(1 + 3 + 2, lines.Length - 1);
        Assert.Equal("t", lines[0].Trim());
        Assert.StartsWith("7 ┤", lines[1]);
        Assert.StartsWith("  │", lines[2]);
        Assert.StartsWith("5 ┤", lines[3]);
        Assert.Equal("  └" + new string('─', 12), lines[4]);
        Assert.Equal("   1          3", lines[5]);
        Assert.All(lines, line => Assert.False(line.EndsWith(' ')));
    }

    [Theory]
    [InlineData(3.0, 1.0, "3")]
    [InlineData(-0.0, 1.0, "0")]
    [InlineData(2.5, 0.1, "2.5")]
    [InlineData(0.06223, 4.05, "0.06223")]
    [InlineData(1.00001, 1.00002, "1.00001")]
    [InlineData(1.0000000000000011, 1.0000000000000013, "1.0000000000000011")]
    [InlineData(123456.7, 0.0, "1.235e+05")]
    [InlineData(1e20, 0.0, "1e+20")]
    public void LabelsUseFourSignificantDigitsOrAsManyAsTellTheEndsApart(double value, double other, string expected) =>
        Assert.Equal(expected, LineChart.Label(value, other));

    /// <summary>Nothing but the input decides the text: not a chart drawn before it.</summary>
    [Fact]
    public void TheSameInputGivesTheSameText()
    {
        string Draw() => LineChart.Render([0, 0.25, 1], [1.5, -2.25, 0.5], "x", width: 12, height: 3);
        string first = Draw();
        LineChart.Render([5, 6, 7], [-1e9, double.NaN, 1e9], "another", width: 30, height: 8);
        Assert.Equal(first, Draw());
        var lines = first.Split('\n');
        Assert.StartsWith("  1.5 ┤", lines[1]);
        Assert.StartsWith("-2.25 ┤", lines[3]);
        Assert.Equal("       0          1", lines[5]);
    }

    /// <summary>The dots of the plot area, [row from the top, column], decoded from the braille cells.</summary>
    private static bool[,] Dots(string chart, int width, int height)
    {
        int[,] bits = { { 0x01, 0x08 }, { 0x02, 0x10 }, { 0x04, 0x20 }, { 0x40, 0x80 } };
        var rows = chart.Split('\n').Take(height).ToArray();
        var dots = new bool[height * 4, width * 2];
        for (int row = 0; row < height; row++)
        {
            int axis = rows[row].IndexOfAny(['┤', '│']);
            string cells = rows[row][(axis + 1)..].PadRight(width);
            for (int column = 0; column < width; column++)
            {
                int pattern = cells[column] == ' ' ? 0 : cells[column] - '\u2800';
                for (int r = 0; r < 4; r++)
                    for (int c = 0; c < 2; c++)
                        dots[row * 4 + r, column * 2 + c] = (pattern & bits[r, c]) != 0;
            }
        }
        return dots;
    }

    private static int Count(bool[,] dots) => dots.Cast<bool>().Count(d => d);
}
