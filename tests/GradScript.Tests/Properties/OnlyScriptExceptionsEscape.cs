namespace GradScript.Tests.Properties;

using Xunit.Abstractions;

/// <summary>
/// Property (a) of issue 6: whatever the program, <see cref="Engine.Compile"/> and
/// <see cref="Engine.Run(CompiledScript, CancellationToken)"/> with limits set let nothing escape but a
/// <see cref="ScriptException"/>: no .NET exception from the parser, the resolver, the runtime or
/// a builtin, and no stack overflow.
/// </summary>
public class OnlyScriptExceptionsEscape(ITestOutputHelper output)
{
    [Fact]
    public void FromGeneratedPrograms()
    {
        var outcomes = new Dictionary<string, int>();
        int cases = PropertyRun.Check(output, $"{nameof(OnlyScriptExceptionsEscape)}.{nameof(FromGeneratedPrograms)}", 3000,
            Programs.WellFormedArbitrary, program => Count(outcomes, Outcome(LimitedRun.Run(program.Text))));
        Report(outcomes);
        // Well-formed programs parse, and most of them run through every statement they have.
        Assert.Equal(0, outcomes.GetValueOrDefault("syntax error"));
        AssertAtLeast(outcomes, cases, "ran to the end", 0.7);
        AssertAtLeast(outcomes, cases, "runtime error", 0.01);
        Assert.True(outcomes.GetValueOrDefault("stopped by a limit") <= cases / 20, "too many generated programs ran into a limit");
    }

    [Fact]
    public void FromCorruptedPrograms()
    {
        var outcomes = new Dictionary<string, int>();
        int cases = PropertyRun.Check(output, $"{nameof(OnlyScriptExceptionsEscape)}.{nameof(FromCorruptedPrograms)}", 3000,
            Programs.CorruptedArbitrary, program => Count(outcomes, Outcome(LimitedRun.Run(program.Text))));
        Report(outcomes);
        // Most corrupted programs are refused before they run; some still run, into errors or to their end.
        AssertAtLeast(outcomes, cases, "syntax error", 0.6);
        AssertAtLeast(outcomes, cases, "runtime error", 0.01);
        AssertAtLeast(outcomes, cases, "ran to the end", 0.01);
    }

    // Anything but a ScriptException propagates from LimitedRun.Run and fails the case.
    private static string Outcome(ScriptException? error) => error switch
    {
        null => "ran to the end",
        ScriptLimitException => "stopped by a limit",
        ScriptRuntimeException => "runtime error",
        ScriptSyntaxException => "syntax error",
        _ => throw new System.Diagnostics.UnreachableException(error.GetType().Name),
    };

    private static void Count(Dictionary<string, int> outcomes, string outcome) => outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;

    private void Report(Dictionary<string, int> outcomes) =>
        output.WriteLine(string.Join(", ", outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Key}: {o.Value}")));

    // A property whose cases stopped reaching an outcome would check less than its name says.
    private static void AssertAtLeast(Dictionary<string, int> outcomes, int cases, string outcome, double share) =>
        Assert.True(outcomes.GetValueOrDefault(outcome) >= share * cases,
            $"only {outcomes.GetValueOrDefault(outcome)} of {cases} cases ended in '{outcome}', fewer than {share:P1}");
}
