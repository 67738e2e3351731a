namespace GradScript.Cli;

using System.CommandLine;
using GradScript.Cli.Graphs;

/// <summary>
/// What a <c>gradscript</c> command line asks for, once parsed: <see cref="CommandLine.Parse"/>
/// produces one, <see cref="Cli"/> carries it out. Parsing never runs anything, so every way a
/// command line can be wrong is found before a script starts.
/// </summary>
internal abstract record Invocation;

/// <summary><c>--help</c>: the help of <paramref name="Command"/> (the root or a subcommand).</summary>
internal sealed record HelpRequest(Command Command) : Invocation;

/// <summary><c>--version</c>.</summary>
internal sealed record VersionRequest : Invocation;

/// <summary>A command line that cannot be carried out: exit 64 after a one-line message.</summary>
/// <param name="Message">What is wrong.</param>
/// <param name="Subcommand">The subcommand it was given to (<c>graph</c>), whose <c>--help</c> the error points to; null for the tool itself.</param>
internal sealed record UsageError(string Message, string? Subcommand = null) : Invocation;

/// <summary>Run a script: <c>gradscript [OPTIONS] (FILE | -e CODE | -) [ARGS…]</c>, or <c>gradscript [OPTIONS]</c>.</summary>
/// <param name="Input">Where the script comes from.</param>
/// <param name="Limits">The run's limits.</param>
/// <param name="Args">The script's <c>args</c>, exactly as given.</param>
internal sealed record ScriptRequest(ScriptInput Input, RunLimits Limits, IReadOnlyList<string> Args) : Invocation;

/// <summary><c>gradscript test [PATH…] [--update]</c>: run golden tests.</summary>
internal sealed record TestRequest(IReadOnlyList<string> Paths, bool Update, RunLimits Limits) : Invocation;

/// <summary><c>gradscript fmt [--check] [PATH…]</c>: lay out scripts canonically, or list those that are not.</summary>
internal sealed record FmtRequest(IReadOnlyList<string> Paths, bool Check) : Invocation;

/// <summary><c>gradscript lsp [--stdio]</c>: a language server on standard input and output.</summary>
internal sealed record LspRequest : Invocation;

/// <summary><c>gradscript repl</c>: the REPL even when standard input is not a terminal.</summary>
internal sealed record ReplRequest(RunLimits Limits) : Invocation;

/// <summary>
/// <c>gradscript graph FILE --var NAME [-o OUT] [--format FORMAT]</c>: run a script, then write the
/// graph behind one of its globals.
/// </summary>
/// <param name="Input">The script: a file, or standard input for <c>-</c>.</param>
/// <param name="Variable">The global whose graph is drawn.</param>
/// <param name="Output">The file to write; null for DOT text on standard output.</param>
/// <param name="Format">What to write: DOT text, or a picture Graphviz draws.</param>
/// <param name="Graphviz">The Graphviz program that draws pictures (<c>dot</c> by default).</param>
/// <param name="Limits">The run's limits.</param>
/// <param name="Args">The script's <c>args</c>.</param>
internal sealed record GraphRequest(
    ScriptInput Input,
    string Variable,
    string? Output,
    GraphFormat Format,
    string Graphviz,
    RunLimits Limits,
    IReadOnlyList<string> Args) : Invocation;

/// <summary>Where a script to run comes from.</summary>
internal abstract record ScriptInput
{
    /// <summary>The name errors in a script given with <c>-e</c> are reported under.</summary>
    public const string CodeName = "<string>";

    /// <summary>The name errors in a script read from standard input are reported under.</summary>
    public const string StdinName = "<stdin>";

    /// <summary>A file, reported under its path as given.</summary>
    public sealed record File(string Path) : ScriptInput;

    /// <summary><c>-e CODE</c>.</summary>
    public sealed record Code(string Text) : ScriptInput;

    /// <summary><c>-</c>: standard input, explicitly.</summary>
    public sealed record Stdin : ScriptInput;

    /// <summary>Nothing given: the REPL on a terminal, otherwise standard input (like <c>python</c>).</summary>
    public sealed record Implicit : ScriptInput;
}
