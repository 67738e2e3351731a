namespace GradScript;

using GradScript.Diagnostics;
using GradScript.Runtime;

/// <summary>
/// A script parsed, resolved and compiled once. Immutable: it can be run many times, on many
/// engines, from many threads at once.
/// </summary>
public sealed class CompiledScript
{
    internal CompiledScript(SourceText source, CompiledProgram program)
    {
        Source = source;
        Program = program;
    }

    /// <summary>The name errors in this script are reported under.</summary>
    public string Name => Source.Name;

    /// <summary>The script's text.</summary>
    public string Text => Source.Text;

    internal SourceText Source { get; }

    internal CompiledProgram Program { get; }
}
