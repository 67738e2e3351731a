namespace GradScript.Cli;

using System.Diagnostics;
using GradScript.Cli.Graphs;

/// <summary>
/// <c>gradscript graph FILE --var NAME [-o OUT]</c>: runs the script as <c>gradscript FILE</c> would,
/// then writes the graph behind its global NAME, as <c>graph(NAME)</c> at the end of the script
/// would give it, each value a global holds named by it: DOT text on standard output, or OUT as
/// DOT text or a picture drawn by Graphviz (<see cref="GraphFile"/>, shared with the REPL's
/// <c>:graph</c>).
/// <para>
/// The script's own output goes to standard error, so that standard output carries the graph and
/// nothing else (<c>gradscript graph m.grad --var l | dot -Tpdf</c>). Its errors end the command
/// with their usual statuses (65, 66, 70, 130); a NAME the script did not set, or set to something
/// untracked, is a runtime error (70) as <c>graph(NAME)</c> would be; a missing Graphviz is 69 and
/// an OUT that cannot be written 73, as in BSD's <c>sysexits.h</c>.
/// </para>
/// </summary>
/// <param name="request">The parsed command line.</param>
/// <param name="console">Where the graph, the script's output and errors go.</param>
internal sealed class GraphCommand(GraphRequest request, CliConsole console)
{
    /// <summary>How many variable names the message for an unknown NAME suggests, at most.</summary>
    public const int MaxSuggestions = 10;

    private string? _dot;
    private string? _problem;

    /// <summary>Runs the script, writes the graph and returns the exit status.</summary>
    public int Run()
    {
        var runner = new ScriptRunner(request.Limits, console with { Out = console.Error }) { AfterRun = Draw };
        int status = request.Input switch
        {
            ScriptInput.File file => runner.RunFile(file.Path, file.Path, request.Args),
            ScriptInput.Stdin => runner.RunStdin(ScriptInput.StdinName, request.Args),
            _ => throw new UnreachableException($"unhandled script input {request.Input}"),
        };
        if (status != ExitCodes.Success) return status;
        if (_dot is null)
        {
            console.ErrorLine($"{CommandLine.ToolName}: {_problem ?? "internal error: no graph was drawn"}");
            return ExitCodes.RuntimeError;
        }

        if (request.Output is not { } path)
        {
            console.Out.Write(_dot);
            console.FlushOutput();
            return ExitCodes.Success;
        }
        var result = GraphFile.Write(_dot, path, request.Format, new Graphviz(request.Graphviz));
        switch (result.Status)
        {
            case GraphFileStatus.Written:
                console.OutLine($"wrote {path}");
                console.FlushOutput();
                return ExitCodes.Success;
            case GraphFileStatus.GraphvizMissing:
                console.ErrorLine($"{CommandLine.ToolName}: {result.Problem}");
                console.ErrorLine($"{CommandLine.ToolName}: {Graphviz.InstallAdvice}, or write the DOT text with -o {Path.ChangeExtension(path, ".dot")}");
                return ExitCodes.Unavailable;
            case GraphFileStatus.GraphvizFailed:
                console.ErrorLine($"{CommandLine.ToolName}: {result.Problem}");
                return ExitCodes.RuntimeError;
            case GraphFileStatus.CannotWrite:
                console.ErrorLine($"{CommandLine.ToolName}: {result.Problem}");
                return ExitCodes.CannotCreate;
            default:
                throw new UnreachableException($"unhandled {result.Status}");
        }
    }

    /// <summary>Reads NAME from the engine the script ran on, on the script's thread.</summary>
    private void Draw(Engine engine)
    {
        string name = request.Variable;
        var globals = engine.GetGlobalNames();
        if (!globals.Contains(name))
            _problem = $"{ScriptName} has no global variable '{name}' ({Suggestions(engine, globals)})";
        else if (engine.GetGlobalValue(name) is { IsTracked: false } value)
            _problem = $"'{name}' is {ValueGraph.NotTracked(value)}";
        else
        {
            try { _dot = engine.GetGraphDot(engine.GetGlobalValue(name)); }
            catch (InvalidOperationException e) { _problem = e.Message; }
        }
    }

    private string ScriptName => request.Input is ScriptInput.File file ? file.Path : ScriptInput.StdinName;

    /// <summary>The script's globals that do hold tracked values, which NAME could have meant.</summary>
    private static string Suggestions(Engine engine, IReadOnlyList<string> globals)
    {
        var tracked = globals.Where(name => engine.GetGlobalValue(name).IsTracked).ToList();
        if (tracked.Count == 0) return "none of its globals holds a tracked value";
        string names = string.Join(", ", tracked.Take(MaxSuggestions));
        return tracked.Count > MaxSuggestions
            ? $"globals that hold tracked values: {names}, ... ({tracked.Count} in all)"
            : $"globals that hold tracked values: {names}";
    }
}
