namespace GradScript.Tests.Embedding;

using System.Diagnostics;
using GradScript.Runtime;

/// <summary>
/// Every builtin, found among a new engine's globals (so a new builtin is audited without anyone
/// listing it), called with adversarial arguments — sizes of 10^12, the largest sizes the runtime
/// allows, NaN, infinities, negative sizes, huge strings, deep and self-containing lists, long
/// graphs, functions that never return, wrong types and wrong counts — under a 200 ms timeout, a
/// step limit and a graph budget. Each call must return or fail with a ScriptException, within
/// 300 ms of the processor time of its thread (the machine's load stretches wall-clock time, not
/// that), and within a generous 10 s of wall-clock time.
/// </summary>
[Collection(TimingCollection.Name)]
public class BuiltinAuditTests
{
    private static readonly TimeSpan Allowed = TimeSpan.FromMilliseconds(300);

    // Only to catch a call that waits rather than works, which costs no processor time.
    private static readonly TimeSpan AllowedWallClock = TimeSpan.FromSeconds(10);

    private static EngineOptions Limited() => new()
    {
        Timeout = TimeSpan.FromMilliseconds(200),
        MaxSteps = 1_000_000,
        MaxGraphNodes = 100_000,
        MaxMemory = 3L << 29,
        Output = TextWriter.Null,
        Error = TextWriter.Null,
    };

    /// <summary>The adversarial arguments, as GradScript expressions over the values <see cref="Setup"/> makes.</summary>
    private static readonly string[] Adversaries =
    [
        "0", "-1", "1", "10^12", "-(10^12)", "9223372036854775807", "-9223372036854775807 - 1",
        "0.5", "-0.0", "nan", "inf", "-inf", "1e308", "5e-324", "1e19", "true", "none",
        "\"\"", "\"float32\"", "\"-inf\"", "\"\\u{1F600}\\0x\"", "\"9\" * 100000", "huge_string", "longest_string",
        "[]", "[1, 2.0, \"a\"]", "[nan, inf, -inf]", "[0] * 1000000", "deep_list", "self_list", "shared_list", "params",
        "0..10^12", "10^12..0", "0..16777216", "0..16777217", "-9223372036854775807..0", "range(-9223372036854775807, 9223372036854775807, 2)",
        "range(0, 10^12, 10^11)",
        "identity", "spin", "recurse", "print", "param(1.0)", "param(nan)", "param(1.0, dtype=\"float32\")", "chain",
    ];

    /// <summary>
    /// Fewer kinds for the other arguments and the keywords, so the audit stays quick: each call
    /// that legitimately runs into the time limit costs 200 ms, and the list shared 60 levels deep
    /// makes every print and str do so.
    /// </summary>
    private static readonly string[] Companions =
    [
        "-1", "10^12", "-(10^12)", "nan", "-inf", "none", "huge_string", "[0] * 10000",
        "self_list", "0..10^12", "0..16777216", "spin", "chain",
    ];

    /// <summary>Large values that no builtin can change, made once: strings are immutable, and a graph only gains gradients.</summary>
    private const string SharedSetup = """
        huge_string = "x" * 2^24
        longest_string = "y" * 2^27
        chain = param(1.0)
        for i in 0..200000 { chain = chain * 1.0 }
        """;

    /// <summary>Values made afresh for each builtin, since builtins may change them (append, pop).</summary>
    private const string Setup = """
        deep_list = []
        for i in 0..100000 { deep_list = [deep_list] }
        self_list = [1]
        append(self_list, self_list)
        shared_list = [1]
        for i in 0..60 { shared_list = [shared_list, shared_list] }
        params = [param(1.0), [param(2.0), param(3.0)]]
        def identity(x) { return x }
        def spin(x, y=0, z=0) { while true { } }
        def recurse(x, y=0, z=0) { return recurse(x) }
        """;

