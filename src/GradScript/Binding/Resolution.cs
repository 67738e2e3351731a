namespace GradScript.Binding;

using GradScript.Ast;

/// <summary>Where a variable lives.</summary>
internal enum VariableKind
{
    /// <summary>A slot of the current function's frame.</summary>
    Local,
    /// <summary>A slot of the frame <see cref="Variable.Depth"/> functions out.</summary>
    Enclosing,
    /// <summary>A global; the slot indexes the script's global names.</summary>
    Global,
}

/// <summary>A resolved variable: its kind, its slot, and for enclosing variables how far out.</summary>
internal readonly record struct Variable(VariableKind Kind, int Slot, int Depth);

/// <summary>
/// The resolver's side tables, keyed by node identity: the variable of each name and each binding
/// statement, the scope of each function, and the script's global names in slot order.
/// </summary>
internal sealed class Resolution
{
    private readonly Dictionary<string, int> _globalSlots = new(StringComparer.Ordinal);
    private readonly List<string> _globalNames = new();

    public Dictionary<Node, Variable> Variables { get; } = new(ReferenceEqualityComparer.Instance);

    public Dictionary<FunctionDef, FunctionScope> Functions { get; } = new(ReferenceEqualityComparer.Instance);

    public IReadOnlyList<string> GlobalNames => _globalNames;

    public int GlobalSlot(string name)
    {
        if (!_globalSlots.TryGetValue(name, out int slot))
        {
            slot = _globalNames.Count;
            _globalSlots[name] = slot;
            _globalNames.Add(name);
        }
        return slot;
    }
}
