namespace GradScript.Cli;

/// <summary>
/// Finds golden tests: a path that is a file is a test (whatever its extension, since it was named);
/// a directory holds every <c>*.grad</c> beneath it, except in build output (<c>bin</c>, <c>obj</c>)
/// and hidden folders. With no path at all, the tests are the <c>*.grad</c> files under the working
/// directory that have their <c>.out</c> beside them: at a repository's root that is its golden
/// corpus and examples, not its library sources or fuzz inputs, and <c>--update</c> there writes
/// no new <c>.out</c> file. The list is sorted ordinally, so every machine runs and reports tests
/// in the same order.
/// </summary>
internal static class GoldenFiles
{
    /// <summary>The extension of a test's script.</summary>
    public const string ScriptExtension = ".grad";

    private static readonly EnumerationOptions OneFolder = new()
    {
        IgnoreInaccessible = true,
        MatchType = MatchType.Simple,
        AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
    };

    /// <summary>Folders never searched: build output.</summary>
    private static readonly string[] SkippedFolders = ["bin", "obj"];

    /// <summary>The tests of <c>gradscript test</c> without a path: under the working directory, each <c>*.grad</c> with an <c>.out</c> beside it.</summary>
    public static IReadOnlyList<string> FindImplicit(string root = ".") =>
        [.. InDirectory(root).Where(file => File.Exists(Path.ChangeExtension(file, ".out"))).Order(StringComparer.Ordinal)];

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
    public static IEnumerable<string> InDirectory(string directory)
    {
        // Walked folder by folder with a stack (no recursion), to skip build output and hidden folders.
        var pending = new Stack<string>([directory]);
        while (pending.Count > 0)
        {
            string folder = pending.Pop();
            foreach (string file in Directory.EnumerateFiles(folder, "*" + ScriptExtension, OneFolder))
            {
                if (file.EndsWith(ScriptExtension, StringComparison.Ordinal))
                    yield return directory == "." ? Path.GetRelativePath(".", file) : file;
            }
            foreach (string sub in Directory.EnumerateDirectories(folder, "*", OneFolder))
            {
                string name = Path.GetFileName(sub);
                if (!name.StartsWith('.') && !SkippedFolders.Contains(name)) pending.Push(sub);
            }
        }
    }
}
