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

    /// <summary>
    /// Every way a script can ask for memory without end, the memory limit it runs under (in MB),
    /// and the clean error that ends it: the size of one string or list, or the memory limit. Under
    /// 1 GB the size limits come first; under 128 MB, growth made of many objects meets the limit.
    /// </summary>
    public static TheoryData<string, int, string> Bombs() => new()
    {
        { "s = \"x\"\nwhile true { s = s + s }", 1024, "string too long (more than 134217728 characters)" },
        { "s = \"ab\"\nwhile true { s = s * 2 }", 1024, "string too long (more than 134217728 characters)" },
        { "s = \"x\" * 10^12", 1024, "string too long (more than 134217728 characters)" },
        { "s = \"x\" * 2^26\nt = f\"{s}{s}{s}\"", 1024, "string too long (more than 134217728 characters)" },
        { "s = f\"{1:>2000000000}\"", 1024, "format width too large (more than 1048576)" },
        { "xs = [0]\nwhile true { xs = xs + xs }", 1024, "list too long (more than 16777216 items)" },
        { "xs = [0]\nwhile true { xs += xs }", 1024, "list too long (more than 16777216 items)" },
        { "xs = [0]\nwhile true { xs = xs * 2 }", 1024, "list too long (more than 16777216 items)" },
        { "xs = [0] * (2^24 - 1000)\nwhile true { append(xs, 0) }", 1024, "list too long (more than 16777216 items)" },
        { "xs = [0] * 10^12", 1024, "list too long (more than 16777216 items)" },
        { "xs = list(0..10^12)", 1024, "range too long to materialise (more than 16777216 items)" },
        { "xs = zip(0..10^12, 0..10^12)", 1024, "list too long (more than 16777216 items)" },
        { "xs = enumerate(\"x\" * 2^27)", 1024, "list too long (more than 16777216 items)" },
        { "xs = list(\"x\" * 2^27)", 1024, "string too long to materialise (more than 16777216 characters)" },
        { "xs = [[0] * 2^20]\nwhile true { append(xs, xs[-1] + [1]) }", 128, "memory limit exceeded (128 MB)" },
        { "d = []\nwhile true { d = [d, d, d, d] }", 128, "memory limit exceeded (128 MB)" },
        { "xs = enumerate(0..2^24)", 128, "memory limit exceeded (128 MB)" },
        { "x = param(1.0)\nfor i in 0..10^9 { x = x * 1.0 + x }", 128, "memory limit exceeded (128 MB)" },
    };

    [Theory]
    [MemberData(nameof(Bombs))]
    public void EveryMemoryBombEndsInACleanRuntimeError(string script, int megabytes, string message)
    {
        var engine = new Engine(new EngineOptions { MaxMemory = (long)megabytes << 20, Output = TextWriter.Null });
        var error = Assert.ThrowsAny<ScriptRuntimeException>(() => engine.Run(script, "bomb.grad"));
        Assert.Equal(message, error.Message);
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
