namespace GradScript.Tests.Embedding;

using System.Diagnostics;

/// <summary>
/// EngineOptions.MaxMemory, and the default that keeps a runaway script from taking the process
/// down. In the timing collection, which runs alone: the measure is the whole process's heap.
/// </summary>
[Collection(TimingCollection.Name)]
public class MemoryLimitTests
{
    private const long Budget = 128 << 20;

    private static Engine Limited() => new(new EngineOptions { MaxMemory = Budget, Output = TextWriter.Null });

    [Theory]
    [InlineData("x = param(1.0)\nwhile true { x = x * 1.0 }")]                  // a graph that grows forever
    [InlineData("xs = []\nwhile true { append(xs, [0] * 2^20) }")]              // 16 MB more per step
    [InlineData("s = \"x\" * 2^24\nxs = []\nwhile true { append(xs, s + \"y\") }")]   // 32 MB more per step
    [InlineData("xs = []\nwhile true { append(xs, param(1.0)) }")]             // small objects, many steps
    public void GrowingWithoutEndStopsAtTheMemoryLimit(string script)
    {
        var engine = Limited();
        var error = Assert.Throws<ScriptLimitException>(() => engine.Run(script, "bomb.grad"));
        Assert.Equal("memory limit exceeded (128 MB)", error.Message);
        Assert.Equal("bomb.grad", error.SourceName);
        engine.Run("xs = none\nx = none");              // the engine goes on, and what it held can be freed
        Assert.Equal(3L, engine.Evaluate("1 + 2"));
    }

    [Fact]
    public void GarbageDoesNotCountAgainstTheLimit()
    {
        // 768 MB made and dropped, 32 MB at a time: only what a collection leaves counts.
        Limited().Run("for i in 0..24 { s = \"x\" * 2^24 }");
    }

    [Fact]
    public void WithoutAnOptionThreeQuartersOfTheMemoryTheRuntimeMayUseIsTheLimit()
    {
        // A process whose heap may not pass 256 MB: the script stops at 192 MB with a clean error,
        // where it used to die of an OutOfMemoryException (or be killed, without a heap limit).
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "gradscript"), ["-e", "x = param(1.0)\nwhile true { x = x * 1.0 }"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_GCHeapHardLimit"] = "0x10000000";
        using var process = Process.Start(start)!;
        string stderr = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(60_000));
        Assert.Equal(70, process.ExitCode);
        Assert.Contains("runtime error: memory limit exceeded (192 MB)", stderr);
    }
}
