namespace GradScript.Cli;

using System.CommandLine;
using System.Reflection;
using System.Text;

/// <summary>
/// <c>--help</c> and <c>--version</c>. The option and argument lists come from the command tree, so
/// they cannot drift from what is parsed; the root's usage lines and the exit statuses are written
/// here, because a generated synopsis cannot say that ARGS follow the script. (System.CommandLine
/// 2.0's own help layout cannot be customised: its HelpBuilder is internal.)
/// </summary>
internal static class HelpText
{
    private const string RootUsage = """
        Usage:
          gradscript [OPTIONS] FILE.grad [ARGS...]   run a script
          gradscript [OPTIONS] -e CODE [ARGS...]     run CODE
          gradscript [OPTIONS] - [ARGS...]           run the script on standard input
          gradscript [OPTIONS]                       start the REPL (run standard input when it is piped)
          gradscript repl [OPTIONS]                  start the REPL
          gradscript test [PATH...] [--update]       run golden tests (gradscript test --help)
          gradscript graph FILE --var NAME [-o OUT]  draw a variable's graph (gradscript graph --help)
          gradscript fmt [--check] [PATH...]         lay scripts out canonically (gradscript fmt --help)
          gradscript lsp                             serve the Language Server Protocol to an editor

        Everything after FILE, CODE or '-' goes to the script's `args`, untouched.
        """;

    private const string ExitStatuses = """
        Exit status:
          0 success, 64 bad command line, 65 syntax error, 66 cannot open the script,
          70 runtime error or limit reached, 130 interrupted by Ctrl-C;
          graph also 69 Graphviz not installed, 73 cannot write OUT.
        """;

    private const string GraphUsage = """
        Usage:
          gradscript graph FILE --var NAME [-o OUT] [OPTIONS] [-- ARGS...]

        Runs FILE, then writes the graph behind its global NAME: DOT text on standard output, or
        OUT (.svg and .png drawn by Graphviz's dot, .dot as text). Each value shows its data and
        grad, and the variables that hold it; each operation is a small node of its own.
        Exit status as for a script, and 69 when Graphviz is not installed, 73 when OUT cannot be
        written.
        """;

    /// <summary>The version without a <c>+commit</c> suffix: <c>0.1.0</c>.</summary>
    public static string Version
    {
        get
        {
            string version = typeof(HelpText).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                ?? typeof(HelpText).Assembly.GetName().Version?.ToString(3)
                ?? "0.0.0";
            int plus = version.IndexOf('+');
            return plus < 0 ? version : version[..plus];
        }
    }

    /// <summary>The <c>--version</c> line: <c>gradscript 0.1.0</c>.</summary>
    public static string VersionLine => $"{CommandLine.ToolName} {Version}";

    /// <summary>Writes the help of <paramref name="command"/>, the root or a subcommand.</summary>
    public static void Write(Command command, Command root, TextWriter output)
    {
        var text = new StringBuilder();
        if (command == root)
        {
            text.Append($"{VersionLine}: {command.Description}\n\n").Append(RootUsage).Append("\n\n");
        }
        else
        {
            text.Append($"{CommandLine.ToolName} {command.Name}: {command.Description}\n\n");
            if (command.Name == "graph") text.Append(GraphUsage).Append("\n\n");
            else text.Append($"Usage:\n  {CommandLine.ToolName} {command.Name}{ArgumentsSynopsis(command)} [OPTIONS]\n\n");
            AppendTable(text, "Arguments", command.Arguments.Select(a => (a.Name, a.Description)));
        }
        AppendTable(text, "Options", command.Options.Where(o => !o.Hidden).Select(o => (OptionLabel(o), o.Description)));
        if (command == root) text.Append(ExitStatuses).Append('\n');
        output.Write(text.ToString().ReplaceLineEndings("\n"));
    }

    private static string ArgumentsSynopsis(Command command) =>
        string.Concat(command.Arguments.Select(a => a.Arity.MaximumNumberOfValues > 1 ? $" [{a.Name}...]" : $" [{a.Name}]"));

    // "-e, --eval CODE": the short names first, then the value's name.
    private static string OptionLabel(Option option)
    {
        var names = option.Aliases.Append(option.Name)
            .Where(name => name.StartsWith('-'))
            .OrderBy(name => name.StartsWith("--", StringComparison.Ordinal))
            .ThenBy(name => name, StringComparer.Ordinal);
        string value = option.HelpName is { } helpName ? " " + helpName : "";
        return string.Join(", ", names) + value;
    }

    private static void AppendTable(StringBuilder text, string title, IEnumerable<(string Label, string? Description)> rows)
    {
        var list = rows.ToList();
        if (list.Count == 0) return;
        int width = list.Max(row => row.Label.Length) + 2;
        text.Append(title).Append(":\n");
        foreach (var (label, description) in list)
            text.Append("  ").Append(label.PadRight(width)).Append(description).Append('\n');
        text.Append('\n');
    }
}
