namespace GradScript.Tests.Properties;

/// <summary>
/// How the properties run a program: with every limit set, so that a runaway program ends in a
/// <see cref="ScriptLimitException"/>. The generator keeps its programs small and finite; the limits
/// are the second line.
/// </summary>
internal static class LimitedRun
{
    public const string Name = "gen.grad";

    public static EngineOptions Options(TextWriter output, bool timed = true) => new()
    {
        Timeout = timed ? TimeSpan.FromSeconds(2) : null,
        MaxSteps = 20_000,
        MaxGraphNodes = 20_000,
        MaxCallDepth = 100,
        Output = output,
        Error = TextWriter.Null,
        ModuleResolver = StandardLibrary.Instance,
    };

    /// <summary>Compiles and runs <paramref name="text"/>; returns the script error, or null. Anything else is let through.</summary>
    public static ScriptException? Run(string text, TextWriter? output = null)
    {
        var engine = new Engine(Options(output ?? TextWriter.Null));
        try
        {
            engine.Run(engine.Compile(text, Name));
            return null;
        }
        catch (ScriptException e)
        {
            return e;
        }
    }
}
