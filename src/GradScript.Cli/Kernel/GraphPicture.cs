namespace GradScript.Cli.Kernel;

using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using GradScript.Cli.Graphs;

/// <summary>
/// The SVG picture of a graph's DOT text, for notebooks: drawn by Graphviz's <c>dot</c> when it is
/// installed, none otherwise (the DOT text is then all a notebook shows).
/// </summary>
internal static partial class GraphPicture
{
    // Graphviz writes a standalone file: an XML declaration and a DOCTYPE before the <svg> element.
    [GeneratedRegex(@"<\?xml[^>]*\?>\s*|<!DOCTYPE[^>]*>\s*")]
    private static partial Regex FilePrologue();

    /// <summary>
    /// The SVG as a fragment to put inside a page: without the file's XML declaration and DOCTYPE,
    /// which notebooks embed as they are and nbconvert's HTML export refuses to parse.
    /// </summary>
    public static string Inline(string svg) => FilePrologue().Replace(svg, "");

    /// <summary>Whether a string is the DOT text <c>graph(v)</c> gives, which is worth drawing.</summary>
    public static bool IsDot(string text) => text.StartsWith("digraph {\n", StringComparison.Ordinal);

    /// <summary>The picture as SVG text, or null when Graphviz is missing or fails.</summary>
    public static string? Svg(Graphviz graphviz, string dot) => graphviz.Render(dot, "svg") switch
    {
        GraphvizResult.Drawn drawn => Inline(Encoding.UTF8.GetString(drawn.Image)),
        GraphvizResult.Missing or GraphvizResult.Failed => null,
        var other => throw new UnreachableException($"unhandled {other}"),
    };
}
