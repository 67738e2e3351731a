namespace GradScript.Tests;

using GradScript.Cli;
using Xunit;
using Xunit.Abstractions;

/// <summary>
/// Every golden test of the repository (<c>tests/golden/</c>) and every example program
/// (<c>scripts/</c>) as one xunit case each, run by the same <see cref="GoldenRunner"/> as
/// <c>gradscript test</c> (LANGUAGE.md §10). A case is named by its path from the repository root.
/// </summary>
public class GoldenCorpusTests
{
    /// <summary>The corpus directories, relative to the repository root.</summary>
    private static readonly string[] CorpusDirectories = ["tests/golden", "scripts"];

    /// <summary>Stands in for an empty corpus: xunit fails a theory that has no data at all.</summary>
    private const string NoGoldenFiles = "(no golden files yet)";

    public static TheoryData<GoldenCase> Cases()
    {
        string root = RepositoryRoot();
        var paths = CorpusDirectories
            .Select(directory => Path.Combine(root, directory))
            .Where(Directory.Exists)
            .SelectMany(GoldenFiles.InDirectory)
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        return new TheoryData<GoldenCase>((paths.Count > 0 ? paths : [NoGoldenFiles]).Select(path => new GoldenCase(path)));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Passes(GoldenCase test)
    {
        if (test.Path == NoGoldenFiles) return;
        var result = new GoldenRunner().RunOne(Path.Combine(RepositoryRoot(), test.Path));
        Assert.True(result.Passed, $"{test.Path}:\n{result.Message}");
    }

    /// <summary>The folder holding GradScript.sln, found by walking up from the test's binaries.</summary>
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GradScript.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"no GradScript.sln above {AppContext.BaseDirectory}");
    }

    /// <summary>
    /// One test file, shown in test names as its bare relative path: xunit cuts string arguments
    /// at 50 characters, but shows what <see cref="ToString"/> says in full.
    /// </summary>
    public sealed class GoldenCase : IXunitSerializable
    {
        /// <summary>For xunit's deserialisation only.</summary>
        public GoldenCase() => Path = "";

        public GoldenCase(string path) => Path = path;

        public string Path { get; private set; }

        public void Deserialize(IXunitSerializationInfo info) => Path = info.GetValue<string>(nameof(Path));

        public void Serialize(IXunitSerializationInfo info) => info.AddValue(nameof(Path), Path);

        public override string ToString() => Path;
    }
}
