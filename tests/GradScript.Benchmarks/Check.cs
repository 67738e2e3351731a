namespace GradScript.Benchmarks;

/// <summary>
/// Cross-checks run before timing: a benchmark whose two sides compute different things measures
/// nothing, so a mismatch throws (BenchmarkDotNet then reports the benchmark as failed).
/// </summary>
public static class Check
{
    /// <summary>Throws unless <paramref name="actual"/> is within <paramref name="relative"/> of <paramref name="expected"/>.</summary>
    public static void Close(string what, double expected, double actual, double relative = 1e-12)
    {
        double scale = Math.Max(Math.Abs(expected), double.Epsilon);
        if (!(Math.Abs(actual - expected) / scale <= relative))
            throw new InvalidOperationException($"{what}: expected {expected:R}, got {actual:R} (relative tolerance {relative:G})");
    }
}
