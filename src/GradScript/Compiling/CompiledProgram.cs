namespace GradScript.Runtime;

using GradScript.Runtime.Nodes;

/// <summary>
/// A script in executable form: its top-level instructions and the global names they use, in slot
/// order. Running it links those names to an engine's global cells.
/// </summary>
internal sealed class CompiledProgram(Instruction[] body, IReadOnlyList<string> globalNames)
{
    public Instruction[] Body { get; } = body;

    public IReadOnlyList<string> GlobalNames { get; } = globalNames;
}
