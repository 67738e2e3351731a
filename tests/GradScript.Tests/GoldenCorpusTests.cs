namespace GradScript.Tests;

using GradScript.Cli;
using Xunit;
using Xunit.Abstractions;

/// <summary>
/// Every golden test of the repository (<c>tests/golden/</c>) and every example program
/// (<c>scripts/</c>) as one xunit case each, run by the same <see cref="GoldenRunner"/> as
/// <c>gradscript test</c> (docs/cli.md). A case is named by its path from the repository root.
/// </summary>
public class GoldenCorpusTests
{
    /// <summary>
    /// The corpus directories, relative to the repository root, with the fewest cases each may hold:
    /// a folder that went missing or lost most of its files would otherwise pass by running less.
    /// Raise a floor when the corpus grows.
    /// </summary>
    private static readonly (string Directory, int AtLeast)[] CorpusDirectories = [("tests/golden", 400), ("scripts", 5)];

    public static TheoryData<GoldenCase> Cases()
    {
        string root = RepositoryRoot();
        var paths = CorpusDirectories
            .SelectMany(corpus => GoldenFiles.InDirectory(Path.Combine(root, corpus.Directory)))
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        return new TheoryData<GoldenCase>(paths.Select(path => new GoldenCase(path)));
    }

    /// <summary>
    /// Each case's time limit here: only to end a hang, so the suite's one hang guard. <c>gradscript
    /// test</c>'s own 10 s, a wall-clock limit, failed the largest cases while the suite's other tests
    /// loaded both cores, and 2 minutes failed <c>longest_list</c> (a few seconds of work) in a
    /// stress run that left the suite almost no CPU.
    /// </summary>
    private static readonly RunLimits HangGuard = new(Timeout: SmallStack.HangTimeout);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Passes(GoldenCase test)
    {
        var result = new GoldenRunner(limits: HangGuard).RunOne(Path.Combine(RepositoryRoot(), test.Path));
        Assert.True(result.Passed, $"{test.Path}:\n{result.Message}");
    }

    [Fact]
    public void EveryCorpusFolderIsThereWithItsCases()
    {
        string root = RepositoryRoot();
        foreach (var (directory, atLeast) in CorpusDirectories)
        {
            Assert.True(Directory.Exists(Path.Combine(root, directory)), $"the corpus folder {directory} is missing");
            int count = GoldenFiles.InDirectory(Path.Combine(root, directory)).Count();
            Assert.True(count >= atLeast, $"{directory} holds {count} golden cases, fewer than its floor of {atLeast}");
        }
    }

    /// <summary>The folder holding GradScript.sln, found by walking up from the test's binaries.</summary>
    internal static string RepositoryRoot()
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
