namespace GradScript.Runtime;

using GradScript.Runtime.Terminal;

// plot: a line chart of a series, drawn as text on the engine's output (LineChart renders it).
internal static partial class Builtins
{
    private static IEnumerable<NativeFunction> PlotFunctions() =>
    [
        new("plot", Plot, ["title", "width", "height"]),
    ];

    // plot(ys) draws ys against 0, 1, 2, …; plot(xs, ys) against xs.
    private static Value Plot(Interpreter interpreter, in Arguments args)
    {
        Arity(args, "plot", 1, 2);
        var ys = Coordinates(args[args.Count - 1], "ys");
        var xs = args.Count == 2 ? Coordinates(args[0], "xs") : [.. Enumerable.Range(0, ys.Count).Select(i => (double)i)];
        if (xs.Count != ys.Count) throw new RuntimeError($"plot(): xs has {xs.Count} items but ys has {ys.Count}");
        if (ys.Count == 0) throw new RuntimeError("plot(): nothing to plot, ys is empty");
        string? title = null;
        if (args.TryGetKeyword("title", out var t))
            title = t.Reference as string ?? throw new RuntimeError($"plot(): title must be a string, got {t.TypeName}");
        int width = ChartSize(args, "width", LineChart.DefaultWidth, LineChart.MinWidth, LineChart.MaxWidth);
        int height = ChartSize(args, "height", LineChart.DefaultHeight, LineChart.MinHeight, LineChart.MaxHeight);
        interpreter.Progress.BeforeOutput();
        interpreter.Output.Write(LineChart.Render(xs, ys, title, width, height));
        return Value.None;
    }

    private static List<double> Coordinates(Value source, string name)
    {
        if (source.Reference is not (ListValue or RangeValue))
            throw new RuntimeError($"plot(): {name} must be a list or range of numbers, got {source.TypeName}");
        var items = Iteration.Items(source);
        var numbers = new List<double>(items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            if (items[i].IsNone || !items[i].TryGetDouble(out double d))
                throw new RuntimeError($"plot(): {name}[{i}] must be a number, got {items[i].TypeName}");
            numbers.Add(d);
        }
        return numbers;
    }

    private static int ChartSize(in Arguments args, string keyword, int fallback, int min, int max)
    {
        if (!args.TryGetKeyword(keyword, out var v)) return fallback;
        if (!v.IsInt || v.AsInt < min || v.AsInt > max)
            throw new RuntimeError($"plot(): {keyword} must be an integer from {min} to {max}, got {Formatter.Repr(v)}");
        return (int)v.AsInt;
    }
}
