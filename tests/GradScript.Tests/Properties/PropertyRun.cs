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
/// The seed is the run's <see cref="TestSeed"/> (<c>GRADSCRIPT_PROPERTY_SEED</c>, which CI sets and
/// prints, else one at random) with the property's name mixed in, so that properties draw different
/// cases, and the same seed gives every property the same cases in the same order. A failure's message names
/// the seed and the command that replays it. <c>GRADSCRIPT_PROPERTY_SCALE</c> multiplies the number
/// of cases, for a longer hunt.
/// </summary>
internal static class PropertyRun
{
    public const string ScaleVariable = "GRADSCRIPT_PROPERTY_SCALE";

    /// <summary>
    /// Checks <paramref name="property"/> on <paramref name="count"/> cases of <paramref name="cases"/>
    /// (scaled), shrinking a failing case; the property fails by throwing. Returns the number of cases.
    /// </summary>
    public static int Check<T>(ITestOutputHelper output, string name, int count, Arbitrary<T> cases, Action<T> property)
    {
        count = Math.Max(1, (int)(count * Scale()));
        string replay = TestSeed.Replay(name);
        output.WriteLine($"{name}: {count} cases from seed {TestSeed.Run}; replay with: {replay}");
        var config = Config.QuickThrowOnFailure
            .WithMaxTest(count)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(TestSeed.For(name)), FSharpOption<int>.None)))
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
        return count;
    }

    /// <summary><paramref name="count"/> scaled by <c>GRADSCRIPT_PROPERTY_SCALE</c>, for a test that draws its cases itself.</summary>
    public static int Scaled(int count) => Math.Max(1, (int)(count * Scale()));

    private static double Scale()
    {
        string? text = Environment.GetEnvironmentVariable(ScaleVariable);
        return string.IsNullOrWhiteSpace(text) ? 1 : double.Parse(text, CultureInfo.InvariantCulture);
    }
}
