namespace GradScript.Benchmarks;

using System.Diagnostics;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

/// <summary>
/// The suite's one command. With no options: every benchmark with BenchmarkDotNet's default job,
/// then the cold-start runs, then the closing table. Options of its own:
/// <list type="bullet">
/// <item><c>--quick</c>: BenchmarkDotNet's ShortRun job (5 iterations, not 3: the figures are medians) and fewer cold starts; a few minutes.</item>
/// <item><c>--check</c>: only the cross-checks (every benchmark's set-up), in seconds.</item>
/// <item><c>--cold-start</c>: only the cold-start runs; <c>--no-cold-start</c>: skip them.</item>
/// <item><c>--inProcess</c>: the benchmarks run in this process, with nothing built (with <c>--quick</c> too).</item>
/// <item><c>--loop NAME SECONDS</c>: runs one GradScript benchmark (w1, w2, backward, parse, chain, call,
/// recorded, analyze, change, break, colours, format), a floor (w1-floor, w2-floor, backward-floor, call-floor) or a script file (its path, ending in
/// <c>.grad</c>, run with <c>args[0]</c> = 1000 or the number after SECONDS) over and over, untimed, for a profiler such as <c>dotnet-trace</c> to watch;
/// it prints the time per run, in CPU time too, and the bytes allocated per run.</item>
/// </list>
/// Anything else goes to BenchmarkDotNet (e.g. <c>--filter *W1*</c>).
/// </summary>
public static class Program
{
    private static readonly Type[] Benchmarks =
    [
        typeof(W1Benchmarks), typeof(W2Benchmarks), typeof(BackwardBenchmarks),
        typeof(ParseBenchmarks), typeof(ChainBenchmarks), typeof(HostCallBenchmarks), typeof(AllocationBenchmarks), typeof(EditorBenchmarks),
    ];

    public static int Main(string[] args)
    {
        var options = args.ToHashSet();
        bool quick = options.Remove("--quick");
        bool checkOnly = options.Remove("--check");
        bool coldStartOnly = options.Remove("--cold-start");
        bool coldStart = !options.Remove("--no-cold-start");
        bool inProcess = options.Remove("--inProcess");
        var rest = args.Where(options.Contains).ToList();

        if (checkOnly) return RunChecks();
        if (args is ["--loop", var name, var seconds, .. var scriptArgs] && scriptArgs.Length <= 1)
            return Loop(name, double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture), scriptArgs is [var n] ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : W1Benchmarks.Epochs);

        IEnumerable<Summary> summaries = [];
        if (!coldStartOnly)
        {
            if (!rest.Contains("--filter")) rest.AddRange(["--filter", "*"]);
            // BenchmarkDotNet builds into an artifacts folder of its own; the ANTLR build step then
            // writes the generated parser to one path and the compiler looks for it at another, so
            // the usual output layout is kept.
            var job = (quick ? Job.ShortRun.WithIterationCount(5) : Job.Default.WithMaxIterationCount(40)).WithId(quick ? "Quick" : "Full");
            // In process nothing is built (the way round BenchmarkDotNet's 2-minute build timeout on
            // a loaded machine), and a job that carries build arguments is refused there.
            job = inProcess
                ? job.WithToolchain(InProcessEmitToolchain.Instance)
                : job.WithArguments([new MsBuildArgument("/p:UseArtifactsOutput=false")]);
            var config = ManualConfig.Create(DefaultConfig.Instance).AddJob(job).AddDiagnoser(MemoryDiagnoser.Default);
            summaries = BenchmarkSwitcher.FromTypes(Benchmarks).Run([.. rest], config).ToList();
        }

        ColdStart.Result? cold = null;
        if (coldStart || coldStartOnly)
        {
            Console.WriteLine("// cold start: running gradscript and the empty app");
            cold = ColdStart.Measure(quick ? 10 : 30, Console.Out);
        }

