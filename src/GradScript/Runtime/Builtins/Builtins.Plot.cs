namespace GradScript.Runtime;

using GradScript.Diagnostics;
using GradScript.Runtime.Terminal;

// plot: a line chart of a series, drawn as text on the engine's output (LineChart renders it), or
// handed to the host's EngineOptions.ShowChart when it shows pictures.
internal static partial class Builtins
{
    private static IEnumerable<NativeFunction> PlotFunctions() =>
    [
        new("plot", Plot, ["title", "width", "height"]),
    ];

    /// <summary>
    /// Points one chart takes at most: a chart is some sixty columns wide, so a million points are
    /// already thousands per column, and drawing is linear in the points (segments included).
    /// </summary>
    public const int MaxPlotPoints = 1 << 20;

    // plot(ys) draws ys against 0, 1, 2, …; plot(xs, ys) against xs. The options are read first, so
    // that a bad one is reported before a long series is.
    private static Value Plot(Interpreter interpreter, in Arguments args)
    {
        Arity(args, "plot", 1, 2);
        string? title = null;
        if (args.TryGetKeyword("title", out var t))
            title = t.Reference as string ?? throw new RuntimeError($"plot(): title must be a string, got {t.TypeName}");
        int width = ChartSize(args, "width", LineChart.DefaultWidth, LineChart.MinWidth, LineChart.MaxWidth);
        int height = ChartSize(args, "height", LineChart.DefaultHeight, LineChart.MinHeight, LineChart.MaxHeight);
        var ys = Coordinates(args[args.Count - 1], "ys", interpreter, args.CallSite);
        var xs = args.Count == 2 ? Coordinates(args[0], "xs", interpreter, args.CallSite) : [.. Enumerable.Range(0, ys.Count).Select(i => (double)i)];
        if (xs.Count != ys.Count) throw new RuntimeError($"plot(): xs has {xs.Count} items but ys has {ys.Count}");
        if (ys.Count == 0) throw new RuntimeError("plot(): nothing to plot, ys is empty");
        interpreter.Progress.BeforeOutput();
        string text = LineChart.Render(xs, ys, title, width, height);
        if (interpreter.ShowChart is { } show) show(new Chart(title, xs, ys, width, height, text));
        else interpreter.Output.Write(text);
        return Value.None;
    }

    private static List<double> Coordinates(Value source, string name, Interpreter interpreter, in SourceSpan at)
    {
        if (source.Reference is not (ListValue or RangeValue))
            throw new RuntimeError($"plot(): {name} must be a list or range of numbers, got {source.TypeName}");
        long count = Iteration.Length(source);
        if (count > MaxPlotPoints) throw new RuntimeError($"plot(): {name} has {count} points, more than the {MaxPlotPoints} a chart takes");
        var numbers = new List<double>((int)count);
        foreach (var item in Iteration.Each(source))
        {
            if (item.IsNone || !item.TryGetDouble(out double d))
                throw new RuntimeError($"plot(): {name}[{numbers.Count}] must be a number, got {item.TypeName}");
            numbers.Add(d);
            if ((numbers.Count & 0xFFFF) == 0) interpreter.Limits.CheckLimits(at);
        }
        return numbers;
    }

    private static int ChartSize(in Arguments args, string keyword, int fallback, int min, int max)
    {
        if (!args.TryGetKeyword(keyword, out var v)) return fallback;
        if (!v.IsInt || v.AsInt < min || v.AsInt > max)
            throw new RuntimeError($"plot(): {keyword} must be an integer from {min} to {max}, got {Formatter.Brief(v)}");
        return (int)v.AsInt;
    }
}
