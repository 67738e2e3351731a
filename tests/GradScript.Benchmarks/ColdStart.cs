namespace GradScript.Benchmarks;

using System.Diagnostics;

/// <summary>
/// Cold start, timed with a stopwatch from process start to exit (BenchmarkDotNet is awkward for
/// process spawns): <c>dotnet gradscript.dll -e "print(1)"</c> against <c>dotnet EmptyApp.dll</c>,
/// the smallest console app. Both Release builds; runs alternate, after warm-up runs that fill the
/// OS file cache, and the median is reported.
/// </summary>
public static class ColdStart
{
    /// <summary>Medians in milliseconds.</summary>
    public sealed record Result(double GradScriptMs, double EmptyAppMs, int Runs);

    /// <summary>Measures both programs <paramref name="runs"/> times each.</summary>
    public static Result Measure(int runs, TextWriter log)
    {
        var root = Workloads.RepositoryRoot ?? throw new InvalidOperationException("cold start: run from inside the clone (GradScript.sln not found above " + AppContext.BaseDirectory + ")");
        string cli = Built(root, "src/GradScript.Cli/GradScript.Cli.csproj", "src/GradScript.Cli/bin/Release/net10.0/gradscript.dll", log);
        string empty = Built(root, "tests/GradScript.Benchmarks/EmptyApp/EmptyApp.csproj", "tests/GradScript.Benchmarks/EmptyApp/bin/Release/net10.0/EmptyApp.dll", log);
        string[] cliArgs = [cli, "-e", "print(1)"];
        string[] emptyArgs = [empty];

        string printed = Start(cliArgs).Output;
        if (printed != "1\n") throw new InvalidOperationException($"cold start: gradscript -e \"print(1)\" printed {printed.ReplaceLineEndings("\\n")}, not 1");
        for (int i = 0; i < 3; i++) { Start(cliArgs); Start(emptyArgs); }

        var gradscript = new double[runs];
        var baseline = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            gradscript[i] = Start(cliArgs).Milliseconds;
            baseline[i] = Start(emptyArgs).Milliseconds;
        }
        return new Result(Median(gradscript), Median(baseline), runs);
    }

    private static (double Milliseconds, string Output) Start(string[] arguments)
    {
        var info = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments) info.ArgumentList.Add(argument);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("cold start: could not start " + info.FileName);
        var stderr = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        clock.Stop();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"cold start: {string.Join(' ', arguments)} exited with {process.ExitCode}: {stderr.Result}");
        return (clock.Elapsed.TotalMilliseconds, output);
    }

    // The `dotnet` that runs this program, when the SDK says which (dotnet run sets DOTNET_HOST_PATH).
    private static string DotnetHost() => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    // Building the suite in Release builds both (they are project references); a missing one is built here.
    private static string Built(DirectoryInfo root, string project, string output, TextWriter log)
    {
        string path = Path.Combine(root.FullName, output);
        if (File.Exists(path)) return path;
        log.WriteLine($"// cold start: building {project} in Release");
        var build = Process.Start(new ProcessStartInfo(DotnetHost(), ["build", "-c", "Release", "-v", "q", Path.Combine(root.FullName, project)]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("cold start: could not start dotnet build");
        build.WaitForExit();
        if (build.ExitCode != 0 || !File.Exists(path)) throw new InvalidOperationException($"cold start: could not build {project}");
        return path;
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
