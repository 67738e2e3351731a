namespace GradScript.Tests.Cli;

using CommandLineTool = GradScript.Cli.Cli;

/// <summary>What one in-process <c>gradscript</c> invocation did.</summary>
internal sealed record CliOutcome(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Stderr's lines, without the final line end.</summary>
    public string[] StderrLines => Stderr.TrimEnd('\n').Split('\n');

    /// <summary>Stdout's lines, without the final line end.</summary>
    public string[] StdoutLines => Stdout.TrimEnd('\n').Split('\n');
}

/// <summary>
/// Runs the whole command line in-process through <see cref="GradScript.Cli.Cli.Run(string[], TextReader, TextWriter, TextWriter)"/>,
/// the same code the executable runs, with strings for the console.
/// </summary>
internal static class CliRun
{
    public static CliOutcome Run(params string[] args) => WithStdin("", args);

    public static CliOutcome WithStdin(string stdin, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        int exitCode = CommandLineTool.Run(args, new StringReader(stdin), stdout, stderr);
        return new CliOutcome(exitCode, stdout.ToString(), stderr.ToString());
    }
}

/// <summary>A fresh directory for a test's files, deleted afterwards.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gradscript-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Writes a file (UTF-8, no BOM) under the directory and returns its full path.</summary>
    public string Write(string relativePath, string text)
    {
        string path = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Writes a shell script its owner may run, as a stand-in for an external program, and returns its full path.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public string WriteExecutable(string relativePath, string script)
    {
        string path = Write(relativePath, script);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    /// <summary>Writes raw bytes under the directory and returns the full path.</summary>
    public string WriteBytes(string relativePath, byte[] bytes)
    {
        string path = System.IO.Path.Combine(Path, relativePath);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary directory is not a test failure.
        }
    }
}
