namespace GradScript.Tests.Tier;

/// <summary>What a run of a script did, to compare the tiers on: its output, its error (message and place), its steps.</summary>
internal sealed record TierRun(string Output, string? Error, long Steps)
{
    /// <summary>Runs <paramref name="source"/> on a new engine in the given tier, catching the run's error.</summary>
    public static TierRun Of(string source, Tiering tiering, long? maxSteps = null)
    {
        var output = new StringWriter { NewLine = "\n" };
        var engine = new Engine(new EngineOptions { Tiering = tiering, Output = output, MaxSteps = maxSteps });
        string? error = null;
        try { engine.Run(source, "tier.grad"); }
        catch (ScriptException e) { error = $"{e.GetType().Name}: {e}"; }
        return new TierRun(output.ToString(), error, engine.Steps);
    }

    /// <summary>
    /// Runs <paramref name="source"/> interpreted, compiled at once and adaptively: the interpreted run
    /// must print <paramref name="expectedOutput"/> and end with <paramref name="expectedError"/> (or
    /// none), and the other two must agree with it to the character, steps included.
    /// </summary>
    public static void AgreeInEveryTier(string source, string expectedOutput, string? expectedError = null)
    {
        var interpreted = Of(source, Tiering.InterpreterOnly);
        Assert.Equal(expectedOutput, interpreted.Output);
        if (expectedError is null) Assert.Null(interpreted.Error);
        else Assert.Contains(expectedError, interpreted.Error);
        Assert.Equal(interpreted, Of(source, Tiering.CompileImmediately));
        Assert.Equal(interpreted, Of(source, Tiering.Adaptive));
    }

    /// <summary>Whether the function a script defined as <paramref name="name"/> runs compiled on that engine.</summary>
    public static bool IsCompiled(Engine engine, string name) =>
        ((GradScript.Runtime.Nodes.ScriptFunction)engine.Interpreter.Globals[name].Value.Reference!).Proto.Hot.IsCompiled;
}
