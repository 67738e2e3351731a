namespace GradScript.Tests;

/// <summary>Finds external programs the end-to-end tests drive (tmux, Graphviz's dot).</summary>
internal static class ProgramsOnPath
{
    /// <summary>The full path of <paramref name="program"/> in a PATH directory, or null when it is not installed.</summary>
    public static string? Find(string program)
    {
        string file = OperatingSystem.IsWindows() ? program + ".exe" : program;
        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, file))
            .FirstOrDefault(File.Exists);
    }
}
