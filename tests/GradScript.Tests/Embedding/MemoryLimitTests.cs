namespace GradScript.Tests.Embedding;

using System.Diagnostics;

/// <summary>
/// EngineOptions.MaxMemory, and the default that keeps a runaway script from taking the process
/// down. In the timing collection, which runs alone: the measure is the whole process's heap.
/// </summary>
[Collection(TimingCollection.Name)]
public class MemoryLimitTests
{
    /// <summary>
    /// A limit of what the process holds now plus <paramref name="megabytes"/>: the measure is the
    /// whole heap, and what other tests (and the test framework) left alive is not the script's.
    /// </summary>
    private static long Limit(int megabytes) => GC.GetTotalMemory(forceFullCollection: true) + ((long)megabytes << 20);

    private static Engine Limited(long limit) => new(new EngineOptions { MaxMemory = limit, Output = TextWriter.Null });

    private static string Exceeded(long limit) => $"memory limit exceeded ({limit >> 20} MB)";

    [Theory]
    [InlineData("x = param(1.0)\nwhile true { x = x * 1.0 }")]                  // a graph that grows forever
    [InlineData("xs = []\nwhile true { append(xs, [0] * 2^20) }")]              // 16 MB more per step
    [InlineData("s = \"x\" * 2^24\nxs = []\nwhile true { append(xs, s + \"y\") }")]   // 32 MB more per step
    [InlineData("xs = []\nwhile true { append(xs, param(1.0)) }")]             // small objects, many steps
    public void GrowingWithoutEndStopsAtTheMemoryLimit(string script)
    {
        long limit = Limit(128);
        var engine = Limited(limit);
        var error = Assert.Throws<ScriptLimitException>(() => engine.Run(script, "bomb.grad"));
        Assert.Equal(Exceeded(limit), error.Message);
        Assert.Equal("bomb.grad", error.SourceName);
        engine.Run("xs = none\nx = none");              // the engine goes on, and what it held can be freed
        Assert.Equal(3L, engine.Evaluate("1 + 2"));
    }

    /// <summary>
    /// Every way a script can ask for memory without end, the memory it may use beyond what the
    /// process holds (in MB), and the clean error that ends it: the size of one string or list, or
    /// (null) the memory limit. With 1 GB the size limits come first; with 128 MB, growth made of
    /// many objects meets the limit.
    /// </summary>
    public static TheoryData<string, int, string?> Bombs() => new()
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
        { "xs = [[0] * 2^20]\nwhile true { append(xs, xs[-1] + [1]) }", 128, null },
        { "d = []\nwhile true { d = [d, d, d, d] }", 128, null },
        { "xs = enumerate(0..2^24)", 128, null },
        { "x = param(1.0)\nfor i in 0..10^9 { x = x * 1.0 + x }", 128, null },
    };

    [Theory]
    [MemberData(nameof(Bombs))]
    public void EveryMemoryBombEndsInACleanRuntimeError(string script, int megabytes, string? message)
    {
        long limit = Limit(megabytes);
        var error = Assert.ThrowsAny<ScriptRuntimeException>(() => Limited(limit).Run(script, "bomb.grad"));
        Assert.Equal(message ?? Exceeded(limit), error.Message);
    }

    [Fact]
    public void GarbageDoesNotCountAgainstTheLimit()
    {
        // 1.5 GB made and dropped, 32 MB at a time, under a limit of 512 MB more than the process
        // holds: only what a collection leaves counts.
        Limited(Limit(512)).Run("for i in 0..48 { s = \"x\" * 2^24 }");
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
