namespace GradScript.Oracle;

/// <summary>Runs GradScript through its public API: a fresh engine per case, numbers read back as doubles.</summary>
internal static class Scripts
{
    /// <summary>Runs <paramref name="source"/>, then returns the numbers of the list <paramref name="result"/>.</summary>
    public static double[] Run(string source, string result = "out")
    {
        var engine = new Engine(new EngineOptions { Output = TextWriter.Null, MaxSteps = 10_000_000 });
        engine.Run(source);
        return Flatten(engine.Evaluate(result)).ToArray();
    }

    private static IEnumerable<double> Flatten(object? value) => value switch
    {
        double d => [d],
        long l => [l],
        IReadOnlyList<object?> list => list.SelectMany(Flatten),
        _ => throw new InvalidOperationException($"not a number: {value}"),
    };
}
