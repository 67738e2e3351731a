namespace GradScript.Cli.Repl;

using System.ComponentModel;
using System.Diagnostics;

/// <summary>
/// Draws DOT text into an image file with Graphviz's <c>dot</c> program, when it is installed. The
/// command is a parameter so tests can point it at a stand-in (or at nothing, to see the message a
/// machine without Graphviz gives).
/// </summary>
/// <param name="command">The program to run: <c>dot</c>, looked up on PATH, by default.</param>
internal sealed class Graphviz(string command = "dot")
{
    /// <summary>How long <c>dot</c> may take before it is stopped: large graphs take a while, a hung one must not hang the REPL.</summary>
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(60);

    /// <summary>Writes <paramref name="path"/> in <paramref name="format"/> (<c>svg</c>, <c>png</c>); null on success, else why not.</summary>
    public string? Render(string dot, string format, string path)
    {
        var start = new ProcessStartInfo(command)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add($"-T{format}");
        start.ArgumentList.Add("-o");
        start.ArgumentList.Add(path);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception();
        }
        catch (Win32Exception)
        {
            return $"cannot draw {path}: Graphviz's '{command}' program is not installed (or not on PATH); "
                + "install Graphviz (e.g. 'apt install graphviz'), or write the DOT text with ':graph EXPR FILE.dot'";
        }

        using (process)
        {
            // Read stderr while writing stdin, so a chatty dot cannot block on a full pipe.
            var errors = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEndAsync();
            try
            {
                process.StandardInput.Write(dot);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // dot exited early; its stderr says why.
            }
            if (!process.WaitForExit(TimeLimit))
            {
                process.Kill(entireProcessTree: true);
                return $"'{command}' did not finish drawing {path} within {TimeLimit.TotalSeconds:0} s";
            }
            Task.WaitAll(errors, output);
            return process.ExitCode == 0 ? null : $"'{command}' failed (exit {process.ExitCode}): {errors.Result.Trim()}";
        }
    }
}