        string table = new ResultsTable(summaries, cold).ToMarkdown();
        string heading = $"GradScript benchmark suite, {(quick ? "quick (ShortRun)" : "full")} run, commit {Commit()}, {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}";
        Console.WriteLine();
        Console.WriteLine(heading);
        Console.WriteLine();
        Console.Write(table);
        string path = Path.Combine(Directory.GetCurrentDirectory(), "BenchmarkDotNet.Artifacts", "gradscript-summary.md");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, $"{heading}\n\n{table}");
        Console.WriteLine($"\n(also written to {path})");
        return 0;
    }

    // Every benchmark's set-up holds its cross-check; run them all once, in this process.
    private static int RunChecks()
    {
        int failed = 0;
        foreach (var type in Benchmarks)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                var instance = Activator.CreateInstance(type)!;
                type.GetMethod("Setup")!.Invoke(instance, null);
                Console.WriteLine($"ok     {type.Name} ({clock.ElapsedMilliseconds} ms)");
            }
            catch (System.Reflection.TargetInvocationException e)
            {
                failed++;
                Console.WriteLine($"FAILED {type.Name}: {e.InnerException?.Message}");
            }
        }
        return failed == 0 ? 0 : 1;
    }

    private static int Loop(string name, double seconds, int scriptArgument)
    {
        Action? run = name switch
        {
            "w1" => Prepared(new W1Benchmarks(), b => b.Setup(), b => b.GradScript()),
            "w2" => Prepared(new W2Benchmarks(), b => b.Setup(), b => b.GradScriptSteps()),
            "backward" => Prepared(new BackwardBenchmarks(), b => b.Setup(), b => b.GradScript()),
            "backward-floor" => Prepared(new BackwardBenchmarks(), b => b.Setup(), b => b.CSharpFloor()),
            "parse" => Prepared(new ParseBenchmarks(), b => b.Setup(), b => b.Compile()),
            "chain" => Prepared(new ChainBenchmarks(), b => b.Setup(), b => b.LongChain()),
            "call" => Prepared(new HostCallBenchmarks(), b => b.Setup(), b => b.GradScript()),
            "recorded" => Prepared(new AllocationBenchmarks(), b => b.Setup(), b => b.TrackedOps()),
            "analyze" => Prepared(new EditorBenchmarks(), b => b.Setup(), b => b.Analyze()),
            "format" => Prepared(new EditorBenchmarks(), b => b.Setup(), b => b.Format()),
            "change" => Prepared(new EditorBenchmarks(), b => b.Setup(), b => b.Change()),
            "break" => Prepared(new EditorBenchmarks(), b => b.Setup(), b => b.Break()),
            "colours" => Prepared(new EditorBenchmarks(), b => b.Setup(), b => b.Colours()),
            "call-floor" => HostCallFloor(),
            "w1-floor" => () => W1Benchmarks.Floor(W1Benchmarks.Epochs, out _),
            "w2-floor" => Prepared(new W2Benchmarks(), b => b.Setup(), b => b.CSharpFloor()),
            _ when name.EndsWith(".grad", StringComparison.Ordinal) => ScriptFile(name, scriptArgument),
            _ => null,
        };
        if (run is null)
        {
            Console.Error.WriteLine($"--loop: no benchmark '{name}' (w1, w2, backward, parse, chain, call, recorded, analyze, change, break, colours, format; w1-floor, w2-floor, backward-floor, call-floor)");
            return 64;
        }
        // Batches of about 50 ms: the fastest batch is the figure least disturbed by other work on a
        // shared machine; CPU time beside wall time is another steadier view.
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var paused = GC.GetTotalPauseDuration();
        int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        long runs = 0;
        double best = double.MaxValue;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            var batch = Stopwatch.StartNew();
            int inBatch = 0;
            // The clock is read once per 64 runs: read per run, it was a fifth of a host call's profile.
            while (batch.Elapsed.TotalMilliseconds < 50)
            {
                for (int i = 0; i < 64; i++) run();
                inBatch += 64;
            }
            best = Math.Min(best, batch.Elapsed.TotalMicroseconds / inBatch);
            runs += inBatch;
        }
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        Console.WriteLine($"{name}: {runs} runs in {clock.Elapsed.TotalSeconds:N1} s; µs per run: {clock.Elapsed.TotalMicroseconds / runs:N3} mean, {best:N3} best batch, CPU {cpu.TotalMicroseconds / runs:N3}; GCs gen0/1/2: {GC.CollectionCount(0) - gen0}/{GC.CollectionCount(1) - gen1}/{GC.CollectionCount(2) - gen2}, paused {(GC.GetTotalPauseDuration() - paused).TotalMicroseconds / runs:N1} µs per run; allocated {allocated / runs:N0} B per run");
        return 0;
    }

    // A script of one's own (a variant of a workload), compiled once and run with args[0] as given.
    private static Action ScriptFile(string path, int argument)
    {
        var engine = Workloads.NewEngine();
        var script = engine.Compile(File.ReadAllText(path), Path.GetFileName(path));
        Workloads.SetArgs(engine, argument);
        return () => engine.Run(script);
    }

    // The host call's floor, its result summed into a local the loop keeps: discarded, the JIT
    // removes the whole computation (Math.Tanh included).
    private static Action HostCallFloor()
    {
        double x = 0.75, y = -1.25, sum = 0;
        return () =>
        {
            var (f, dx, dy) = HostCallBenchmarks.Floor(x, y);
            sum += f + dx + dy;
            if (sum == double.PositiveInfinity) Console.WriteLine(sum);
        };
    }

    private static Action Prepared<T>(T benchmark, Action<T> setup, Action<T> run)
    {
        setup(benchmark);
        return () => run(benchmark);
    }

    private static string Commit()
    {
        try
        {
            var info = new ProcessStartInfo("git", ["rev-parse", "--short", "HEAD"]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            if (Workloads.RepositoryRoot is { } root) info.WorkingDirectory = root.FullName;
            using var git = Process.Start(info);
            string commit = git?.StandardOutput.ReadToEnd().Trim() ?? "";
            git?.WaitForExit();
            return git?.ExitCode == 0 && commit.Length > 0 ? commit : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}
