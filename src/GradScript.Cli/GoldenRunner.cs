namespace GradScript.Cli;

using System.Text;

/// <summary>The verdict on one golden test.</summary>
/// <param name="Path">The test's script.</param>
/// <param name="Passed">Whether every expectation held.</param>
/// <param name="Message">Why it failed, over several lines (a diff, the exit status, stderr); empty when it passed.</param>
/// <param name="Updated">Whether <c>--update</c> wrote its <c>.out</c> file.</param>
internal sealed record GoldenResult(string Path, bool Passed, string Message, bool Updated = false);

/// <summary>
/// Runs golden tests (docs/cli.md) one file at a time, through the same <see cref="ScriptRunner"/>
/// as <c>gradscript FILE</c>, with stdout and stderr captured. Errors name the script by its file
/// name alone (<c>div.grad:3:5: runtime error: …</c>), so expectations do not depend on where the
/// tests are run from. <c>gradscript test</c> and the xunit corpus theory both use it.
/// </summary>
internal sealed class GoldenRunner
{
    /// <summary>The time limit of each test unless one is given: no golden test should need more, and a hang must end.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly bool _update;
    private readonly RunLimits _limits;
    private readonly CancellationToken _cancellation;

    /// <summary>Creates a runner.</summary>
    /// <param name="update">Write each test's actual stdout to its <c>.out</c> file instead of comparing.</param>
    /// <param name="limits">Limits for each test; the timeout defaults to <see cref="DefaultTimeout"/>.</param>
    /// <param name="cancellation">Ctrl-C: stops the running test.</param>
    public GoldenRunner(bool update = false, RunLimits? limits = null, CancellationToken cancellation = default)
    {
        _update = update;
        _limits = (limits ?? RunLimits.None).WithDefaultTimeout(DefaultTimeout);
        _cancellation = cancellation;
    }

    /// <summary>Runs one test and judges it.</summary>
    public GoldenResult RunOne(string gradPath)
    {
        GoldenTest test;
        try
        {
            test = GoldenTest.Parse(gradPath, File.ReadAllText(gradPath));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return new GoldenResult(gradPath, false, $"{e.Message}\n");
        }

        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var console = new CliConsole(TextReader.Null, stdout, stderr, IsInteractive: false, _cancellation);
        int exitCode = new ScriptRunner(_limits, console).RunFile(gradPath, Path.GetFileName(gradPath), []);
        return Judge(test, exitCode, stdout.ToString(), stderr.ToString());
    }

    private GoldenResult Judge(GoldenTest test, int exitCode, string stdout, string stderr)
    {
        var failures = new StringBuilder();
        if (exitCode != test.ExpectedExitCode)
        {
            failures.Append($"expected exit status {test.ExpectedExitCode} ({GoldenTest.Describe(test.ExpectedExitCode)}), ");
            failures.Append($"got {exitCode} ({GoldenTest.Describe(exitCode)})\n");
        }
        foreach (var part in test.StderrParts.Where(part => !stderr.Contains(part, StringComparison.Ordinal)))
            failures.Append($"stderr does not contain: {part}\n");
        if (failures.Length > 0 && stderr.Length > 0)
            failures.Append("stderr:\n").Append(Indent(stderr));

        // A script that ended other than expected has no output worth keeping.
        if (_update && failures.Length == 0)
            return Update(test, stdout);

        string outName = Path.GetFileName(test.OutPath);
        if (File.Exists(test.OutPath))
        {
            string expected = File.ReadAllText(test.OutPath);
            if (expected != stdout)
                failures.Append($"stdout differs from {outName}:\n")
                    .Append(Diffs.Unified(expected, stdout, $"{outName} (expected)", "stdout (actual)"));
        }
        else if (test.Expected == GoldenTest.Outcome.Success)
        {
            failures.Append($"{outName} is missing (gradscript test --update writes it)\n");
            if (stdout.Length > 0)
                failures.Append(Diffs.Unified("", stdout, $"{outName} (missing)", "stdout (actual)"));
        }
        return new GoldenResult(test.GradPath, failures.Length == 0, failures.ToString());
    }

    private static GoldenResult Update(GoldenTest test, string stdout)
    {
        // An expected-error test that prints nothing needs no .out; one that has it keeps it current.
        if (test.Expected != GoldenTest.Outcome.Success && stdout.Length == 0 && !File.Exists(test.OutPath))
            return new GoldenResult(test.GradPath, true, "");
        try
        {
            bool changed = !File.Exists(test.OutPath) || File.ReadAllText(test.OutPath) != stdout;
            if (changed) File.WriteAllText(test.OutPath, stdout, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            return new GoldenResult(test.GradPath, true, "", Updated: changed);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new GoldenResult(test.GradPath, false, $"cannot write {test.OutPath}: {e.Message}\n");
        }
    }

    private static string Indent(string text)
    {
        var lines = text.EndsWith('\n') ? text[..^1].Split('\n') : text.Split('\n');
        return string.Concat(lines.Select(line => $"  {line}\n"));
    }
}
