namespace GradScript.Cli;

using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using GradScript.Cli.Graphs;
using GradScript.Cli.Kernel;

/// <summary>
/// The grammar of the <c>gradscript</c> command line (docs/cli.md) as a System.CommandLine tree,
/// and its parse into an <see cref="Invocation"/>. The tree is built per instance: its symbols are
/// mutable objects, and no state is shared between two command lines.
/// <code>
/// gradscript [OPTIONS] FILE.grad [ARGS…]     gradscript test [PATH…] [--update] [LIMITS]
/// gradscript [OPTIONS] -e CODE [ARGS…]       gradscript repl [LIMITS]
/// gradscript [OPTIONS] - [ARGS…]             gradscript [OPTIONS]        (REPL, or piped stdin)
/// gradscript fmt [--check] [PATH…]            gradscript lsp [--stdio]
/// gradscript graph FILE --var NAME [-o OUT] [--format FORMAT] [--dot PROGRAM] [LIMITS] [-- ARGS…]
/// gradscript kernel -f CONNECTION_FILE [LIMITS]   gradscript kernel install [--user | --prefix DIR]
/// </code>
/// Subcommands are recognised only as the first argument; a script file named <c>test</c> is run as
/// <c>./test</c>.
/// </summary>
internal sealed class CommandLine
{
    /// <summary>The tool's name, in messages and help.</summary>
    public const string ToolName = "gradscript";

    /// <summary>The subcommand that runs golden tests.</summary>
    public const string TestCommandName = "test";

    /// <summary>The subcommand that starts the REPL.</summary>
    public const string ReplCommandName = "repl";

    /// <summary>The subcommand that lays out scripts.</summary>
    public const string FmtCommandName = "fmt";

    /// <summary>The subcommand that serves the Language Server Protocol.</summary>
    public const string LspCommandName = "lsp";

    /// <summary>The subcommand that draws the graph behind a script's variable.</summary>
    public const string GraphCommandName = "graph";

    private readonly HelpOption _help = new();
    private readonly HelpOption _testHelp = new();
    private readonly HelpOption _replHelp = new();
    private readonly HelpOption _graphHelp = new();
    private readonly HelpOption _fmtHelp = new();
    private readonly HelpOption _lspHelp = new();
    private readonly Option<bool> _stdio = new("--stdio") { Description = "Speak LSP on standard input and output (the only transport; editors pass it)." };
    private readonly Option<bool> _check = new("--check") { Description = "Change nothing: list the files that are not laid out canonically, and exit 1 if there are any." };
    private readonly Argument<string[]> _fmtPaths = new("PATH")
    {
        Arity = ArgumentArity.ZeroOrMore,
        Description = "Files or directories searched for *.grad (default: the current directory); '-' formats standard input to standard output.",
    };
    private readonly Option<bool> _version = new("--version") { Description = "Print the version and exit." };
    private readonly Option<string?> _code = new("-e", "--eval") { HelpName = "CODE", Description = $"Run CODE (reported as {ScriptInput.CodeName})." };
    private readonly Argument<string?> _file = new("FILE")
    {
        Arity = ArgumentArity.ZeroOrOne,
        Description = $"The script to run; '-' reads it from standard input (reported as {ScriptInput.StdinName}).",
    };
    private readonly Argument<string[]> _scriptArgs = new("ARGS")
    {
        Arity = ArgumentArity.ZeroOrMore,
        Description = "Handed to the script as the list `args`, untouched, even when they look like options.",
    };
    private readonly Argument<string[]> _paths = new("PATH")
    {
        Arity = ArgumentArity.ZeroOrMore,
        Description = "Test files or directories searched for *.grad (default: the current directory).",
    };
    private readonly Option<bool> _update = new("--update") { Description = "Write each test's actual output to its .out file." };
    private readonly Argument<string?> _graphFile = new("FILE")
    {
        Arity = ArgumentArity.ZeroOrOne,
        Description = "The script to run; '-' reads it from standard input. Its own output goes to standard error.",
    };
    private readonly Argument<string[]> _graphArgs = new("ARGS")
    {
        Arity = ArgumentArity.ZeroOrMore,
        Description = "The script's `args`; after `--` when they look like options.",
    };
    private readonly Option<string?> _variable = new("--var")
    {
        HelpName = "NAME",
        Description = "The global variable whose graph is drawn (required); it must hold a tracked value.",
    };
    private readonly Option<string?> _output = new("-o", "--output")
    {
        HelpName = "OUT",
        Description = "The file to write: Graphviz draws OUT.svg or OUT.png, OUT.dot gets the DOT text. Without it the DOT text goes to standard output.",
    };
    private readonly Option<GraphFormat?> _format = new("--format")
    {
        HelpName = "FORMAT",
        Description = $"{GraphFile.FormatNames}, whatever OUT's extension (which says it otherwise).",
        CustomParser = ParseFormat,
    };
    private readonly Option<string?> _graphviz = new("--dot")
    {
        HelpName = "PROGRAM",
        Description = $"The Graphviz program that draws pictures (default '{Graphviz.DefaultCommand}', found on PATH).",
    };
    private readonly LimitOptions _rootLimits;
    private readonly LimitOptions _testLimits;
    private readonly LimitOptions _replLimits;
    private readonly LimitOptions _graphLimits;
    private readonly KernelCommandLine _kernel = new();

