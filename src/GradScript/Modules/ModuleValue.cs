namespace GradScript.Runtime;

/// <summary>
/// An imported module: the globals its script left, read as <c>nn.mlp</c>. A module runs once per
/// engine, in globals of its own (which start with the builtins), so it never sees or changes the
/// importer's variables.
/// </summary>
internal sealed class ModuleValue(string name, IReadOnlyDictionary<string, GlobalCell> globals)
{
    /// <summary>The name it is bound to by default: the file name without <c>.grad</c>.</summary>
    public string Name { get; } = name;

    public IReadOnlyDictionary<string, GlobalCell> Globals { get; } = globals;

    /// <summary>The module's global <paramref name="member"/>.</summary>
    public Value Get(string member) =>
        Globals.TryGetValue(member, out var cell) && !cell.Value.IsUndefined
            ? cell.Value
            : throw new RuntimeError($"module '{Name}' has no attribute '{member}'",
                Diagnostics.Suggestions.DidYouMean(member, Globals.Values.Where(c => !c.Value.IsUndefined && !c.Name.StartsWith('_')).Select(c => c.Name)));
}
