namespace GradScript.Cli.Kernel;

using System.CommandLine;
using System.CommandLine.Help;

/// <summary>
/// The <c>kernel</c> subcommand's grammar: <c>gradscript kernel -f CONNECTION_FILE [LIMITS]</c> serves
/// a notebook, and <c>gradscript kernel install [--user | --prefix DIR]</c> writes the kernelspec
/// that makes Jupyter start it.
/// </summary>
internal sealed class KernelCommandLine
{
    /// <summary>The subcommand's name.</summary>
    public const string Name = "kernel";

    /// <summary>The name of its own subcommand, which installs the kernelspec.</summary>
    public const string InstallName = "install";

    private readonly HelpOption _help = new();
    private readonly HelpOption _installHelp = new();
    private readonly Option<string?> _connectionFile = new("-f", "--connection-file")
    {
        HelpName = "CONNECTION_FILE",
        Description = "The connection file Jupyter wrote: the ports to listen on and the key that signs messages (required).",
    };
    private readonly Option<bool> _user = new("--user") { Description = "Install for the current user (~/.local/share/jupyter/kernels)." };
    private readonly Option<string?> _prefix = new("--prefix")
    {
        HelpName = "DIR",
        Description = "Install under DIR/share/jupyter/kernels (a virtual environment's or a test's prefix).",
    };
    private readonly LimitOptions _limits;

    /// <summary>Builds the two commands.</summary>
    public KernelCommandLine()
    {
        Command = new Command(Name, "Serve Jupyter notebooks: a kernel that runs GradScript cells (see 'kernel install').");
        Command.Options.Add(_help);
        Command.Options.Add(_connectionFile);
        _limits = new LimitOptions(Command);
        Install = new Command(InstallName, "Write the kernelspec, so that Jupyter lists GradScript and starts this tool for it.");
        Install.Options.Add(_installHelp);
        Install.Options.Add(_user);
        Install.Options.Add(_prefix);
        foreach (var command in new[] { Command, Install }) command.SetAction(_ => ExitCodes.Success);
    }

    /// <summary>The <c>kernel</c> command, which the root command lists.</summary>
    public Command Command { get; }

    /// <summary>The <c>kernel install</c> command.</summary>
    public Command Install { get; }

    /// <summary>Parses the arguments after <c>kernel</c>.</summary>
    public Invocation Parse(IReadOnlyList<string> args)
    {
        bool install = args.Count > 0 && args[0] == InstallName;
        var command = install ? Install : Command;
        var own = install ? args.Skip(1).ToList() : args;
        if (ArgumentSplitter.FindUnknownOption(command, own) is { } unknown) return new UsageError($"unknown option '{unknown}'");
        var result = command.Parse([.. own]);
        if (result.GetResult(install ? _installHelp : _help) is not null) return new HelpRequest(command);
        if (result.Errors.Count > 0) return new UsageError(result.Errors[0].Message);
        if (install)
        {
            string? prefix = result.GetValue(_prefix);
            if (prefix is not null && result.GetValue(_user)) return new UsageError("kernel install: give --user or --prefix DIR, not both");
            return new KernelInstallRequest(result.GetValue(_user), prefix);
        }
        if (result.GetValue(_connectionFile) is not { } file)
            return new UsageError("kernel: missing -f CONNECTION_FILE (Jupyter starts the kernel with it; 'gradscript kernel install' sets that up)");
        return new KernelRequest(file, _limits.Read(result));
    }
}

/// <summary><c>gradscript kernel -f CONNECTION_FILE</c>: serve a notebook.</summary>
/// <param name="ConnectionFile">The connection file's path.</param>
/// <param name="Limits">The limits each cell runs under.</param>
internal sealed record KernelRequest(string ConnectionFile, RunLimits Limits) : Invocation;

/// <summary><c>gradscript kernel install [--user | --prefix DIR]</c>: write the kernelspec.</summary>
/// <param name="User">Into the user's Jupyter data directory.</param>
/// <param name="Prefix">Under this prefix; neither means the system-wide directory.</param>
internal sealed record KernelInstallRequest(bool User, string? Prefix) : Invocation;
