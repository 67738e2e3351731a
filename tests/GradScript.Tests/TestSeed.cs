namespace GradScript.Tests;

using System.Globalization;

/// <summary>
/// The one seed every random test of a run draws from, so that one number replays any failure:
/// <c>GRADSCRIPT_PROPERTY_SEED</c> when it is set (CI sets one per run and prints it), else one
/// drawn at random for this run. Each test mixes its own name into the seed, so that tests draw
/// different numbers, and the same seed gives a test the same numbers on every run and platform
/// (string.GetHashCode would not: it differs from process to process).
/// </summary>
internal static class TestSeed
{
    /// <summary>The environment variable that fixes the run's seed.</summary>
    public const string Variable = "GRADSCRIPT_PROPERTY_SEED";

    private static readonly Lazy<ulong> RunSeed = new(Read);

    /// <summary>The seed of this test run.</summary>
    public static ulong Run => RunSeed.Value;

    /// <summary>The seed of the test (or theory row) called <paramref name="name"/> in this run.</summary>
    public static ulong For(string name) => Run ^ Fnv1a(name);

    /// <summary>A generator seeded with <see cref="For"/>: the same numbers for the same run seed.</summary>
    public static Random Random(string name)
    {
        ulong seed = For(name);
        return new Random(unchecked((int)(seed ^ (seed >> 32))));
    }

    /// <summary>The command line that replays the tests matching <paramref name="filter"/> with this run's seed.</summary>
    public static string Replay(string filter) =>
        $"{Variable}={Run} dotnet test tests/GradScript.Tests --filter \"FullyQualifiedName~{filter}\"";

    private static ulong Read()
    {
        string? text = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(text))
            return ulong.Parse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture);
        return (ulong)System.Random.Shared.NextInt64(1, long.MaxValue);
    }

    // FNV-1a over the name's UTF-16 code units.
    private static ulong Fnv1a(string name)
    {
        ulong hash = 0xCBF29CE484222325;
        foreach (char c in name) hash = (hash ^ c) * 0x100000001B3;
        return hash;
    }
}
