namespace GradScript.Tests.Oracles.Python;

using System.Diagnostics;
using FsCheck;
using FsCheck.Fluent;
using GradScript.Tests.Properties;
using Microsoft.FSharp.Core;
using Xunit.Abstractions;

/// <summary>
/// The CPython differential suite: thousands of random programs of the Python-compatible subset,
/// each run by GradScript and (all in one python3 process) by CPython, their stdout compared. The
/// programs come from the run's seed (<see cref="TestSeed"/>, logged); a disagreement is
/// shrunk by FsCheck to a small program, reported in both languages with both outputs.
/// </summary>
public class PythonDifferentialTests(ITestOutputHelper output)
{
    private const string Name = "PythonDifferentialTests.RandomProgramsPrintWhatCPythonPrints";

    /// <summary>Programs per run: with about six expressions each, some 18,000 expressions, in seconds.</summary>
    private const int Programs = 3000;

    [PythonFact]
    public void RandomProgramsPrintWhatCPythonPrints()
    {
        ulong seed = TestSeed.For(Name);
        int count = PropertyRun.Scaled(Programs);
        output.WriteLine($"{count} programs from seed {TestSeed.Run}; replay with: {TestSeed.Replay(Name)}");
        var programs = Enumerable.Range(0, count).Select(i => Generate(seed, i)).ToList();
        var clock = Stopwatch.StartNew();
        var expected = PythonOracle.Run(programs.Select(p => p.Python).ToList());
        output.WriteLine($"python3: {clock.Elapsed.TotalSeconds:0.0} s");
        clock.Restart();
        var actual = programs.Select(p => GradScriptSide.Run(p.GradScript)).ToList();
        output.WriteLine($"GradScript: {clock.Elapsed.TotalSeconds:0.0} s");
        int expressions = programs.Sum(p => p.Statements.Sum(s => s.Expressions.Count));
        int errors = expected.Count(e => e.EndsWith(PythonOracle.ErrorMark, StringComparison.Ordinal));
        AssertReach(programs, errors);
        var failing = Enumerable.Range(0, count).Where(i => expected[i] != actual[i]).ToList();
        output.WriteLine($"{count} programs, {expressions} generated expressions at statement level, " +
            $"{errors} ending in an error on both sides; {failing.Count} disagreements");
        if (failing.Count == 0) return;
        // Shrink the first disagreement with FsCheck, running one python3 per candidate.
        var first = programs[failing[0]];
        var config = Config.QuickThrowOnFailure.WithMaxTest(1)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed), FSharpOption<int>.None)));
        string report = $"{failing.Count} of {count} programs disagree with CPython; the first:{first}" +
            $"--- GradScript printed\n{actual[failing[0]]}--- CPython printed\n{expected[failing[0]]}";
        try
        {
            FsCheck.Check.One(config, Prop.ForAll(Arb.From(Gen.Constant(first), p => p.Shrink()), (TwinProgram p) =>
            {
                string python = PythonOracle.Run([p.Python])[0], gradScript = GradScriptSide.Run(p.GradScript);
                if (python != gradScript) throw new InvalidOperationException($"GradScript printed\n{gradScript}CPython printed\n{python}");
            }));
        }
        catch (Exception e)
        {
            report += $"\nShrunk by FsCheck: {e.Message}";
        }
        Assert.Fail(report);
    }

    /// <summary>
    /// A power of ints past 64 bits is an overflow error on the Python side too, found from the
    /// operands' sizes: CPython would compute its every digit first. A float-kind operand that was
    /// an int at run time (max(3, 2.5)) raised 3 to 2 ^ 62 and hung a run for hours.
    /// </summary>
    [PythonFact]
    public void AnIntPowerPast64BitsIsAnErrorOnBothSidesAtOnce()
    {
        string[] powers = ["print(_pow(max(3, 2.5), _pow(2, 62)))", "print(_pow(-3, 40))", "print(_pow(2, 64))"];
        Assert.All(PythonOracle.Run(powers), result => Assert.Equal(PythonOracle.ErrorMark, result));
        Assert.Equal(PythonOracle.ErrorMark, GradScriptSide.Run("print(max(3, 2.5) ^ (2 ^ 62))"));
        // Up to the edge it computes: (-2) ^ 63 is the least int, 3 ^ 39 the greatest power of 3.
        Assert.Equal(["-9223372036854775808\n", "4052555153018976267\n"], PythonOracle.Run(["print(_pow(-2, 63))", "print(_pow(3, 39))"]));
    }

    // The constructs the suite is meant to compare; each must appear in a run of the default size.
    private static readonly string[] Constructs =
    [
        " // ", " % ", " ^ ", " / ", "(-", "f'", ":.{", "str(", "int(", "float(", "round(", "floor(", "exp(", "log(",
        "min(", "max(", "sum(", "len(", "\"\\x", "\"😀\"", "9223372036854775807", "inf", "nan", "(-0.0)", " < ", " == ",
        " and ", "(not ", "def ", "global ", "def g()", "for ", "if ", "seed(", "gauss(", "uniform(", " += ", " *= ",
        "append(", "sep=", "end=",
        // Issue 16's constructs.
        " if ", " else ", "lambda ", " for ", "{\"", ".get(", "del ", "sorted(", "reversed(", "divmod(", "any(", "all(",
        ".split(", ".join(", ".upper()", ".find(", " in ", " not in ", ".items()", ":-1]", "::", "] = ", "] += ", ".setdefault(",
        ".insert(", ".startswith(", "return y, x",
    ];

    private void AssertReach(List<TwinProgram> programs, int errors)
    {
        if (programs.Count < Programs) return; // a scaled-down run need not reach everything
        var missing = Constructs.Where(c => !programs.Any(p => p.GradScript.Contains(c, StringComparison.Ordinal))).ToList();
        Assert.True(missing.Count == 0, $"the generator never wrote: {string.Join(", ", missing)}");
        // Most programs must run to their end: an error cuts a program's comparison short.
        Assert.True(errors < programs.Count / 2, $"{errors} of {programs.Count} programs stopped at an error");
    }

    /// <summary>Program <paramref name="index"/> of a run: its own seed, a few statements, expressions up to three deep.</summary>
    private static TwinProgram Generate(ulong seed, int index)
    {
        var generator = new TwinGenerator(seed ^ (0x9E3779B97F4A7C15UL * (ulong)(index + 1)));
        var sizes = new Dice(seed + (ulong)index);
        return generator.Program(statements: sizes.Between(1, 6), depth: sizes.Between(0, 3));
    }
}

/// <summary>A fact that needs python3: skipped, saying why, where it is missing, unless <c>GRADSCRIPT_REQUIRE_PYTHON</c> is set (CI sets it).</summary>
internal sealed class PythonFactAttribute : FactAttribute
{
    public PythonFactAttribute() => Skip = PythonOracle.SkipReason;
}
