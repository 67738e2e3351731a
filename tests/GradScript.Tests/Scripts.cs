namespace GradScript.Tests;

/// <summary>Runs scripts in-process for tests: their output as a string, their errors as exceptions.</summary>
internal static class Scripts
{
    public static string Output(string source, EngineOptions? options = null)
    {
        var output = new StringWriter { NewLine = "\n" };
        var engine = new Engine(WithOutput(options, output));
        engine.Run(source, "test.grad");
        return output.ToString();
    }

    public static TException Fails<TException>(string source, EngineOptions? options = null) where TException : Exception
    {
        var engine = new Engine(WithOutput(options, TextWriter.Null));
        return Assert.Throws<TException>(() => engine.Run(source, "test.grad"));
    }

    private static EngineOptions WithOutput(EngineOptions? options, TextWriter output) => new()
    {
        Output = output,
        Error = TextWriter.Null,
        Timeout = options?.Timeout,
        MaxSteps = options?.MaxSteps,
        MaxCallDepth = options?.MaxCallDepth ?? EngineOptions.DefaultMaxCallDepth,
        MaxGraphNodes = options?.MaxGraphNodes,
        MaxMemory = options?.MaxMemory,
    };
}
