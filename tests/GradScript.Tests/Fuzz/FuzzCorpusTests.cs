namespace GradScript.Tests.Fuzz;

using GradScript.Fuzz;
using GradScript.Tests.Embedding;

/// <summary>
/// Replays the repository's fuzz corpus (<c>tests/fuzz-corpus/</c>, docs/fuzzing.md): every
/// crash the fuzzer found (<c>crashes/</c>) and a capped set of inputs it found interesting
/// (<c>found/</c>), each run through the fuzz target itself on a thread with the target's stack.
/// The only assertion is the fuzzer's: the input runs, or fails with a script error.
/// </summary>
public class FuzzCorpusTests
{
    /// <summary>The corpus must stay small enough for the repository and for a replay of seconds.</summary>
    private const int MaxFiles = 300;

    private const long MaxBytes = 1024 * 1024;

    private static string CorpusRoot => Path.Combine(IsolationTests.RepositoryRoot(), "tests", "fuzz-corpus");

    /// <summary>Every corpus file, named by its path under tests/fuzz-corpus.</summary>
    public static TheoryData<string> Inputs() => new(CorpusFiles().Select(path => Path.GetRelativePath(CorpusRoot, path).Replace('\\', '/')));

    private static IEnumerable<string> CorpusFiles() =>
        new[] { "crashes", "found" }
            .Select(folder => Path.Combine(CorpusRoot, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder))
            .Order(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(Inputs))]
    public void RunsOrFailsWithAScriptError(string name)
    {
        byte[] input = File.ReadAllBytes(Path.Combine(CorpusRoot, name));
        var escaped = SmallStack.Run(() => FuzzTarget.Run(input), FuzzTarget.StackSize);
        Assert.True(escaped is null, $"{name}: {escaped}");
    }

    [Fact]
    public void CorpusHasTheCrashesAndStaysSmall()
    {
        var files = CorpusFiles().Select(path => new FileInfo(path)).ToList();
        Assert.Contains(files, f => f.Directory!.Name == "crashes");
        Assert.InRange(files.Count, 1, MaxFiles);
        Assert.InRange(files.Sum(f => f.Length), 1, MaxBytes);
    }
}
