namespace GradScript.Cli.Repl;

using System.Text.RegularExpressions;
using GradScript.Autograd;
using GradScript.Runtime;

/// <summary>
/// <c>:graph EXPR [FILE]</c>: evaluates EXPR in the session and shows the graph behind the tracked
/// value it gives, as the <c>graph</c> builtin draws it (Graphviz DOT). Without FILE the DOT text
/// is printed; with a FILE ending in <c>.svg</c> or <c>.png</c> Graphviz's <c>dot</c> draws it there;
/// any other FILE (<c>.dot</c>, <c>.gv</c>, …) gets the DOT text.
/// <para>
/// FILE is the last word when it ends in a dot and letters (<c>out.svg</c>); GradScript has no
/// <c>a.b</c> syntax, so this never takes a piece of an expression (<c>2.5</c> ends in a digit).
/// </para>
/// </summary>
/// <param name="session">Where EXPR is evaluated and the result is written.</param>
/// <param name="graphviz">How images are drawn.</param>
internal sealed partial class GraphCommand(ReplSession session, Graphviz graphviz)
{
    /// <summary>The file kinds drawn by Graphviz rather than written as DOT text.</summary>
    public static readonly IReadOnlySet<string> ImageFormats = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "svg", "png" };

    [GeneratedRegex(@"^(?<expr>.*\S)\s+(?<file>\S+\.(?<ext>[A-Za-z]+))$")]
    private static partial Regex ExpressionAndFile();

    /// <summary>Runs the command on its argument.</summary>
    public void Execute(Argument argument, CancellationToken token)
    {
        string expression = argument.Text;
        string? file = null, extension = null;
        if (ExpressionAndFile().Match(argument.Text) is { Success: true } match)
        {
            expression = match.Groups["expr"].Value;
            file = match.Groups["file"].Value;
            extension = match.Groups["ext"].Value;
        }

        Value? last = null;
        session.Run(expression, argument.Column, value => last = value, token);
        if (last is not { } value)
        {
            session.ReportError(":graph needs an expression whose graph to draw, such as ':graph loss'");
            return;
        }
        if (!value.IsTracked)
        {
            session.ReportError($":graph: the value is {Article(value.TypeName)} {value.TypeName}, not a tracked value; only values computed from param() have a graph");
            return;
        }

        string dot = GraphDot.Render(value.AsTracked);
        if (file is null) session.Output.Write(dot);
        else if (ImageFormats.Contains(extension!)) Report(graphviz.Render(dot, extension!.ToLowerInvariant(), file), file);
        else Report(WriteText(file, dot), file);
    }

    private static string Article(string noun) => "aeiou".Contains(noun[0]) ? "an" : "a";

    private void Report(string? failure, string file)
    {
        if (failure is null) session.Output.Write($"wrote {file}\n");
        else session.ReportError($":graph: {failure}");
    }

    private static string? WriteText(string path, string text)
    {
        try
        {
            File.WriteAllText(path, text);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return $"cannot write '{path}': {e.Message}";
        }
    }
}
