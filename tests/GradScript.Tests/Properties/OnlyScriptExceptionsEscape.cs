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
        PropertyRun.Check(output, $"{nameof(OnlyScriptExceptionsEscape)}.{nameof(FromGeneratedPrograms)}", 3000,
            Programs.WellFormedArbitrary, program =>
            {
                // Anything but a ScriptException propagates from here and fails the case.
                string outcome = LimitedRun.Run(program.Text) switch
                {
                    null => "ran to the end",
                    ScriptLimitException => "stopped by a limit",
                    ScriptRuntimeException => "runtime error",
                    _ => "syntax error",
                };
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            });
        output.WriteLine(string.Join(", ", outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Key}: {o.Value}")));
    }

    [Fact]
    public void FromCorruptedPrograms() =>
        PropertyRun.Check(output, $"{nameof(OnlyScriptExceptionsEscape)}.{nameof(FromCorruptedPrograms)}", 3000,
            Programs.CorruptedArbitrary, program => LimitedRun.Run(program.Text));
}
