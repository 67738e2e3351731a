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
        var outcomes = new OutcomeTally();
        int cases = PropertyRun.Check(output, $"{nameof(OnlyScriptExceptionsEscape)}.{nameof(FromGeneratedPrograms)}", 3000,
            Programs.WellFormedArbitrary, program => outcomes.Add(Outcome(LimitedRun.Run(program.Text))));
        outcomes.Report(output);
        // Well-formed programs parse, and most of them run through every statement they have.
        Assert.Equal(0, outcomes["syntax error"]);
        outcomes.AssertAtLeast(cases, "ran to the end", 0.7);
        outcomes.AssertAtLeast(cases, "runtime error", 0.01);
        Assert.True(outcomes["stopped by a limit"] <= cases / 20, "too many generated programs ran into a limit");
    }

    [Fact]
    public void FromCorruptedPrograms()
    {
        var outcomes = new OutcomeTally();
        int cases = PropertyRun.Check(output, $"{nameof(OnlyScriptExceptionsEscape)}.{nameof(FromCorruptedPrograms)}", 3000,
            Programs.CorruptedArbitrary, program => outcomes.Add(Outcome(LimitedRun.Run(program.Text))));
        outcomes.Report(output);
        // Most corrupted programs are refused before they run; some still run, into errors or to their end.
        outcomes.AssertAtLeast(cases, "syntax error", 0.6);
        outcomes.AssertAtLeast(cases, "runtime error", 0.01);
        outcomes.AssertAtLeast(cases, "ran to the end", 0.01);
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
}
