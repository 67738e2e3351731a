namespace GradScript.Cli.Repl;

using System.Diagnostics;
using System.Globalization;
using System.Text;
using GradScript.Cli.Graphs;
using GradScript.Diagnostics;

/// <summary>
/// The REPL's own commands (docs/repl.md): a line that starts with <c>:</c> when no input is
/// unfinished. No GradScript statement starts with a colon, so they cannot be mistaken for code.
/// Each runs on the input's thread with the input's cancellation, so Ctrl-C and <c>--timeout</c>
/// stop a <c>:load</c> or <c>:time</c> as they stop any input.
/// </summary>
/// <param name="session">The session the commands act on.</param>
/// <param name="graphviz">How <c>:graph</c> renders images.</param>
internal sealed class MetaCommands(ReplSession session, Graphviz graphviz)
{
    /// <summary>One command: its name, its arguments as the help shows them, and what it does.</summary>
    public sealed record Command(string Name, string Arguments, string Summary);

    /// <summary>Every command, in the order <c>:help</c> lists them.</summary>
    public static readonly IReadOnlyList<Command> All =
    [
        new(":help", "[NAME]", "this help, or what the builtin or function NAME does (also help(NAME))"),
        new(":vars", "", "your variables: type and value (data and grad when tracked)"),
        new(":graph", "EXPR [FILE]", "the graph behind EXPR as DOT text; Graphviz draws FILE.svg or FILE.png"),
        new(":load", "FILE", "run a script file in this session"),
        new(":reset", "", "start afresh: every variable is forgotten"),
        new(":time", "STATEMENT", "run STATEMENT and print the wall time it took"),
        new(":quit", "", "leave the REPL (so does Ctrl-D on an empty line)"),
    ];

    /// <summary>Whether a line (typed at the <c>&gt;&gt;&gt; </c> prompt) is a meta-command.</summary>
    public static bool IsCommand(string line) => line.TrimStart().StartsWith(':');

    /// <summary>Runs a meta-command line.</summary>
    public void Execute(string line, CancellationToken token)
    {
        int start = line.Length - line.TrimStart().Length;
        int nameEnd = start;
        while (nameEnd < line.Length && !char.IsWhiteSpace(line[nameEnd])) nameEnd++;
        string name = line[start..nameEnd];
        int argStart = nameEnd;
        while (argStart < line.Length && char.IsWhiteSpace(line[argStart])) argStart++;
        var argument = new Argument(line[argStart..].TrimEnd(), argStart + 1);

        switch (name)
        {
            case ":help": Help(argument.Text); break;
            case ":vars": Expect(name, argument, none: true, () => session.Output.Write(VariablesTable.Render(session.Engine))); break;
            case ":reset": Expect(name, argument, none: true, Reset); break;
            case ":quit": Expect(name, argument, none: true, () => session.QuitRequested = true); break;
            case ":load": Expect(name, argument, none: false, () => Load(argument.Text, token)); break;
            case ":time": Expect(name, argument, none: false, () => Time(argument, token)); break;
            case ":graph": Expect(name, argument, none: false, () => new GraphMetaCommand(session, graphviz).Execute(argument, token)); break;
            default: session.ReportError($"unknown command '{name}' (:help lists the commands)"); break;
        }
    }

    /// <summary>The text of <c>:help</c>.</summary>
    public static string HelpText()
    {
        var text = new StringBuilder();
        text.Append("Type GradScript statements; the value of an expression is shown (nothing for none).\n");
        text.Append("An open block, bracket or call, or a line ending in '\\', continues on the next line (...).\n\n");
        int width = All.Max(c => Usage(c).Length) + 2;
        foreach (var command in All) text.Append("  ").Append(Usage(command).PadRight(width)).Append(command.Summary).Append('\n');
        text.Append("\nKeys: Up/Down recall history (kept in ~/.gradscript_history), Tab completes names,\n");
        text.Append("Ctrl-C stops what is running (variables keep their values) or clears the line, Ctrl-D exits.\n");
        return text.ToString();
    }

    private void Help(string name)
    {
        if (name.Length == 0) session.Output.Write(HelpText());
        else if (session.Engine.Help(name) is { } text) session.Output.Write(text);
        else session.ReportError($"no help for '{name}': it is not a builtin, a standard module's function or a name defined here");
    }

    private static string Usage(Command command) => command.Arguments.Length == 0 ? command.Name : $"{command.Name} {command.Arguments}";

    private void Expect(string name, Argument argument, bool none, Action run)
    {
        var command = All.First(c => c.Name == name);
        if (none == (argument.Text.Length == 0)) run();
        else session.ReportError(none ? $"{name} takes no arguments" : $"usage: {Usage(command)}");
    }

    private void Reset()
    {
        session.Reset();
        session.Output.Write("(a fresh session: every variable is forgotten)\n");
    }

    private void Load(string path, CancellationToken token)
    {
        // A path may be quoted, for spaces in it.
        if (path.Length >= 2 && path[0] == path[^1] && path[0] is '"' or '\'') path = path[1..^1];
        string text;
        try
        {
            text = SourceLoader.ReadFile(path, path);
        }
        catch (SourceUnavailableException e)
        {
            session.ReportError($":load: {e.Message}");
            return;
        }
        // Run as a file runs: under its own name, and without echoing its expression statements.
        session.Engine.Run(session.Engine.Compile(text, path), token);
    }

    private void Time(Argument argument, CancellationToken token)
    {
        var clock = Stopwatch.StartNew();
        session.Run(argument.Text, argument.Column, session.WriteEcho, token);
        session.Output.Write($"Wall time: {Duration(clock.Elapsed)}\n");
    }

    /// <summary>A duration as people read it: <c>850 µs</c>, <c>12.3 ms</c>, <c>4.56 s</c>.</summary>
    public static string Duration(TimeSpan time) => time.TotalSeconds switch
    {
        < 1e-3 => $"{Number(time.TotalMicroseconds)} µs",
        < 1 => $"{Number(time.TotalMilliseconds)} ms",
        _ => $"{Number(time.TotalSeconds)} s",
    };

    // Three significant digits are all a wall clock is good for.
    private static string Number(double value) =>
        value.ToString(value >= 100 ? "0" : value >= 10 ? "0.#" : "0.##", CultureInfo.InvariantCulture);
}

/// <summary>The text after a meta-command's name, and where it starts in its line.</summary>
/// <param name="Text">The argument, trimmed.</param>
/// <param name="Column">Its 1-based column in the line.</param>
internal readonly record struct Argument(string Text, int Column);
