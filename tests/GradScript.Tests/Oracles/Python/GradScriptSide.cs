namespace GradScript.Tests.Oracles.Python;

using GradScript.Tests.Properties;

/// <summary>
/// The GradScript side of the differential suite: a program's stdout from a fresh engine with every
/// limit set, followed by <see cref="PythonOracle.ErrorMark"/> when it stopped with a runtime error.
/// A syntax error is never expected (the generator and the pairs write valid programs), so it
/// gives a text of its own that no Python output equals.
/// </summary>
internal static class GradScriptSide
{
    public static string Run(string source)
    {
        var output = new StringWriter { NewLine = "\n" };
        var engine = new Engine(LimitedRun.Options(output, timed: false));
        try
        {
            engine.Run(engine.Compile(source, LimitedRun.Name));
        }
        catch (ScriptSyntaxException e)
        {
            return $"!gradscript syntax error: {e.Message}\n";
        }
        catch (ScriptRuntimeException)
        {
            return output + PythonOracle.ErrorMark;
        }
        return output.ToString();
    }
}
