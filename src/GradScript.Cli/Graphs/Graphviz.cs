namespace GradScript.Cli.Graphs;

using System.ComponentModel;
using System.Diagnostics;

/// <summary>
/// Draws DOT text as an image with Graphviz's <c>dot</c> program, when it is installed. The picture
/// comes back as bytes on dot's standard output, and the caller writes the file, so a file that
/// cannot be written is reported the same way whether dot drew it or not. The program is a parameter
/// so another layout program (<c>neato</c>) or a test's stand-in can take its place.
/// </summary>
/// <param name="command">The program to run: <c>dot</c>, looked up on PATH, by default.</param>
/// <param name="timeLimit">How long it may take; <see cref="DefaultTimeLimit"/> by default.</param>
internal sealed class Graphviz(string command = Graphviz.DefaultCommand, TimeSpan? timeLimit = null)
{
    /// <summary>Graphviz's layered-graph program, the one micrograd's pictures are drawn with.</summary>
    public const string DefaultCommand = "dot";

    /// <summary>How long <c>dot</c> may take before it is stopped: large graphs take a while, a hung one must not hang gradscript.</summary>
    public static readonly TimeSpan DefaultTimeLimit = TimeSpan.FromSeconds(60);

    private readonly TimeSpan _timeLimit = timeLimit ?? DefaultTimeLimit;

    /// <summary>How to get Graphviz, for the message shown when it is missing.</summary>
    public const string InstallAdvice =
        "install Graphviz ('sudo apt-get install graphviz' on Debian and Ubuntu, 'brew install graphviz' on macOS, "
        + "or see https://graphviz.org/download/)";

    /// <summary>The program this instance runs.</summary>
    public string Command => command;

    /// <summary>Draws <paramref name="dot"/> in <paramref name="format"/> (<c>svg</c>, <c>png</c>).</summary>
    public GraphvizResult Render(string dot, string format)
    {
        var start = new ProcessStartInfo(command)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add($"-T{format}");

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception();
        }
        catch (Win32Exception)
        {
            return new GraphvizResult.Missing($"Graphviz's '{command}' program is not installed (or not on PATH)");
        }

        using (process)
        {
            // Read both outputs while writing stdin, so a chatty dot cannot block on a full pipe.
            var image = new MemoryStream();
            var output = process.StandardOutput.BaseStream.CopyToAsync(image);
            var errors = process.StandardError.ReadToEndAsync();
            try
            {
                process.StandardInput.Write(dot);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // dot exited early; its stderr says why.
            }
            if (!process.WaitForExit(_timeLimit))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                string seconds = _timeLimit.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
                return new GraphvizResult.Failed($"'{command}' did not finish drawing within {seconds} s");
            }
            Task.WaitAll(output, errors);
            return process.ExitCode == 0
                ? new GraphvizResult.Drawn(image.ToArray())
                : new GraphvizResult.Failed($"'{command}' failed (exit {process.ExitCode}): {errors.Result.Trim()}");
        }
    }
}

/// <summary>What <see cref="Graphviz.Render"/> gave.</summary>
internal abstract record GraphvizResult
{
    /// <summary>The picture, as the file's bytes.</summary>
    public sealed record Drawn(byte[] Image) : GraphvizResult;

    /// <summary>The program could not be started: Graphviz is not installed.</summary>
    public sealed record Missing(string Message) : GraphvizResult;

    /// <summary>The program ran and failed, or took too long.</summary>
    public sealed record Failed(string Message) : GraphvizResult;
}
