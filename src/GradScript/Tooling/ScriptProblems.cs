namespace GradScript.Tooling;

using GradScript.Diagnostics;

/// <summary>
/// What an editor marks in a script: its errors (syntax and resolution, in source order) and every
/// place it reads a name that it never defines and no builtin has (a warning: it fails only when run).
/// </summary>
public sealed class ScriptProblems
{
    internal ScriptProblems(IReadOnlyList<ScriptDiagnostic> errors, IReadOnlyList<UndefinedName> undefinedNames, bool parsed) =>
        (Errors, UndefinedNames, Parsed) = (errors, undefinedNames, parsed);

    /// <summary>Whether the script parsed and its names were bound (so an analysis of it has symbols).</summary>
    public bool Parsed { get; }

    /// <summary>Every error, in source order; errors at one place in the order they were found.</summary>
    public IReadOnlyList<ScriptDiagnostic> Errors { get; }

    /// <summary>The names read and never defined: variable by variable, in the order the script first uses them, each variable's places in source order.</summary>
    public IReadOnlyList<UndefinedName> UndefinedNames { get; }

    /// <summary>The problems an analysis of the whole script found.</summary>
    public static ScriptProblems Of(ScriptAnalysis analysis) =>
        new(analysis.Diagnostics, [.. analysis.Symbols.Where(s => s.Kind == ScriptSymbolKind.Undefined).SelectMany(s => s.References.Select(span => new UndefinedName(s.Name, span)))], analysis.HasSymbols);
}

/// <summary>A place where a script reads a name it never defines.</summary>
/// <param name="Name">The name.</param>
/// <param name="Span">Where it is written.</param>
public readonly record struct UndefinedName(string Name, SourceSpan Span);
