namespace GradScript.Runtime.Terminal;

using System.Text;

/// <summary>
/// A line chart as text, for <c>plot</c>: the points joined in order by straight lines of braille
/// dots (each character cell holds 2×4 dots), a y axis labelled with the smallest and largest y,
/// an x axis labelled with the smallest and largest x, and an optional title centred above:
/// <code>
///                 loss
///  2.5 ┤⢣
///      │ ⠑⢄
///  0.1 ┤   ⠉⠒⠤⣀⣀⣀
///      └──────────
///       0       99
/// </code>
/// The text depends on nothing but the points and the sizes, so it can be golden-tested. A point
/// with a NaN or infinite coordinate is not drawn and breaks the line there (as matplotlib does);
/// a note under the chart counts them. A constant series is drawn across the middle row, labelled
/// there; a single x value is drawn in the middle column. Lines end without trailing spaces.
/// </summary>
internal static class LineChart
{
    /// <summary>Plot area in character cells: about a third of a 180-column terminal, and half of an 80-column one's height.</summary>
    public const int DefaultWidth = 60, DefaultHeight = 15;

    /// <summary>The sizes <c>plot</c> accepts: enough room for two labels, and no more than a wide terminal shows.</summary>
    public const int MinWidth = 10, MaxWidth = 200, MinHeight = 2, MaxHeight = 100;

    private const int DotsPerColumn = 2, DotsPerRow = 4;

    /// <summary>The braille character with no dots; each dot adds its bit (Unicode's braille block).</summary>
    private const char BrailleBlank = '\u2800';

    /// <summary>The bit of the dot at (row, column) within a cell.</summary>
    private static readonly int[,] DotBits = { { 0x01, 0x08 }, { 0x02, 0x10 }, { 0x04, 0x20 }, { 0x40, 0x80 } };

    /// <summary>The chart of the points (<paramref name="xs"/>[i], <paramref name="ys"/>[i]), with <c>\n</c> line ends.</summary>
    /// <param name="xs">The x coordinates; as many as <paramref name="ys"/>.</param>
    /// <param name="ys">The y coordinates; at least one.</param>
    /// <param name="title">Shown centred above the chart; none when null or empty.</param>
    /// <param name="width">Plot area width in cells, from <see cref="MinWidth"/> to <see cref="MaxWidth"/>.</param>
    /// <param name="height">Plot area height in cells, from <see cref="MinHeight"/> to <see cref="MaxHeight"/>.</param>
    public static string Render(IReadOnlyList<double> xs, IReadOnlyList<double> ys, string? title, int width = DefaultWidth, int height = DefaultHeight)
    {
        if (xs.Count != ys.Count) throw new ArgumentException("xs and ys differ in length");
        var finite = Enumerable.Range(0, xs.Count).Where(i => double.IsFinite(xs[i]) && double.IsFinite(ys[i])).ToList();
        int skipped = xs.Count - finite.Count;
        var text = new StringBuilder();
        if (finite.Count == 0)
        {
            if (!string.IsNullOrEmpty(title)) Line(text, title);
            Line(text, $"(nothing to plot: {Points(skipped)} {(skipped == 1 ? "is" : "are")} nan or inf)");
            return text.ToString();
        }

        var x = new Axis(finite.Min(i => xs[i]), finite.Max(i => xs[i]), width * DotsPerColumn);
        var y = new Axis(finite.Min(i => ys[i]), finite.Max(i => ys[i]), height * DotsPerRow);
        var dots = new bool[height * DotsPerRow, width * DotsPerColumn];
        (int Row, int Column)? previous = null;
        for (int i = 0; i < xs.Count; i++)
        {
            if (!double.IsFinite(xs[i]) || !double.IsFinite(ys[i])) { previous = null; continue; }
            var current = (Row: y.Dots - 1 - y.Dot(ys[i]), Column: x.Dot(xs[i]));
            DrawSegment(dots, previous ?? current, current);
            previous = current;
        }

        string top = y.IsFlat ? "" : Label(y.Max, y.Min), bottom = y.IsFlat ? "" : Label(y.Min, y.Max);
        string middle = y.IsFlat ? Label(y.Min, y.Min) : "";
        int gutter = Math.Max(Math.Max(top.Length, bottom.Length), middle.Length) + 1;
        if (!string.IsNullOrEmpty(title))
            Line(text, new string(' ', gutter + 1 + Math.Max(0, (width - title.Length) / 2)) + title);
        for (int row = 0; row < height; row++)
        {
            string label = row == 0 ? top : row == height - 1 ? bottom : y.IsFlat && row == (height - 1) / 2 ? middle : "";
            var line = new StringBuilder(label.PadLeft(gutter - 1)).Append(' ').Append(label.Length > 0 ? '┤' : '│');
            for (int column = 0; column < width; column++) line.Append(Cell(dots, row, column));
            Line(text, line.ToString());
        }
        Line(text, new string(' ', gutter) + '└' + new string('─', width));
        Line(text, new string(' ', gutter + 1) + XLabels(x, width));
        if (skipped > 0) Line(text, $"({Points(skipped)} not drawn: nan or inf)");
        return text.ToString();
    }

