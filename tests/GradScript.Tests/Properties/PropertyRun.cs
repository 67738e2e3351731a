namespace GradScript.Tests.Properties;

using System.Diagnostics;
using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.FSharp.Core;
using Xunit.Abstractions;
using Xunit.Sdk;

/// <summary>
/// Runs one property over many generated cases with FsCheck, from a seed that is logged, so that a
/// failure can be replayed exactly:
/// <code>GRADSCRIPT_PROPERTY_SEED=12345 dotnet test --filter FullyQualifiedName~GradScript.Tests.Properties</code>
/// The seed comes from <c>GRADSCRIPT_PROPERTY_SEED</c> (CI sets and prints one per run), else at
/// random; each property mixes its own name into it, so that properties draw different cases, and
/// the same seed gives every property the same cases in the same order. A failure's message names
/// the seed and the command that replays it. <c>GRADSCRIPT_PROPERTY_SCALE</c> multiplies the number
/// of cases, for a longer hunt.
/// </summary>
internal static class PropertyRun
{
    public const string SeedVariable = "GRADSCRIPT_PROPERTY_SEED";
    public const string ScaleVariable = "GRADSCRIPT_PROPERTY_SCALE";

    /// <summary>One seed for the whole test run, so that one number replays every property.</summary>
    private static readonly Lazy<ulong> RunSeed = new(Seed);

    /// <summary>
    /// Checks <paramref name="property"/> on <paramref name="count"/> cases of <paramref name="cases"/>
    /// (scaled), shrinking a failing case; the property fails by throwing.
    /// </summary>
    public static void Check<T>(ITestOutputHelper output, string name, int count, Arbitrary<T> cases, Action<T> property)
    {
        ulong seed = RunSeed.Value;
        count = Math.Max(1, (int)(count * Scale()));
        string replay = $"{SeedVariable}={seed} dotnet test --filter \"FullyQualifiedName~{name}\"";
        output.WriteLine($"{name}: {count} cases from seed {seed}; replay with: {replay}");
        var config = Config.QuickThrowOnFailure
            .WithMaxTest(count)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(Mix(seed, name)), FSharpOption<int>.None)))
            .WithRunner(new TestOutputRunner(output));
        var clock = Stopwatch.StartNew();
        try
        {
            FsCheck.Check.One(config, Prop.ForAll(cases, property));
        }
        catch (Exception e) when (e is not XunitException)
        {
            throw new XunitException($"{e.Message}\nReplay this run with: {replay}");
        }
        output.WriteLine($"{name}: {count} cases in {clock.Elapsed.TotalSeconds:0.00} s");
    }

    private static ulong Seed()
    {
        string? text = Environment.GetEnvironmentVariable(SeedVariable);
        if (!string.IsNullOrWhiteSpace(text))
            return ulong.Parse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture);
        return (ulong)System.Random.Shared.NextInt64(1, long.MaxValue);
    }

    // FNV-1a over the name, then into the seed: string.GetHashCode differs from process to process.
    private static ulong Mix(ulong seed, string name)
    {
        ulong hash = 0xCBF29CE484222325;
        foreach (char c in name) hash = (hash ^ c) * 0x100000001B3;
        return seed ^ hash;
    }

    private static double Scale()
    {
        string? text = Environment.GetEnvironmentVariable(ScaleVariable);
        return string.IsNullOrWhiteSpace(text) ? 1 : double.Parse(text, CultureInfo.InvariantCulture);
    }
}
