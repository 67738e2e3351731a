namespace GradScript.Cli;

/// <summary>
/// Finds golden tests: a path that is a file is a test (whatever its extension, since it was named);
/// a directory holds every <c>*.grad</c> beneath it. The list is sorted ordinally, so every machine
/// runs and reports tests in the same order.
/// </summary>
internal static class GoldenFiles
{
    /// <summary>The extension of a test's script.</summary>
    public const string ScriptExtension = ".grad";

    private static readonly EnumerationOptions Recursive = new()
    {
        RecurseSubdirectories = true,
        IgnoreInaccessible = true,
        MatchType = MatchType.Simple,
    };

    /// <summary>The tests under <paramref name="paths"/>, and the paths that do not exist.</summary>
    public static (IReadOnlyList<string> Tests, IReadOnlyList<string> Missing) Find(IEnumerable<string> paths)
    {
        var tests = new SortedSet<string>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (string path in paths)
        {
            if (File.Exists(path))
                tests.Add(path);
            else if (Directory.Exists(path))
                tests.UnionWith(InDirectory(path));
            else
                missing.Add(path);
        }
        return ([.. tests], missing);
    }

    /// <summary>Every <c>*.grad</c> under a directory, as paths that start with it (without a leading <c>./</c>).</summary>
    public static IEnumerable<string> InDirectory(string directory) =>
        Directory.EnumerateFiles(directory, "*" + ScriptExtension, Recursive)
            .Where(file => file.EndsWith(ScriptExtension, StringComparison.Ordinal))
            .Select(file => directory == "." ? Path.GetRelativePath(".", file) : file);
}
