namespace GradScript.Cli;

using GradScript.Diagnostics;
using GradScript.Tooling;

/// <summary>
/// <c>gradscript fmt [--check] [PATH…]</c>: lays out every script found (files as named, directories
/// searched for <c>*.grad</c>, the current directory by default; <c>-</c> formats standard input to
/// standard output) in <see cref="SourceFormatter"/>'s canonical layout. It rewrites the files that
/// change and names them; with <c>--check</c> it only names them, and exits 1 if there are any.
/// A script that does not parse is reported and left alone (exit 65); a path that does not exist
/// is exit 66 before anything is touched.
/// </summary>
internal sealed class FmtCommand(FmtRequest request, CliConsole console)
{
    /// <summary>Formats (or checks) the scripts and reports them.</summary>
    public int Run()
    {
        if (request.Paths is ["-"]) return Stdin();
        var paths = request.Paths.Count > 0 ? request.Paths : ["."];
        var (files, missing) = GoldenFiles.Find(paths);
        if (missing.Count > 0)
        {
            foreach (string path in missing)
                console.ErrorLine($"{CommandLine.ToolName}: cannot open '{path}': No such file or directory");
            return ExitCodes.NoInput;
        }

        int status = ExitCodes.Success;
        foreach (string file in files)
        {
            int fileStatus = One(file);
            // The worst outcome wins: a broken script over a file that would change.
            if (fileStatus != ExitCodes.Success && (status == ExitCodes.Success || status == ExitCodes.TestsFailed)) status = fileStatus;
        }
        console.FlushOutput();
        return status;
    }

    private int One(string file)
    {
        int read = TryFormat(() => SourceLoader.ReadFile(file, file), file, out string text, out string formatted);
        if (read != ExitCodes.Success) return read;
        if (formatted == text) return ExitCodes.Success;
        console.OutLine(file);
        if (request.Check) return ExitCodes.TestsFailed;
        try
        {
            File.WriteAllText(file, formatted);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.ErrorLine($"{CommandLine.ToolName}: cannot write '{file}': {e.Message}");
            return ExitCodes.CannotCreate;
        }
        return ExitCodes.Success;
    }

    // `gradscript fmt -`: the filter an editor runs; `--check` prints nothing and only exits 0 or 1.
    private int Stdin()
    {
        int read = TryFormat(() => SourceLoader.ReadStdin(console.In, ScriptInput.StdinName), ScriptInput.StdinName, out string text, out string formatted);
        if (read != ExitCodes.Success) return read;
        if (request.Check) return formatted == text ? ExitCodes.Success : ExitCodes.TestsFailed;
        console.Out.Write(formatted);
        console.FlushOutput();
        return ExitCodes.Success;
    }

    // Reads and formats one source; a source that cannot be read, does not parse or would change
    // meaning is reported here, and its exit code returned.
    private int TryFormat(Func<string> read, string name, out string text, out string formatted)
    {
        text = formatted = "";
        try
        {
            text = read();
            formatted = SourceFormatter.Format(text, name);
            return ExitCodes.Success;
        }
        catch (SourceUnavailableException e)
        {
            console.ErrorLine($"{CommandLine.ToolName}: {e.Message}");
            return ExitCodes.NoInput;
        }
        catch (ScriptSyntaxException e)
        {
            console.Error.Write(DiagnosticRenderer.SyntaxErrors(e.Errors));
            return ExitCodes.SyntaxError;
        }
        catch (InvalidOperationException e)
        {
            console.ErrorLine($"{CommandLine.ToolName}: {e.Message}");
            return ExitCodes.RuntimeError;
        }
    }
}
