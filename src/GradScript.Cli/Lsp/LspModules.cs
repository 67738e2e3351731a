namespace GradScript.Cli.Lsp;

using GradScript.Tooling;

/// <summary>
/// The modules a document imports, read as the engine would find them (a file relative to the
/// importing script, else the standard library) and analysed for their public names. Standard
/// modules never change while the server runs, so their analyses are kept; files are read again
/// each time, as they may have been edited.
/// </summary>
internal sealed class LspModules
{
    private readonly Dictionary<string, ScriptAnalysis> _standard = new(StringComparer.Ordinal);
    private readonly FileModuleResolver _resolver = new(StandardLibrary.Instance);

    /// <summary>
    /// The module's globals that do not start with <c>_</c>, by name; none if it cannot be found. (For
    /// a standard module these are the functions BuiltinDocs documents, read from the same source.)
    /// </summary>
    public IReadOnlyList<ScriptSymbol> Members(string specifier, LspDocument importer)
    {
        var analysis = Analyze(specifier, importer);
        if (analysis is null) return [];
        return [.. analysis.Symbols
            .Where(s => s.IsGlobal && s.Definition is not null && !s.Name.StartsWith('_'))
            .OrderBy(s => s.Name, StringComparer.Ordinal)];
    }

    /// <summary>The full path of a module that is a file; null for a standard module or one not found.</summary>
    public string? FileOf(string specifier, LspDocument importer) =>
        _resolver.Resolve(specifier, importer.Name) is { Key: { } path } ? path : null;

    private ScriptAnalysis? Analyze(string specifier, LspDocument importer)
    {
        if (_standard.TryGetValue(specifier, out var known)) return known;
        if (_resolver.Resolve(specifier, importer.Name) is not { } source) return null;
        var analysis = ScriptAnalysis.Analyze(source.Text, source.Key ?? source.Name);
        if (source.Key is null) _standard[specifier] = analysis;
        return analysis;
    }
}
