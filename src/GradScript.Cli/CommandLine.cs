namespace GradScript.Cli;

using System.CommandLine;
using System.CommandLine.Help;

/// <summary>
/// The grammar of the <c>gradscript</c> command line (LANGUAGE.md §8) as a System.CommandLine tree,
/// and its parse into an <see cref="Invocation"/>. The tree is built per instance: its symbols are
/// mutable objects, and no state is shared between two command lines.
/// <code>
/// gradscript [OPTIONS] FILE.grad [ARGS…]     gradscript test [PATH…] [--update] [LIMITS]
/// gradscript [OPTIONS] -e CODE [ARGS…]       gradscript repl [LIMITS]
/// gradscript [OPTIONS] - [ARGS…]             gradscript [OPTIONS]        (REPL, or piped stdin)
/// </code>
/// Subcommands are recognised only as the first argument; a script file named <c>test</c> is run as
/// <c>./test</c>.
/// </summary>
internal sealed class CommandLine
{
    /// <summary>The tool's name, in messages and help.</summary>
    public const string ToolName = "gradscript";

    private readonly HelpOption _help = new();
    private readonly HelpOption _testHelp = new();
    private readonly HelpOption _replHelp = new();
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
    private readonly LimitOptions _rootLimits;
    private readonly LimitOptions _testLimits;
    private readonly LimitOptions _replLimits;

    /// <summary>Builds the command tree.</summary>
    public CommandLine()
    {
        Root = new Command(ToolName, "Run GradScript, a small scripting language whose numbers carry gradients.");
        Root.Options.Add(_help);
        Root.Options.Add(_version);
        Root.Options.Add(_code);
        Root.Arguments.Add(_file);
        Root.Arguments.Add(_scriptArgs);
        _rootLimits = new LimitOptions(Root);

        Test = new Command("test", "Run golden tests: each NAME.grad must print exactly NAME.out (LANGUAGE.md §10).");
        Test.Options.Add(_testHelp);
        Test.Options.Add(_update);
        Test.Arguments.Add(_paths);
        _testLimits = new LimitOptions(Test);
        Root.Subcommands.Add(Test);

        Repl = new Command("repl", "Start the interactive REPL, even when standard input is not a terminal.");
        Repl.Options.Add(_replHelp);
        _replLimits = new LimitOptions(Repl);
        Root.Subcommands.Add(Repl);

        // Never invoked (Cli carries out the Invocation), but a command without an action is one
        // System.CommandLine insists must be followed by a subcommand.
        foreach (var command in new[] { Root, Test, Repl }) command.SetAction(_ => ExitCodes.Success);
    }

    /// <summary>The root command: running scripts.</summary>
    public Command Root { get; }

    /// <summary>The <c>test</c> subcommand.</summary>
    public Command Test { get; }

    /// <summary>The <c>repl</c> subcommand.</summary>
    public Command Repl { get; }

    /// <summary>Parses a whole command line.</summary>
    public static Invocation Parse(IReadOnlyList<string> args) => new CommandLine().ParseArgs(args);

    private Invocation ParseArgs(IReadOnlyList<string> args)
    {
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

    private Invocation ParseSubcommand(Command subcommand, IReadOnlyList<string> args)
    {
        if (ArgumentSplitter.FindUnknownOption(subcommand, [.. args.Skip(1)]) is { } unknown) return UnknownOption(unknown);
        var result = Root.Parse(args);
        if (result.GetResult(subcommand == Test ? _testHelp : _replHelp) is not null) return new HelpRequest(subcommand);
        if (result.Errors.Count > 0) return new UsageError(result.Errors[0].Message);
        if (subcommand == Test)
            return new TestRequest(result.GetValue(_paths) ?? [], result.GetValue(_update), _testLimits.Read(result));
        return new ReplRequest(_replLimits.Read(result));
    }

    private static UsageError UnknownOption(string token) => new($"unknown option '{token}'");
}