    [Fact]
    public void EveryBuiltinReturnsOrFailsCleanlyWithinItsLimits()
    {
        var builtins = new Engine().Interpreter.Globals.Values
            .Where(cell => cell.Value.Reference is NativeFunction)
            .Select(cell => (NativeFunction)cell.Value.Reference!)
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
        Assert.Contains(builtins, f => f.Name == "gradcheck");

        var shared = new Engine(new EngineOptions { Output = TextWriter.Null });
        shared.Run(SharedSetup);
        var failures = new List<string>();
        int calls = 0;
        foreach (var builtin in builtins)
        {
            var engine = new Engine(Limited());
            var setup = new Engine(new EngineOptions { Output = TextWriter.Null });
            foreach (var name in new[] { "huge_string", "longest_string", "chain" })
                setup.Interpreter.Global(name).Value = shared.Interpreter.Global(name).Value;
            setup.Run(Setup);
            var arguments = Values(engine, setup, Adversaries, "argument");
            var companions = Values(engine, setup, Companions, "companion");

            Run(engine, builtin, [], failures, ref calls);
            foreach (var a in arguments)
            {
                Run(engine, builtin, [a], failures, ref calls);
                foreach (var b in companions) Run(engine, builtin, [a, b], failures, ref calls);
                foreach (var keyword in builtin.Keywords)
                {
                    foreach (var b in companions) Run(engine, builtin, [a], failures, ref calls, (keyword, b));
                }
            }
            var random = TestSeed.Random($"{nameof(BuiltinAuditTests)} {builtin.Name}");
            for (int i = 0; i < 100; i++)
                Run(engine, builtin, [Pick(random, arguments), Pick(random, companions), Pick(random, companions)], failures, ref calls);
            Run(engine, builtin, Enumerable.Repeat(arguments.First(v => v.Source == "longest_string"), 12).ToArray(), failures, ref calls);
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {calls} calls failed (replay with: {TestSeed.Replay(nameof(BuiltinAuditTests))}):\n{string.Join("\n", failures.Take(40))}");
    }

    private sealed record Argument(string Source, string Global);

    /// <summary>The calls, compiled once: the same text calls whichever builtin <c>audited</c> holds.</summary>
    private readonly Dictionary<string, CompiledScript> _compiled = new();

    /// <summary>Evaluates the expressions on <paramref name="setup"/>, without limits, into globals of <paramref name="engine"/>.</summary>
    private static List<Argument> Values(Engine engine, Engine setup, string[] sources, string prefix)
    {
        var result = new List<Argument>();
        for (int i = 0; i < sources.Length; i++)
        {
            string global = $"{prefix}{i}";
            setup.Run($"{global} = {sources[i]}");
            engine.Interpreter.Global(global).Value = setup.Interpreter.Global(global).Value;
            result.Add(new Argument(sources[i], global));
        }
        return result;
    }

    /// <summary>
    /// Calls the builtin and records a failure: an exception other than a ScriptException, or a call
    /// slower than <see cref="Allowed"/> three times in a row (once can be a collection of another
    /// test's garbage on this thread).
    /// </summary>
    private void Run(Engine engine, NativeFunction builtin, Argument[] arguments, List<string> failures, ref int calls,
        (string Name, Argument Value)? keyword = null)
    {
        calls++;
        engine.Interpreter.Global("audited").Value = Value.Object(builtin);
        var names = arguments.Select(a => a.Global).ToList();
        var shown = arguments.Select(a => a.Source).ToList();
        if (keyword is { } k)
        {
            names.Add($"{k.Name}={k.Value.Global}");
            shown.Add($"{k.Name}={k.Value.Source}");
        }
        string source = $"audited({string.Join(", ", names)})";
        if (!_compiled.TryGetValue(source, out var call)) _compiled[source] = call = engine.Compile(source, "audit.grad");
        string what = $"{builtin.Name}({string.Join(", ", shown)})";
        var fastest = TimeSpan.MaxValue;
        var slowestWall = TimeSpan.Zero;
        for (int attempt = 0; attempt < 3 && fastest > Allowed; attempt++)
        {
            var clock = Stopwatch.StartNew();
            var processor = ThreadCpuTime.Now();
            try
            {
                engine.Run(call);
            }
            catch (ScriptException)
            {
            }
            catch (Exception e)
            {
                failures.Add($"{what}: {e.GetType().Name}: {e.Message}");
                return;
            }
            var used = ThreadCpuTime.Now() - processor;
            if (used < fastest) fastest = used;
            if (clock.Elapsed > slowestWall) slowestWall = clock.Elapsed;
        }
        if (fastest > Allowed) failures.Add($"{what}: took {fastest.TotalMilliseconds:0} ms of processor time");
        if (slowestWall > AllowedWallClock) failures.Add($"{what}: took {slowestWall.TotalSeconds:0.0} s");
    }

    private static Argument Pick(Random random, List<Argument> values) => values[random.Next(values.Count)];
}
