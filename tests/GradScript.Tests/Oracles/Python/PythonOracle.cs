namespace GradScript.Tests.Oracles.Python;

using System.Diagnostics;
using System.Text.Json;

/// <summary>
/// CPython as an oracle: runs many small Python programs in one python3 process (starting one per
/// program would cost more than the programs), each in fresh globals holding the definitions of
/// <c>prelude.py</c> and with <c>random</c> seeded 0, as a fresh GradScript engine is. The result of
/// each is its stdout, followed by the line <see cref="ErrorMark"/> when it raised.
/// </summary>
internal static class PythonOracle
{
    /// <summary>Ends the output of a program that stopped with an error, on either side.</summary>
    public const string ErrorMark = "!error\n";

    /// <summary>Set (to anything non-empty) where python3 must be installed, as <c>.ci/run</c> sets it.</summary>
    public const string RequiredVariable = "GRADSCRIPT_REQUIRE_PYTHON";

    /// <summary>python3's path, or null when it is not installed.</summary>
    public static string? Executable => ProgramsOnPath.Find("python3");

    /// <summary>Why a test that needs python3 is skipped here, or null when it can run (or must).</summary>
    public static string? SkipReason =>
        Executable is null && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(RequiredVariable))
            ? "python3 is not installed (CI sets GRADSCRIPT_REQUIRE_PYTHON=1 and has it)"
            : null;

    private static string PreludePath => Path.Combine(AppContext.BaseDirectory, "Oracles", "Python", "prelude.py");

    // Reads the programs as a JSON list on stdin and writes their outputs as one on stdout, so no
    // program's text or output can be confused with the framing.
    private const string Runner = """
        import contextlib, io, json, random, sys
        sys.setrecursionlimit(400)
        prelude = compile(open(sys.argv[1], encoding="utf-8").read(), "prelude.py", "exec")
        results = []
        for index, source in enumerate(json.load(sys.stdin)):
            print(index, file=sys.stderr, flush=True)
            namespace = {"__name__": "__case__"}
            exec(prelude, namespace)
            random.seed(0)
            out = io.StringIO()
            try:
                code = compile(source, "<case>", "exec")
            except SyntaxError as e:
                results.append("!python syntax error: %s\n" % e)
                continue
            try:
                with contextlib.redirect_stdout(out):
                    exec(code, namespace)
                results.append(out.getvalue())
            except Exception as e:
                results.append(out.getvalue() + "!error\n")
        json.dump(results, sys.stdout)
        """;

    /// <summary>The stdout of one Python program, run on its own (without the prelude).</summary>
    public static string RunScript(string program)
    {
        string executable = Executable ?? throw new InvalidOperationException(
            $"python3 is required ({RequiredVariable} is set) but not installed");
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[] { "-I", "-c", program.Replace("\r", "") }) start.ArgumentList.Add(argument);
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"python3 failed: {error.Result}");
        return output;
    }

    /// <summary>The output of each program, in order.</summary>
    public static IReadOnlyList<string> Run(IReadOnlyList<string> programs)
    {
        string executable = Executable ?? throw new InvalidOperationException(
            $"python3 is required ({RequiredVariable} is set) but not installed");
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "-I", "-c", Runner.Replace("\r", ""), PreludePath }) start.ArgumentList.Add(argument);
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        process.StandardInput.Write(JsonSerializer.Serialize(programs));
        process.StandardInput.Close();
        if (!process.WaitForExit(HangTimeout))
        {
            process.Kill();
            process.WaitForExit();
            string? last = error.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
            string program = int.TryParse(last, out int index) && index < programs.Count ? programs[index] : "(none begun)";
            throw new TimeoutException($"python3 still ran after {HangTimeout.TotalMinutes} minutes, in this program:\n{program}");
        }
        if (process.ExitCode != 0) throw new InvalidOperationException($"python3 failed: {WithoutProgress(error.Result)}");
        return JsonSerializer.Deserialize<List<string>>(output.Result)!;
    }

    // The runner's standard error: the index of each program as it begins, and anything python3 said.
    private static string WithoutProgress(string stderr) =>
        string.Join('\n', stderr.Split('\n').Where(line => !int.TryParse(line, out _)));

    /// <summary>
    /// Only to turn a hang into a failure that names its program: a run of thousands of programs
    /// takes seconds. (One did hang once: CPython computing 3 ** 2 ** 62 digit by digit.)
    /// </summary>
    private static readonly TimeSpan HangTimeout = TimeSpan.FromMinutes(10);
}
