namespace GradScript.Cli.Repl;

using System.Diagnostics;
using System.Text.RegularExpressions;
using GradScript.Cli.Graphs;

/// <summary>
/// <c>:graph EXPR [FILE]</c>: evaluates EXPR in the session and shows the graph behind the tracked
/// value it gives, as the <c>graph</c> builtin draws it (Graphviz DOT), with each value a global
/// variable holds named by it. Without FILE the DOT text is printed; with a FILE ending in
/// <c>.svg</c> or <c>.png</c> Graphviz's <c>dot</c> draws it there; any other FILE (<c>.dot</c>,
/// <c>.gv</c>, …) gets the DOT text. Files are written by <see cref="GraphFile"/>, as
/// <c>gradscript graph</c> writes them.
/// <para>
/// FILE is the last word when it ends in a dot and letters (<c>out.svg</c>); GradScript has no
/// <c>a.b</c> syntax, so this never takes a piece of an expression (<c>2.5</c> ends in a digit).
/// </para>
/// </summary>
/// <param name="session">Where EXPR is evaluated and the result is written.</param>
/// <param name="graphviz">How images are drawn.</param>
internal sealed partial class GraphMetaCommand(ReplSession session, Graphviz graphviz)
{
    [GeneratedRegex(@"^(?<expr>.*\S)\s+(?<file>\S+\.[A-Za-z]+)$")]
    private static partial Regex ExpressionAndFile();

    /// <summary>Runs the command on its argument.</summary>
    public void Execute(Argument argument, CancellationToken token)
    {
        string expression = argument.Text;
        string? file = null;
        if (ExpressionAndFile().Match(argument.Text) is { Success: true } match)
        {
            expression = match.Groups["expr"].Value;
            file = match.Groups["file"].Value;
        }

        ScriptValue? last = null;
        session.Run(expression, argument.Column, value => last = value, token);
        if (last is not { } value)
        {
            session.ReportError(":graph needs an expression whose graph to draw, such as ':graph loss'");
            return;
        }
        if (!value.IsTracked)
        {
            session.ReportError($":graph: the value is {ValueGraph.NotTracked(value)}");
            return;
        }

        string dot;
        try { dot = session.Engine.GetGraphDot(value); }
        catch (InvalidOperationException e)
        {
            session.ReportError($":graph: {e.Message}");
            return;
        }
        if (file is null)
        {
            session.ShowGraph(dot);
            return;
        }
        var result = GraphFile.Write(dot, file, GraphFile.FormatOf(file) ?? GraphFormat.Dot, graphviz);
        switch (result.Status)
        {
            case GraphFileStatus.Written:
                session.Output.Write($"wrote {file}\n");
                break;
            case GraphFileStatus.GraphvizMissing:
                session.ReportError($":graph: {result.Problem}\n:graph: {Graphviz.InstallAdvice}, or write the DOT text with ':graph {expression} {Path.ChangeExtension(file, ".dot")}'");
                break;
            case GraphFileStatus.GraphvizFailed or GraphFileStatus.CannotWrite:
                session.ReportError($":graph: {result.Problem}");
                break;
            default:
                throw new UnreachableException($"unhandled {result.Status}");
        }
    }
}
