namespace GradScript.Tests.Reliability;

using System.Text;

/// <summary>
/// What the nesting tests share: building deep scripts, running one on a thread of a chosen stack,
/// and checking a nested list's result by its shape.
/// </summary>
internal static class NestedScripts
{
    /// <summary><paramref name="text"/> <paramref name="count"/> times over.</summary>
    public static string Repeat(string text, int count) => new StringBuilder(text.Length * count).Insert(0, text, count).ToString();

    /// <summary>
    /// Compiles and runs <paramref name="source"/> on a thread of <paramref name="stackBytes"/>: the
    /// script error it ended with (anything else fails the test), the processor time its thread took
    /// (the machine's load stretches wall-clock time, not this), and the engine, for its globals.
    /// </summary>
    public static (ScriptException? Error, TimeSpan Elapsed, Engine Engine) CompileAndRun(string source, int stackBytes,
        IModuleResolver? modules = null)
    {
        var engine = new Engine(new EngineOptions { Output = TextWriter.Null, ModuleResolver = modules });
        var elapsed = TimeSpan.Zero;
        var thrown = SmallStack.Run(() =>
        {
            var start = ThreadCpuTime.Now();
            try { engine.Run(source, "bomb.grad"); }
            finally { elapsed = ThreadCpuTime.Now() - start; }
        }, stackBytes);
        if (thrown is not null and not ScriptException) Assert.Fail($"{thrown.GetType().Name} escaped: {thrown}");
        return ((ScriptException?)thrown, elapsed, engine);
    }

    /// <summary>The error's line and column name a character of the source, or the end of one of its lines.</summary>
    public static void AssertPlaceInside(ScriptException error, string source)
    {
        var lines = source.Split('\n');
        Assert.InRange(error.Line, 1, lines.Length);
        Assert.InRange(error.Column, 1, lines[error.Line - 1].Length + 1);
    }

    /// <summary>A nested list, checked by its shape: n lists, each holding the next, the innermost empty.</summary>
    public sealed record ListShape(int Depth);

    /// <summary><paramref name="value"/> as the test compares it with <paramref name="expected"/>: a list's shape when a shape is expected.</summary>
    public static object? Comparable(object? value, object expected)
    {
        if (expected is not ListShape) return value;
        int depth = 0;
        while (value is IReadOnlyList<object?> items)
        {
            depth++;
            value = items.Count == 0 ? null : items.Single();
        }
        return new ListShape(depth);
    }
}
