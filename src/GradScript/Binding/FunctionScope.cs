namespace GradScript.Binding;

/// <summary>
/// The locals of one function: its parameters first (slots 0..n-1, in order), then every other name
/// it assigns, minus those it declares global.
/// </summary>
internal sealed class FunctionScope
{
    private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);
    private readonly HashSet<string> _globals = new(StringComparer.Ordinal);

    public FunctionScope(string name, FunctionScope? parent, IEnumerable<string> parameters)
    {
        Name = name;
        Parent = parent;
        foreach (var parameter in parameters) _slots.TryAdd(parameter, _slots.Count);
        ParameterCount = _slots.Count;
    }

    public string Name { get; }

    public FunctionScope? Parent { get; }

    public int ParameterCount { get; }

    public int SlotCount => _slots.Count;

    public bool IsParameter(string name) => _slots.TryGetValue(name, out int slot) && slot < ParameterCount;

    public bool IsDeclaredGlobal(string name) => _globals.Contains(name);

    public bool TryGetLocal(string name, out int slot) => _slots.TryGetValue(name, out slot);

    /// <summary>The function's parameters and locals (for the suggestions of an error message).</summary>
    public IEnumerable<string> LocalNames => _slots.Keys;

    public void DeclareGlobal(string name)
    {
        if (!IsParameter(name)) _globals.Add(name);
    }

    public void AddLocal(string name)
    {
        if (!_globals.Contains(name)) _slots.TryAdd(name, _slots.Count);
    }
}
