namespace GradScript.Tests.Properties;

using Xunit.Abstractions;

/// <summary>
/// Property (d) of issue 6: one <see cref="CompiledScript"/> run on four threads at once, one
/// <see cref="Engine"/> each, prints exactly what it prints run alone: the same text, so the same
/// bits of every number (floats print as their shortest round-trip digits), and the same error at
/// the same place. Anything shared between engines and changed by a run would show here. The runs
/// have step and graph limits but no time limit, which would make the outcome depend on the machine.
/// </summary>
public class ParallelRunsMatchSerial(ITestOutputHelper output)
{
    private const int Threads = 4;

    [Fact]
    public void OnFourThreads() =>
        PropertyRun.Check(output, $"{nameof(ParallelRunsMatchSerial)}.{nameof(OnFourThreads)}", 500,
            Programs.WellFormedArbitrary, program =>
            {
                CompiledScript script;
                try { script = new Engine().Compile(program.Text, LimitedRun.Name); }
                catch (ScriptSyntaxException) { return; }

                string serial = RunAlone(script);
                var results = new string?[Threads];
                var failures = new Exception?[Threads];
                using var start = new Barrier(Threads);
                var threads = Enumerable.Range(0, Threads).Select(i => new Thread(() =>
                {
                    try
                    {
                        start.SignalAndWait();
                        results[i] = RunAlone(script);
                    }
                    catch (Exception e) { failures[i] = e; }
                })).ToList();
                threads.ForEach(t => t.Start());
                // Each program's limits end it within seconds; past the hang timeout something is stuck.
                Assert.All(threads, t => Assert.True(t.Join(SmallStack.HangTimeout), "a thread did not end"));

                for (int i = 0; i < Threads; i++)
                {
                    if (failures[i] is { } failure) throw new InvalidOperationException($"thread {i} threw", failure);
                    Assert.True(serial == results[i], $"thread {i} printed:\n{results[i]}\nalone it printed:\n{serial}");
                }
            });

    // Everything the run printed, then how it ended.
    private static string RunAlone(CompiledScript script)
    {
        var printed = new StringWriter { NewLine = "\n" };
        var engine = new Engine(LimitedRun.Options(printed, timed: false));
        try
        {
            engine.Run(script);
            printed.Write("-- ran to the end");
        }
        catch (ScriptException e)
        {
            printed.Write($"-- {e.GetType().Name} at {e.Line}:{e.Column}: {e.Message}");
            if (e is ScriptRuntimeException runtime) printed.Write("\n" + runtime.ScriptStackTrace);
        }
        return printed.ToString();
    }
}
