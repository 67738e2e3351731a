namespace GradScript.Benchmarks;

/// <summary>
/// Finds the benchmark workloads and the repository. The workloads are the scripts in
/// <c>Workloads/</c>, built into the output.
/// </summary>
public static class Workloads
{
    /// <summary>W1: the tutorial's scalar model, 3 steps per epoch; epochs from <c>args[0]</c>.</summary>
    public static string W1 => Read("w1_seed_loop.grad");

    /// <summary>W2: the 2-16-16-1 MLP on the half-moons; steps from <c>args[0]</c>.</summary>
    public static string W2 => Read("w2_moons_mlp.grad");

    /// <summary>The clone's root (the folder with GradScript.sln), or null when run from elsewhere.</summary>
    public static DirectoryInfo? RepositoryRoot { get; } = FindRoot();

    /// <summary>An engine for benchmarks: output discarded, no limits.</summary>
    public static Engine NewEngine() => new(new EngineOptions { Output = TextWriter.Null });

    /// <summary>The engine's <c>args</c> list, as the command line sets it: strings.</summary>
    public static void SetArgs(Engine engine, int count) =>
        engine.SetGlobal("args", new List<object?> { count.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    private static string Read(string fileName) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Workloads", fileName));

    // BenchmarkDotNet runs each benchmark from a build folder of its own below the project's bin/, so
    // the root is found by walking up from wherever the assembly is.
    private static DirectoryInfo? FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GradScript.sln"))) return dir;
        }
        return null;
    }
}
