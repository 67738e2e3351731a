namespace GradScript.Cli.Kernel;

using System.Globalization;
using System.Net;
using System.Text;

/// <summary>
/// A <c>plot</c> chart as an SVG picture, for notebooks: the points joined in order by a line, a
/// frame with the smallest and largest x and y written at its ends (and the middle), and the title
/// above. Like the braille chart, a point with a NaN or infinite coordinate is not drawn and breaks
/// the line, a constant series runs across the middle, and the picture depends on nothing but the
/// chart, so a notebook's saved output can be compared.
/// </summary>
internal static class SvgChart
{
    /// <summary>The picture's size in pixels: a notebook's output area is about this wide.</summary>
    public const int Width = 640, Height = 360;

    private const int Left = 70, Right = 20, Top = 40, Bottom = 40;
    private const string Stroke = "#1f77b4";

    /// <summary>The SVG text of <paramref name="chart"/>.</summary>
    public static string Render(Chart chart)
    {
        var finite = Enumerable.Range(0, chart.Xs.Count).Where(i => double.IsFinite(chart.Xs[i]) && double.IsFinite(chart.Ys[i])).ToList();
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>\n");
        if (!string.IsNullOrEmpty(chart.Title))
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"24\" text-anchor=\"middle\" font-size=\"14\">{WebUtility.HtmlEncode(chart.Title)}</text>\n");
        int plotWidth = Width - Left - Right, plotHeight = Height - Top - Bottom;
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Left}\" y=\"{Top}\" width=\"{plotWidth}\" height=\"{plotHeight}\" fill=\"none\" stroke=\"#888\"/>\n");
        if (finite.Count == 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"{Height / 2}\" text-anchor=\"middle\">nothing to plot: every point is nan or inf</text>\n");
            return svg.Append("</svg>\n").ToString();
        }

        var x = new Scale(finite.Min(i => chart.Xs[i]), finite.Max(i => chart.Xs[i]), Left, Left + plotWidth);
        var y = new Scale(finite.Min(i => chart.Ys[i]), finite.Max(i => chart.Ys[i]), Top + plotHeight, Top);
        foreach (var (value, at) in y.Labels())
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{Number(at + 4)}\" text-anchor=\"end\">{value}</text>\n");
        foreach (var (value, at) in x.Labels())
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Number(at)}\" y=\"{Top + plotHeight + 16}\" text-anchor=\"middle\">{value}</text>\n");

        var line = new StringBuilder();
        for (int i = 0; i < chart.Xs.Count; i++)
        {
            if (!double.IsFinite(chart.Xs[i]) || !double.IsFinite(chart.Ys[i]))
            {
                Polyline(svg, line);
                continue;
            }
            line.Append(line.Length == 0 ? "" : " ").Append(Number(x.At(chart.Xs[i]))).Append(',').Append(Number(y.At(chart.Ys[i])));
        }
        Polyline(svg, line);
        return svg.Append("</svg>\n").ToString();
    }

    // A run of one point is drawn as a dot: a polyline of one point shows nothing.
    private static void Polyline(StringBuilder svg, StringBuilder points)
    {
        if (points.Length == 0) return;
        string text = points.ToString();
        if (!text.Contains(' ')) text = $"{text} {text}";
        svg.Append($"<polyline fill=\"none\" stroke=\"{Stroke}\" stroke-width=\"1.5\" stroke-linecap=\"round\" points=\"{text}\"/>\n");
        points.Clear();
    }

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A coordinate's label: up to four significant digits, as the braille chart labels its axes.</summary>
    private static string Label(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>One axis: the data's range mapped onto pixels from <paramref name="from"/> to <paramref name="to"/>.</summary>
    private readonly struct Scale(double min, double max, double from, double to)
    {
        public double At(double value)
        {
            if (min == max) return (from + to) / 2;
            // Halved first: two finite values can be further apart than a double holds.
            double fraction = (value / 2 - min / 2) / (max / 2 - min / 2);
            return from + fraction * (to - from);
        }

        public IEnumerable<(string Text, double At)> Labels()
        {
            if (min == max) return [(Label(min), (from + to) / 2)];
            double middle = min / 2 + max / 2;
            return [(Label(min), from), (Label(middle), (from + to) / 2), (Label(max), to)];
        }
    }
}
