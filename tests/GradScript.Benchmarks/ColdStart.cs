namespace GradScript.Benchmarks;

using System.Diagnostics;
using System.Text.RegularExpressions;

/// <summary>
/// Cold start, timed with a stopwatch from process start to exit (BenchmarkDotNet is awkward for
/// process spawns): <c>gradscript -e "print(1)"</c> as a user runs it, the tool packed from this
/// clone and installed with <c>dotnet tool install</c> into a scratch folder, against the smallest
/// console app packed and installed as a tool (build/Tool.props): on linux-x64 gradscript is
/// compiled ahead of time (Native AOT) and the empty app is a .NET console app as it comes, with
/// ReadyToRun code, started through its native launcher. Runs alternate, after
/// warm-up runs that fill the OS file cache, and the median is reported.
/// </summary>
public static class ColdStart
{
    /// <summary>Medians in milliseconds.</summary>
    public sealed record Result(double GradScriptMs, double EmptyAppMs, int Runs);

    /// <summary>Packs and installs both tools, then runs each <paramref name="runs"/> times.</summary>
    public static Result Measure(int runs, TextWriter log)
    {
        var root = Workloads.RepositoryRoot ?? throw new InvalidOperationException("cold start: run from inside the clone (GradScript.sln not found above " + AppContext.BaseDirectory + ")");
        string scratch = Directory.CreateTempSubdirectory("gradscript-cold-start-").FullName;
        try
        {
            string cli = Installed(root, "src/GradScript.Cli/GradScript.Cli.csproj", "GradScript.Cli", "gradscript", scratch, log, aheadOfTime: true);
            string empty = Installed(root, "tests/GradScript.Benchmarks/EmptyApp/EmptyApp.csproj", "GradScript.EmptyApp", "emptyapp", scratch, log, aheadOfTime: false);
            return Time(cli, empty, runs);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static Result Time(string cli, string empty, int runs)
    {
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

    private static (double Milliseconds, string Output) Start(string[] command)
    {
        var info = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in command.Skip(1)) info.ArgumentList.Add(argument);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("cold start: could not start " + info.FileName);
        var stderr = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        clock.Stop();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"cold start: {string.Join(' ', command)} exited with {process.ExitCode}: {stderr.Result}");
        return (clock.Elapsed.TotalMilliseconds, output);
    }

    /// <summary>
    /// Packs a tool project (Release) into the scratch folder and installs it there; returns its
    /// command. A tool compiled ahead of time (<paramref name="aheadOfTime"/>: gradscript on
    /// linux-x64) has its platform's package made by a second pack that names the platform, as the
    /// SDK makes Native AOT packages only then (docs/cli.md, Installing).
    /// </summary>
    private static string Installed(DirectoryInfo root, string project, string packageId, string command, string scratch, TextWriter log, bool aheadOfTime)
    {
        string packages = Path.Combine(scratch, "packages");
        string tools = Path.Combine(scratch, "tools");
        log.WriteLine($"// cold start: packing and installing {packageId}");
        Dotnet(root.FullName, "pack", Path.Combine(root.FullName, project), "-c", "Release", "-v", "q", "-p:IsPackable=true", "-o", packages);
        if (aheadOfTime && System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier == "linux-x64")
            Dotnet(root.FullName, "pack", Path.Combine(root.FullName, project), "-c", "Release", "-v", "q", "-r", "linux-x64", "-p:IsPackable=true", "-o", packages);
        Dotnet(scratch, "tool", "install", packageId, "--version", PackedVersion(packages, packageId), "--tool-path", tools, "--add-source", packages);
        string path = Path.Combine(tools, OperatingSystem.IsWindows() ? command + ".exe" : command);
        return File.Exists(path) ? path : throw new InvalidOperationException($"cold start: {path} was not installed");
    }

    // The version the pack gave the tool's own package, PACKAGEID.VERSION.nupkg (not PACKAGEID.RID.VERSION).
    private static string PackedVersion(string packages, string packageId)
    {
        var pattern = new Regex($@"^{Regex.Escape(packageId)}\.(\d+\.\d+\.\d+[^/\\]*)\.nupkg$", RegexOptions.IgnoreCase);
        return Directory.EnumerateFiles(packages).Select(f => pattern.Match(Path.GetFileName(f))).FirstOrDefault(m => m.Success)?.Groups[1].Value
            ?? throw new InvalidOperationException($"cold start: no {packageId} package in {packages}");
    }

    private static void Dotnet(string directory, params string[] arguments)
    {
        var info = new ProcessStartInfo(DotnetHost(), arguments) { WorkingDirectory = directory, UseShellExecute = false };
        using var process = Process.Start(info) ?? throw new InvalidOperationException("cold start: could not start dotnet");
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"cold start: dotnet {string.Join(' ', arguments)} exited with {process.ExitCode}");
    }

    // The `dotnet` that runs this program, when the SDK says which (dotnet run sets DOTNET_HOST_PATH).
    private static string DotnetHost() => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