    /// <summary>Builds the command tree.</summary>
    public CommandLine()
    {
        Root = NewCommand(ToolName, "Run GradScript, a small scripting language whose numbers carry gradients.",
            [_help, _version, _code], [_file, _scriptArgs]);
        _rootLimits = new LimitOptions(Root);

        Test = NewCommand(TestCommandName, "Run golden tests: each NAME.grad must print exactly NAME.out; without a PATH, every NAME.grad below here that has its NAME.out (bin, obj and hidden folders skipped).",
            [_testHelp, _update], [_paths]);
        _testLimits = new LimitOptions(Test);
        Root.Subcommands.Add(Test);

        Repl = NewCommand(ReplCommandName, "Start the interactive REPL, even when standard input is not a terminal.", [_replHelp], []);
        _replLimits = new LimitOptions(Repl);
        Root.Subcommands.Add(Repl);

        Graph = NewCommand(GraphCommandName, "Run a script, then draw the graph behind one of its variables, as micrograd's draw_dot does.",
            [_graphHelp, _variable, _output, _format, _graphviz], [_graphFile, _graphArgs]);
        _graphLimits = new LimitOptions(Graph);
        Root.Subcommands.Add(Graph);
        Root.Subcommands.Add(_kernel.Command);

        Fmt = NewCommand(FmtCommandName, "Lay out scripts in GradScript's one canonical layout, comments kept (docs/cli.md).",
            [_fmtHelp, _check], [_fmtPaths]);
        Root.Subcommands.Add(Fmt);

        Lsp = NewCommand(LspCommandName, "Serve the Language Server Protocol on standard input and output, for editors (README, Editors).",
            [_lspHelp, _stdio], []);
        Root.Subcommands.Add(Lsp);

        // Never invoked (Cli carries out the Invocation), but a command without an action is one
        // System.CommandLine insists must be followed by a subcommand.
        foreach (var command in new[] { Root, Test, Repl, Graph, Fmt, Lsp }) command.SetAction(_ => ExitCodes.Success);
    }

    private static Command NewCommand(string name, string description, Option[] options, Argument[] arguments)
    {
        var command = new Command(name, description);
        foreach (var option in options) command.Options.Add(option);
        foreach (var argument in arguments) command.Arguments.Add(argument);
        return command;
    }

    /// <summary>The root command: running scripts.</summary>
    public Command Root { get; }

    /// <summary>The <c>test</c> subcommand.</summary>
    public Command Test { get; }

    /// <summary>The <c>repl</c> subcommand.</summary>
    public Command Repl { get; }

    /// <summary>The <c>graph</c> subcommand.</summary>
    public Command Graph { get; }

    /// <summary>The <c>fmt</c> subcommand.</summary>
    public Command Fmt { get; }

    /// <summary>The <c>lsp</c> subcommand.</summary>
    public Command Lsp { get; }

    /// <summary>Parses a whole command line.</summary>
    public static Invocation Parse(IReadOnlyList<string> args) => PlainScript(args) ?? ParseFully(args);

    /// <summary>Parses a whole command line with the System.CommandLine tree, whatever it holds.</summary>
    internal static Invocation ParseFully(IReadOnlyList<string> args) => new CommandLine().ParseArgs(args);

    /// <summary>
    /// The commonest command lines, where the script comes first: <c>gradscript FILE [ARGS…]</c>,
    /// <c>gradscript -e CODE [ARGS…]</c> and <c>gradscript - [ARGS…]</c>. Everything after the script
    /// is the script's, so nothing is left to parse, and building the System.CommandLine tree (a
    /// fifth of a cold start) is skipped. <see cref="ParseFully"/> gives the same result for these;
    /// every other command line goes to it. Null when the command line is not one of these.
    /// </summary>
    private static ScriptRequest? PlainScript(IReadOnlyList<string> args) => args switch
    {
        ["-e" or "--eval", var code, ..] => new(new ScriptInput.Code(code), RunLimits.None, [.. args.Skip(2)]),
        ["-", ..] => new(new ScriptInput.Stdin(), RunLimits.None, [.. args.Skip(1)]),
        [var file, ..] when !file.StartsWith('-') && !IsSubcommand(file) =>
            new(new ScriptInput.File(file), RunLimits.None, [.. args.Skip(1)]),
        _ => null,
    };

