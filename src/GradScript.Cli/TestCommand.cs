namespace GradScript.Cli;

/// <summary>
/// <c>gradscript test [PATH…] [--update]</c>: runs every golden test found, prints <c>PASS path</c>
/// or <c>FAIL path</c> with the reasons indented beneath, and ends with the line
/// <c>N passed, N failed</c> (docs/cli.md), which CI reads. Exit 0 only when none
/// failed; a PATH that does not exist is exit 66 before anything runs. Without a PATH it runs the
/// tests under the working directory that have an <c>.out</c> (see <see cref="GoldenFiles"/>).
/// </summary>
internal sealed class TestCommand(TestRequest request, CliConsole console)
{
    /// <summary>Runs the tests and reports them.</summary>
    public int Run()
    {
        var paths = request.Paths.Count > 0 ? request.Paths : ["."];
        var (tests, missing) = request.Paths.Count > 0 ? GoldenFiles.Find(paths) : (GoldenFiles.FindImplicit(), []);
        if (missing.Count > 0)
        {
            foreach (string path in missing)
                console.ErrorLine($"{CommandLine.ToolName}: cannot open '{path}': No such file or directory");
            return ExitCodes.NoInput;
        }
        if (tests.Count == 0)
            console.ErrorLine($"{CommandLine.ToolName}: no *{GoldenFiles.ScriptExtension} tests in {string.Join(", ", paths.Select(p => $"'{p}'"))}");

        var runner = new GoldenRunner(request.Update, request.Limits, console.Cancellation);
        int passed = 0, failed = 0;
        foreach (string test in tests)
        {
            var result = runner.RunOne(test);
            if (console.Cancellation.IsCancellationRequested)
                return Interrupted(passed, failed);
            if (result.Passed) passed++;
            else failed++;
            Report(result);
        }
        console.OutLine(Summary(passed, failed));
        console.FlushOutput();
        return failed == 0 ? ExitCodes.Success : ExitCodes.TestsFailed;
    }

    /// <summary>The closing line, <c>N passed, N failed</c>.</summary>
    public static string Summary(int passed, int failed) => $"{passed} passed, {failed} failed";

    private void Report(GoldenResult result)
    {
        string verdict = result.Passed ? "PASS" : "FAIL";
        string note = result.Updated ? " (updated .out)" : "";
        console.OutLine($"{verdict} {result.Path}{note}");
        foreach (string line in Lines(result.Message))
            console.OutLine(line.Length == 0 ? "" : "    " + line);
        // Each verdict shows as soon as it is known, even when the report goes to a pipe.
        console.FlushOutput();
    }

    private int Interrupted(int passed, int failed)
    {
        console.OutLine(Summary(passed, failed));
        console.FlushOutput();
        console.ErrorLine("KeyboardInterrupt");
        return ExitCodes.Interrupted;
    }

    private static IEnumerable<string> Lines(string text) =>
        text.Length == 0 ? [] : (text.EndsWith('\n') ? text[..^1] : text).Split('\n');
}
