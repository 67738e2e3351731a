namespace GradScript.Binding;

/// <summary>
/// The locals of one function: its parameters first (slots 0..n-1, in order), then every other name
/// it assigns, minus those it declares global.
/// </summary>
internal sealed class FunctionScope
{
    private readonly Dictionary<string, int> _slots;

    // Made by the first `global` declaration: most functions have none.
    private HashSet<string>? _globals;

    public FunctionScope(string name, FunctionScope? parent, IEnumerable<string> parameters)
        : this(name, parent, 0)
    {
        foreach (var parameter in parameters) AddParameter(parameter);
    }

    /// <summary>A scope whose <paramref name="parameterCount"/> parameters follow, by <see cref="AddParameter"/>.</summary>
    public FunctionScope(string name, FunctionScope? parent, int parameterCount)
    {
        Name = name;
        Parent = parent;
        _slots = new(parameterCount + 4, StringComparer.Ordinal);
    }

    public string Name { get; }

    public FunctionScope? Parent { get; }

    public int ParameterCount { get; private set; }

    /// <summary>The next parameter, before any other local (a repeated name is the builder's error).</summary>
    public void AddParameter(string name)
    {
        _slots.TryAdd(name, _slots.Count);
        ParameterCount = _slots.Count;
    }

    public int SlotCount => _slots.Count;

    public bool IsParameter(string name) => _slots.TryGetValue(name, out int slot) && slot < ParameterCount;

    public bool IsDeclaredGlobal(string name) => _globals is not null && _globals.Contains(name);

    public bool TryGetLocal(string name, out int slot) => _slots.TryGetValue(name, out slot);

    /// <summary>The function's parameters and locals (for the suggestions of an error message).</summary>
    public IEnumerable<string> LocalNames => _slots.Keys;

    public void DeclareGlobal(string name)
    {
        if (!IsParameter(name)) (_globals ??= new(StringComparer.Ordinal)).Add(name);
    }

    public void AddLocal(string name)
    {
        if (!IsDeclaredGlobal(name)) _slots.TryAdd(name, _slots.Count);
    }
}