    /// <summary>Whether a first argument names a subcommand (every one the tree has: a test checks).</summary>
    internal static bool IsSubcommand(string name) =>
        name is TestCommandName or ReplCommandName or GraphCommandName or FmtCommandName or LspCommandName or KernelCommandLine.Name;

    private Invocation ParseArgs(IReadOnlyList<string> args)
    {
        if (args.Count > 0 && args[0] == KernelCommandLine.Name) return _kernel.Parse([.. args.Skip(1)]);
        if (args.Count > 0 && Root.Subcommands.FirstOrDefault(c => c.Name == args[0]) is { } subcommand)
            return ParseSubcommand(subcommand, args);

        var split = ArgumentSplitter.AtScript(Root, _code, args);
        if (split.UnknownOption is { } unknown) return UnknownOption(unknown);
        var result = Root.Parse(split.Own);
        if (result.GetResult(_help) is not null) return new HelpRequest(Root);
        if (result.Errors.Count > 0) return new UsageError(result.Errors[0].Message);
        if (result.GetValue(_version)) return new VersionRequest();

        var limits = _rootLimits.Read(result);
        ScriptInput input = (result.GetValue(_code), result.GetValue(_file)) switch
        {
            ({ } code, _) => new ScriptInput.Code(code),
            (null, "-") => new ScriptInput.Stdin(),
            (null, { } file) => new ScriptInput.File(file),
            (null, null) => new ScriptInput.Implicit(),
        };
        return new ScriptRequest(input, limits, split.ScriptArgs);
    }

    // A usage error of a subcommand points at that subcommand's --help.
    private Invocation ParseSubcommand(Command subcommand, IReadOnlyList<string> args)
    {
        var invocation = ParseSubcommandArguments(subcommand, args);
        return invocation is UsageError error ? error with { Subcommand = subcommand.Name } : invocation;
    }

    private Invocation ParseSubcommandArguments(Command subcommand, IReadOnlyList<string> args)
    {
        if (ArgumentSplitter.FindUnknownOption(subcommand, [.. args.Skip(1)]) is { } unknown) return UnknownOption(unknown);
        var result = Root.Parse(args);
        var help = subcommand == Test ? _testHelp : subcommand == Graph ? _graphHelp : subcommand == Fmt ? _fmtHelp : subcommand == Lsp ? _lspHelp : _replHelp;
        if (result.GetResult(help) is not null) return new HelpRequest(subcommand);
        if (result.Errors.Count > 0) return new UsageError(result.Errors[0].Message);
        if (subcommand == Test)
            return new TestRequest(result.GetValue(_paths) ?? [], result.GetValue(_update), _testLimits.Read(result));
        if (subcommand == Graph) return GraphInvocation(result);
        if (subcommand == Lsp) return new LspRequest();
        if (subcommand == Fmt) return new FmtRequest(result.GetValue(_fmtPaths) ?? [], result.GetValue(_check));
        return new ReplRequest(_replLimits.Read(result));
    }

    /// <summary>
    /// A parsed <c>graph</c> command line, checked: a script and a variable are given, and the format
    /// is known before the script runs (<c>--format</c>, else OUT's extension, else DOT text).
    /// </summary>
    private Invocation GraphInvocation(ParseResult result)
    {
        if (result.GetValue(_graphFile) is not { } file) return new UsageError("graph: missing FILE, the script to run");
        if (result.GetValue(_variable) is not { } variable) return new UsageError("graph: missing --var NAME, the variable whose graph to draw");
        string? output = result.GetValue(_output);
        GraphFormat? format = result.GetValue(_format);
        if (format is null && output is not null)
        {
            format = GraphFile.FormatOf(output);
            if (format is null)
                return new UsageError($"graph: cannot tell a format from the name '{output}'; end it in .svg, .png or .dot, or give --format");
        }
        if (output is null && format is not (null or GraphFormat.Dot))
            return new UsageError($"graph: --format {format.Value.ToString().ToLowerInvariant()} draws a picture into a file; give -o OUT");

        ScriptInput input = file == "-" ? new ScriptInput.Stdin() : new ScriptInput.File(file);
        string graphviz = result.GetValue(_graphviz) ?? Graphviz.DefaultCommand;
        return new GraphRequest(input, variable, output, format ?? GraphFormat.Dot, graphviz, _graphLimits.Read(result), result.GetValue(_graphArgs) ?? []);
    }

    private static GraphFormat? ParseFormat(ArgumentResult result)
    {
        if (result.Tokens.Count == 0) return null;
        string text = result.Tokens[0].Value;
        if (GraphFile.FormatNamed(text) is { } format) return format;
        result.AddError($"invalid value '{text}' for --format: expected {GraphFile.FormatNames}");
        return null;
    }

    private static UsageError UnknownOption(string token) => new($"unknown option '{token}'");
}
