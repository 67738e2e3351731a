namespace GradScript.Tests.Properties;

/// <summary>
/// How the properties run a program: with every limit set, so that a runaway program ends in a
/// <see cref="ScriptLimitException"/>. The generator keeps its programs small and finite; the limits
/// are the second line.
/// </summary>
internal static class LimitedRun
{
    public const string Name = "gen.grad";

    /// <summary>The step limit of a run: far beyond what a generated program takes.</summary>
    public const long MaxSteps = 20_000;

    public static EngineOptions Options(TextWriter output, bool timed = true, long maxSteps = MaxSteps) => new()
    {
        Timeout = timed ? TimeSpan.FromSeconds(2) : null,
        MaxSteps = maxSteps,
        MaxGraphNodes = 20_000,
        MaxCallDepth = 100,
        Output = output,
        Error = TextWriter.Null,
        ModuleResolver = StandardLibrary.Instance,
    };

    /// <summary>Compiles and runs <paramref name="text"/>; returns the script error, or null. Anything else is let through.</summary>
    public static ScriptException? Run(string text, TextWriter? output = null) => Counted(text, MaxSteps, output).Error;

    /// <summary>
    /// <see cref="Run"/> with another step limit; also returns the steps the run took (loop
    /// iterations and calls), so that a second run can be stopped part of the way.
    /// </summary>
    public static (ScriptException? Error, long Steps) Counted(string text, long maxSteps, TextWriter? output = null)
    {
        var engine = new Engine(Options(output ?? TextWriter.Null, maxSteps: maxSteps));
        try
        {
            engine.Run(engine.Compile(text, Name));
            return (null, engine.Steps);
        }
        catch (ScriptException e)
        {
            return (e, engine.Steps);
        }
    }
}
