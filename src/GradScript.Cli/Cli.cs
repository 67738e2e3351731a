namespace GradScript.Cli;

using System.CommandLine;
using System.Diagnostics;

/// <summary>
/// The whole of <c>gradscript</c> as a function: a command line and a console in, an exit status
/// out. <see cref="Program"/> calls it with the process's console; tests call it with strings.
/// Nothing escapes it: an unexpected failure is reported as an internal error with exit 70, never
/// as a .NET stack trace.
/// </summary>
internal static class Cli
{
    /// <summary>Runs a command line with standard input that is not a terminal and no Ctrl-C.</summary>
    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr) =>
        Run(args, new CliConsole(stdin, stdout, stderr));

    /// <summary>Runs a command line on a console.</summary>
    public static int Run(IReadOnlyList<string> args, CliConsole console)
    {
        try
        {
            return Execute(CommandLine.Parse(args), console);
        }
        catch (Exception e)
        {
            console.FlushOutput();
            console.ErrorLine($"gradscript: internal error: {e.Message}");
            return ExitCodes.RuntimeError;
        }
    }

    private static int Execute(Invocation invocation, CliConsole console)
    {
        switch (invocation)
        {
            case HelpRequest help:
                HelpText.Write(help.Command, RootOf(help.Command), console.Out);
                return ExitCodes.Success;
            case VersionRequest:
                console.OutLine(HelpText.VersionLine);
                return ExitCodes.Success;
            case UsageError error:
                console.ErrorLine($"{CommandLine.ToolName}: {error.Message}");
                console.ErrorLine($"Try '{CommandLine.ToolName}{(error.Subcommand is { } sub ? " " + sub : "")} --help'.");
                return ExitCodes.Usage;
            case ScriptRequest script:
                return RunScript(script, console);
            case TestRequest test:
                return new TestCommand(test, console).Run();
            case LspRequest:
                return Lsp.LspCommand.Run(console);
            case FmtRequest fmt:
                return new FmtCommand(fmt, console).Run();
            case GraphRequest graph:
                return new GraphCommand(graph, console).Run();
            case ReplRequest repl:
                return StartRepl(repl.Limits, console);
            case Kernel.KernelRequest kernel:
                return Kernel.KernelCommand.Serve(kernel, console);
            case Kernel.KernelInstallRequest install:
                return Kernel.KernelCommand.Install(install, console, Environment.GetEnvironmentVariable);
            default:
                throw new UnreachableException($"unhandled command line {invocation}");
        }
    }

    private static int RunScript(ScriptRequest request, CliConsole console)
    {
        var runner = new ScriptRunner(request.Limits, console);
        return request.Input switch
        {
            ScriptInput.File file => runner.RunFile(file.Path, file.Path, request.Args),
            ScriptInput.Code code => runner.RunCode(code.Text, ScriptInput.CodeName, request.Args),
            ScriptInput.Stdin => runner.RunStdin(ScriptInput.StdinName, request.Args),
            ScriptInput.Implicit when console.IsInteractive => StartRepl(request.Limits, console),
            ScriptInput.Implicit => runner.RunStdin(ScriptInput.StdinName, request.Args),
            _ => throw new UnreachableException($"unhandled script input {request.Input}"),
        };
    }

    /// <summary>
    /// The REPL (docs/repl.md): <c>gradscript repl</c>, and <c>gradscript</c> alone on a
    /// terminal, come here. It exits 0 at the end of its input, whatever the inputs did.
    /// </summary>
    private static int StartRepl(RunLimits limits, CliConsole console) => new Repl.ReplLoop(limits, console).Run();

    private static Command RootOf(Command command) =>
        command.Parents.OfType<Command>().FirstOrDefault() is { } parent ? RootOf(parent) : command;
}
