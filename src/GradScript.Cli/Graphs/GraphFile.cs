namespace GradScript.Cli.Graphs;

/// <summary>The kinds of file a graph is written as.</summary>
internal enum GraphFormat
{
    /// <summary>Graphviz's DOT text, as <c>graph(v)</c> returns it; needs no Graphviz.</summary>
    Dot,

    /// <summary>An SVG picture drawn by Graphviz.</summary>
    Svg,

    /// <summary>A PNG picture drawn by Graphviz.</summary>
    Png,
}

/// <summary>
/// Writes the DOT text of a graph to a file, as DOT or as a picture Graphviz draws: the one place
/// <c>gradscript graph -o FILE</c> and the REPL's <c>:graph EXPR FILE</c> share. Each way it can go
/// wrong is a <see cref="GraphFileResult"/> of its own, so the command line can give each its exit
/// status and the REPL its message.
/// </summary>
internal static class GraphFile
{
    /// <summary>The formats by name, for <c>--format</c> and messages.</summary>
    public const string FormatNames = "svg, png or dot";

    /// <summary>A format by its name or a file extension without the dot (<c>svg</c>, <c>PNG</c>, <c>gv</c>); null if none.</summary>
    public static GraphFormat? FormatNamed(string name) => name.ToLowerInvariant() switch
    {
        "dot" or "gv" => GraphFormat.Dot,
        "svg" => GraphFormat.Svg,
        "png" => GraphFormat.Png,
        _ => null,
    };

    /// <summary>The format a file's extension names (<c>loss.svg</c>); null if it names none.</summary>
    public static GraphFormat? FormatOf(string path) =>
        Path.GetExtension(path) is { Length: > 1 } extension ? FormatNamed(extension[1..]) : null;

    /// <summary>Writes <paramref name="dot"/> to <paramref name="path"/> in <paramref name="format"/>.</summary>
    public static GraphFileResult Write(string dot, string path, GraphFormat format, Graphviz graphviz)
    {
        byte[] bytes;
        if (format == GraphFormat.Dot)
        {
            bytes = System.Text.Encoding.UTF8.GetBytes(dot);
        }
        else
        {
            switch (graphviz.Render(dot, format.ToString().ToLowerInvariant()))
            {
                case GraphvizResult.Drawn drawn: bytes = drawn.Image; break;
                case GraphvizResult.Missing missing: return new(GraphFileStatus.GraphvizMissing, $"cannot draw {path}: {missing.Message}");
                case GraphvizResult.Failed failed: return new(GraphFileStatus.GraphvizFailed, $"cannot draw {path}: {failed.Message}");
                default: throw new System.Diagnostics.UnreachableException();
            }
        }

        try
        {
            File.WriteAllBytes(path, bytes);
            return new(GraphFileStatus.Written, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return new(GraphFileStatus.CannotWrite, $"cannot write '{path}': {SourceLoader.Reason(path, e)}");
        }
    }
}

/// <summary>How <see cref="GraphFile.Write"/> ended.</summary>
internal enum GraphFileStatus
{
    /// <summary>The file holds the graph.</summary>
    Written,

    /// <summary>A picture was asked for and Graphviz is not installed; nothing was written.</summary>
    GraphvizMissing,

    /// <summary>Graphviz failed or took too long; nothing was written.</summary>
    GraphvizFailed,

    /// <summary>The file could not be written.</summary>
    CannotWrite,
}

/// <summary>How writing a graph's file ended, and what went wrong (one line, without a prefix) when it failed.</summary>
internal readonly record struct GraphFileResult(GraphFileStatus Status, string? Problem);
