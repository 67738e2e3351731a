namespace GradScript.Cli.Kernel;

using System.Diagnostics;
using System.Text;
using GradScript.Cli.Graphs;

/// <summary>
/// The SVG picture of a graph's DOT text, for notebooks: drawn by Graphviz's <c>dot</c> when it is
/// installed, none otherwise (the DOT text is then all a notebook shows).
/// </summary>
internal static class GraphPicture
{
    /// <summary>Whether a string is the DOT text <c>graph(v)</c> gives, which is worth drawing.</summary>
    public static bool IsDot(string text) => text.StartsWith("digraph {\n", StringComparison.Ordinal);

    /// <summary>The picture as SVG text, or null when Graphviz is missing or fails.</summary>
    public static string? Svg(Graphviz graphviz, string dot) => graphviz.Render(dot, "svg") switch
    {
        GraphvizResult.Drawn drawn => Encoding.UTF8.GetString(drawn.Image),
        GraphvizResult.Missing or GraphvizResult.Failed => null,
        var other => throw new UnreachableException($"unhandled {other}"),
    };
}