    private static string Points(int n) => n == 1 ? "1 point" : $"{n} points";

    // Spaces for empty cells keep the lines trimmable; a blank braille character would not be.
    private static char Cell(bool[,] dots, int row, int column)
    {
        int bits = 0;
        for (int r = 0; r < DotsPerRow; r++)
        {
            for (int c = 0; c < DotsPerColumn; c++)
            {
                if (dots[row * DotsPerRow + r, column * DotsPerColumn + c]) bits |= DotBits[r, c];
            }
        }
        return bits == 0 ? ' ' : (char)(BrailleBlank + bits);
    }

    // Bresenham's line: every dot between the two ends, in integers, so the picture is exact.
    private static void DrawSegment(bool[,] dots, (int Row, int Column) from, (int Row, int Column) to)
    {
        int dx = Math.Abs(to.Column - from.Column), dy = -Math.Abs(to.Row - from.Row);
        int stepX = from.Column < to.Column ? 1 : -1, stepY = from.Row < to.Row ? 1 : -1;
        int error = dx + dy, x = from.Column, y = from.Row;
        while (true)
        {
            dots[y, x] = true;
            if (x == to.Column && y == to.Row) return;
            int doubled = 2 * error;
            if (doubled >= dy) { error += dy; x += stepX; }
            if (doubled <= dx) { error += dx; y += stepY; }
        }
    }

    private static string XLabels(Axis x, int width)
    {
        if (x.IsFlat)
        {
            string only = Label(x.Min, x.Min);
            return new string(' ', Math.Max(0, (width - only.Length) / 2)) + only;
        }
        string left = Label(x.Min, x.Max), right = Label(x.Max, x.Min);
        return left + new string(' ', Math.Max(1, width - left.Length - right.Length)) + right;
    }

    /// <summary>
    /// An axis label: an integer as it is (up to 15 digits), otherwise four significant digits,
    /// or as many more as it takes to tell <paramref name="value"/> from <paramref name="other"/>
    /// (the other end of the axis), up to round-trip precision.
    /// </summary>
    internal static string Label(double value, double other)
    {
        if (value == 0) return "0";
        if (value == Math.Floor(value) && Math.Abs(value) < 1e15) return NumberFormat.FormatInt((long)value);
        for (int digits = 4; ; digits++)
        {
            string text = NumberFormat.Format(value, $".{digits}g");
            if (digits >= 17 || value == other || text != NumberFormat.Format(other, $".{digits}g")) return text;
        }
    }

    private static void Line(StringBuilder text, string line) => text.Append(line.TrimEnd(' ')).Append('\n');

    /// <summary>One axis: the range of the finite coordinates, mapped onto <see cref="Dots"/> dots.</summary>
    private readonly struct Axis(double min, double max, int dots)
    {
        public double Min { get; } = min;
        public double Max { get; } = max;
        public int Dots { get; } = dots;

        /// <summary>All coordinates equal: they are drawn at the middle.</summary>
        public bool IsFlat => Min == Max;

        /// <summary>The dot a coordinate falls on, 0 at <see cref="Min"/>.</summary>
        public int Dot(double value)
        {
            if (IsFlat) return (Dots - 1) / 2;
            double span = Max - Min, offset = value - Min;
            // Two finite values can be further apart than a double can hold: halve both first.
            if (double.IsInfinity(span)) { span = Max / 2 - Min / 2; offset = value / 2 - Min / 2; }
            return (int)Math.Round(Math.Clamp(offset / span, 0, 1) * (Dots - 1));
        }
    }
}
