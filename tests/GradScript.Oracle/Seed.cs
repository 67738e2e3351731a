namespace GradScript.Oracle;

/// <summary>
/// The run's seed: GRADSCRIPT_PROPERTY_SEED when set (CI prints the one it draws, so a failure can
/// be replayed), else a fresh one; each suite derives its own stream from it and prints it.
/// </summary>
internal static class Seed
{
    public static int For(string suite, ITestOutputHelper output)
    {
        string? text = Environment.GetEnvironmentVariable("GRADSCRIPT_PROPERTY_SEED");
        ulong seed = text is not null && ulong.TryParse(text, out ulong given) ? given : (ulong)Random.Shared.NextInt64();
        output.WriteLine($"{suite}: GRADSCRIPT_PROPERTY_SEED={seed}");
        // A stable mix of the run's seed and the suite's name (string.GetHashCode is randomised per process).
        ulong mixed = seed;
        foreach (char c in suite) mixed = (mixed ^ c) * 0x100000001b3UL;
        return (int)(mixed ^ (mixed >> 32));
    }
}
