namespace GradScript.Tests.Cli;

/// <summary>
/// A fact whose stand-in for a program (Graphviz's dot) is a shell script: skipped, saying why, on
/// Windows, where such a script cannot run, instead of passing there while checking nothing. (Mark
/// the test [UnsupportedOSPlatform("windows")] too, for the platform analyzer.)
/// </summary>
internal sealed class ShellScriptFactAttribute : FactAttribute
{
    public ShellScriptFactAttribute()
    {
        if (OperatingSystem.IsWindows()) Skip = "the stand-in for dot is a shell script, which Windows cannot run";
    }
}
