namespace GradScript.Tests.Cli;

/// <summary><c>gradscript fmt</c> end to end: what it rewrites, lists, refuses, and its exit statuses.</summary>
public class FmtCommandTests
{
    private const string Messy = "x=1+2 # one\nif x>2{print(x)} print(3)\n";
    private const string Tidy = "x = 1 + 2  # one\nif x > 2 { print(x) }\nprint(3)\n";

    [Fact]
    public void RewritesWhatChangesAndNamesIt()
    {
        using var dir = new TempDirectory();
        string messy = dir.Write("a.grad", Messy), tidy = dir.Write("sub/b.grad", Tidy);
        var outcome = CliRun.Run("fmt", dir.Path);
        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal([messy], outcome.StdoutLines);
        Assert.Equal(Tidy, File.ReadAllText(messy));
        Assert.Equal(Tidy, File.ReadAllText(tidy));
    }

    [Fact]
    public void CheckListsFilesAndExitsOneWithoutWriting()
    {
        using var dir = new TempDirectory();
        string messy = dir.Write("a.grad", Messy);
        dir.Write("b.grad", Tidy);
        var outcome = CliRun.Run("fmt", "--check", dir.Path);
        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal([messy], outcome.StdoutLines);
        Assert.Equal(Messy, File.ReadAllText(messy));
        Assert.Equal(0, CliRun.Run("fmt", "--check", Path.Combine(dir.Path, "b.grad")).ExitCode);
    }

    [Fact]
    public void ReportsASyntaxErrorAndLeavesTheFile()
    {
        using var dir = new TempDirectory();
        string bad = dir.Write("bad.grad", "x = (1 +\n");
        string messy = dir.Write("ok.grad", Messy);
        var outcome = CliRun.Run("fmt", dir.Path);
        Assert.Equal(65, outcome.ExitCode);
        Assert.StartsWith($"{bad}:", outcome.Stderr);
        Assert.Contains(": error: ", outcome.Stderr);
        Assert.Equal("x = (1 +\n", File.ReadAllText(bad));
        Assert.Equal(Tidy, File.ReadAllText(messy));
    }

    [Fact]
    public void AMissingPathIsExit66BeforeAnythingIsWritten()
    {
        using var dir = new TempDirectory();
        string messy = dir.Write("a.grad", Messy);
        var outcome = CliRun.Run("fmt", messy, Path.Combine(dir.Path, "nope.grad"));
        Assert.Equal(66, outcome.ExitCode);
        Assert.Contains("nope.grad", outcome.Stderr);
        Assert.Equal(Messy, File.ReadAllText(messy));
    }

    [Fact]
    public void FormatsStandardInputToStandardOutput()
    {
        var outcome = CliRun.WithStdin(Messy, "fmt", "-");
        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(Tidy, outcome.Stdout);
        Assert.Equal(1, CliRun.WithStdin(Messy, "fmt", "--check", "-").ExitCode);
        Assert.Equal(0, CliRun.WithStdin(Tidy, "fmt", "--check", "-").ExitCode);
        var bad = CliRun.WithStdin("if {", "fmt", "-");
        Assert.Equal(65, bad.ExitCode);
        Assert.StartsWith("<stdin>:1:", bad.Stderr);
    }

    [Fact]
    public void AnUnknownOptionIsAUsageError() => Assert.Equal(64, CliRun.Run("fmt", "--fix").ExitCode);
}
