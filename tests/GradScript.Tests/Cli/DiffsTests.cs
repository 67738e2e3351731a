namespace GradScript.Tests.Cli;

using GradScript.Cli;
using Xunit;

/// <summary>The unified diffs golden-test failures show.</summary>
public class DiffsTests
{
    [Fact]
    public void EqualTextsHaveNoDiff()
    {
        Assert.Equal("", Diffs.Unified("a\nb\n", "a\nb\n", "x", "y"));
    }

    [Fact]
    public void AChangedLineIsShownWithContext()
    {
        Assert.Equal(
            "--- exp\n+++ act\n@@ -1,3 +1,3 @@\n 1\n-2\n+two\n 3\n",
            Diffs.Unified("1\n2\n3\n", "1\ntwo\n3\n", "exp", "act"));
    }

    [Fact]
    public void DistantChangesGetSeparateHunks()
    {
        string expected = string.Concat(Enumerable.Range(1, 20).Select(i => $"{i}\n"));
        string actual = expected.Replace("2\n3\n", "2\nthree\n").Replace("18\n", "eighteen\n");
        string diff = Diffs.Unified(expected, actual, "e", "a");
        Assert.Contains("@@ -1,6 +1,6 @@\n 1\n 2\n-3\n+three\n 4\n 5\n 6\n", diff);
        Assert.Contains("@@ -15,6 +15,6 @@\n 15\n 16\n 17\n-18\n+eighteen\n 19\n 20\n", diff);
    }

    [Fact]
    public void AMissingFinalNewlineIsShown()
    {
        Assert.Equal(
            "--- e\n+++ a\n@@ -1,1 +1,1 @@\n-x\n+x\n\\ No newline at end of file\n",
            Diffs.Unified("x\n", "x", "e", "a"));
    }

    [Fact]
    public void CarriageReturnsAreVisible()
    {
        Assert.Contains("-x\u240D\n+x\n", Diffs.Unified("x\r\n", "x\n", "e", "a"));
    }

    [Fact]
    public void OutputIntoAnEmptyExpectationIsAllAdditions()
    {
        Assert.Equal("--- e\n+++ a\n@@ -0,0 +1,2 @@\n+a\n+b\n", Diffs.Unified("", "a\nb\n", "e", "a"));
    }

    [Fact]
    public void HugeDiffsAreCut()
    {
        string actual = string.Concat(Enumerable.Range(0, 1000).Select(i => $"{i}\n"));
        string diff = Diffs.Unified("", actual, "e", "a");
        Assert.Equal(Diffs.MaxLines + 1, diff.TrimEnd('\n').Split('\n').Length);
        Assert.EndsWith("more diff lines)\n", diff);
    }
}
