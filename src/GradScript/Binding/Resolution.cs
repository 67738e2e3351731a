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

    // Only locals and enclosing variables have entries: a global is known by its identifier alone,
    // and a script's top level, all globals, may be a million names long.
    private readonly Dictionary<Node, Variable> _variables = new(ReferenceEqualityComparer.Instance);

    public Dictionary<FunctionDef, FunctionScope> Functions { get; } = new(ReferenceEqualityComparer.Instance);

    public IReadOnlyList<string> GlobalNames => _globalNames;

    /// <summary>Records where the name (or binding statement) <paramref name="node"/> lives.</summary>
    public void Set(Node node, Variable variable)
    {
        if (variable.Kind != VariableKind.Global) _variables[node] = variable;
    }

    /// <summary>Where <paramref name="node"/>, a name or binding statement for <paramref name="identifier"/>, lives.</summary>
    public Variable Of(Node node, string identifier) =>
        _variables.TryGetValue(node, out var variable) ? variable : new Variable(VariableKind.Global, GlobalSlot(identifier), 0);

    /// <summary>Where the name <paramref name="name"/> lives.</summary>
    public Variable Of(Name name) => Of(name, name.Identifier);

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
