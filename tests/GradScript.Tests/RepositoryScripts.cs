namespace GradScript.Tests;

using Xunit;

/// <summary>
/// Every GradScript file of the repository (the golden corpus, its failing cases too, the scripts,
/// examples, samples and the standard library's modules): the inputs of the tests that compare two
/// ways of doing one thing on all the text there is.
/// </summary>
internal static class RepositoryScripts
{
    private static readonly string[] Folders = ["tests/golden", "scripts", "examples", "samples", "src/GradScript/Modules"];

    /// <summary>The files' paths; fails if most of them went missing, so that a test cannot pass by reading nothing.</summary>
    public static List<string> Files()
    {
        string root = GoldenCorpusTests.RepositoryRoot();
        var files = Folders
            .Select(folder => Path.Combine(root, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.grad", SearchOption.AllDirectories))
            .ToList();
        Assert.True(files.Count > 400, $"only {files.Count} scripts found under {root}");
        return files;
    }
}
