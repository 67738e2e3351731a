namespace GradScript.Tests.Embedding;

/// <summary>What a script can reach, and what engines and threads share.</summary>
public class IsolationTests
{
    // The complete list of what a script sees in a new engine: nothing of the host (files,
    // environment, processes, reflection, CLR types) is among them. A change here is a change
    // to the sandbox and must be deliberate.
    private static readonly string[] DefaultGlobals =
    [
        "abs", "adam", "all", "any", "append", "args", "backward", "bool", "ceil", "cos", "detach", "detect_anomaly", "dict", "divmod", "e", "enumerate", "error", "exp",
        "float", "floor", "gauss", "grad", "gradcheck", "graph", "help", "inf", "int", "len", "list", "log", "max", "mean",
        "min", "nan", "param", "pi", "plot", "pop", "pow", "print", "progress", "progress_note", "random", "range", "relu",
        "reversed", "round", "seed", "sgd", "sigmoid", "sin", "sorted", "sqrt", "step", "str", "sum", "tan", "tanh", "type", "uniform",
        "value", "value_and_grad", "zero_grad", "zip",
    ];

    [Fact]
    public void ANewEngineOffersExactlyTheDocumentedGlobals()
    {
        var engine = new Engine();
        Assert.Equal(DefaultGlobals, engine.Interpreter.Globals.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(engine.GetGlobalNames());
    }

    [Fact]
    public void GetGlobalNamesListsWhatScriptsAndTheHostDefined()
    {
        var engine = new Engine();
        engine.SetGlobal("host_value", 1);
        engine.SetParameter("w", 0.5);
        engine.Run("x = 1\ndef f() { }\nprint = 3\np = len");
        Assert.Equal(["f", "host_value", "p", "print", "w", "x"], engine.GetGlobalNames());
        Assert.Equal(0.5, engine.GetNumber("w"));
    }

    [Fact]
    public void TwoEnginesNeverSeeEachOther()
    {
        var a = new Engine();
        var b = new Engine();
        a.Run("x = 1; seed(5); r = random()");
        Assert.Throws<KeyNotFoundException>(() => b.GetGlobal("x"));
        b.Run("r = random()");
        // CPython: random.seed(5); random.random() is 0.6229016948897019, and a fresh generator
        // starts as if seeded with 0, whose first draw is 0.8444218515250481. Had b shared a's
        // generator, it would have drawn a's second number, 0.7417869892607294.
        Assert.Equal(0.6229016948897019, a.GetNumber("r"));
        Assert.Equal(0.8444218515250481, b.GetNumber("r"));
    }

    [Fact]
    public void ACompiledScriptRunsOnManyEnginesInParallelWithSerialResults()
    {
        var source = File.ReadAllText(Path.Combine(RepositoryRoot(), "scripts", "moons_mlp.grad"));
        var compiled = new Engine().Compile(source, "moons_mlp.grad");

        string RunOnce()
        {
            var output = new StringWriter();
            new Engine(new EngineOptions { Output = output }).Run(compiled);
            return output.ToString();
        }

        string serial = RunOnce();
        var results = new string[16];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 16 }, i => results[i] = RunOnce());
        Assert.All(results, r => Assert.Equal(serial, r));
    }

    [Fact]
    public async Task UsingOneEngineFromTwoThreadsAtOnceFailsFast()
    {
        var engine = new Engine();
        using var stop = new CancellationTokenSource();
        using var started = new ManualResetEventSlim();
        engine.SetFunction("started", () => { started.Set(); return 0.0; });
        var runner = Task.Run(() => Assert.Throws<OperationCanceledException>(() => engine.Run("started()\nwhile true { }", "a.grad", stop.Token)));
        Assert.True(started.Wait(SmallStack.HangTimeout), "the script never started");
        var misuse = Assert.Throws<InvalidOperationException>(() => engine.Run("x = 1"));
        Assert.Contains("one Engine per thread", misuse.Message);
        stop.Cancel();
        await runner;
        engine.Run("x = 2");
        Assert.Equal(2L, engine.GetGlobal("x"));
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "GradScript.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
