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
/// What the resolver found: the scope of each function (keyed by node identity) and the script's
/// global names in slot order. Where a name lives follows from the function it is written in and
/// its identifier alone (<see cref="Of"/>), so no table of names is kept: a script's top level
/// may be a million names long.
/// </summary>
internal sealed class Resolution
{
    private readonly Dictionary<string, int> _globalSlots = new(StringComparer.Ordinal);
    private readonly List<string> _globalNames = new();

    public Dictionary<FunctionDef, FunctionScope> Functions { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>The scopes of lambdas and comprehensions, which are functions without a <c>def</c>.</summary>
    public Dictionary<Expr, FunctionScope> ExpressionScopes { get; } = new(ReferenceEqualityComparer.Instance);

    public IReadOnlyList<string> GlobalNames => _globalNames;

    /// <summary>
    /// Where the name <paramref name="identifier"/>, read or bound in <paramref name="scope"/>'s
    /// function (null: at top level), lives: a local of that function, else of the nearest enclosing
    /// function that has it, unless declared global on the way; else a global. A function's bound
    /// names are all its locals (<see cref="LocalsCollector"/>), so one rule serves reads and writes.
    /// </summary>
    public Variable Of(FunctionScope? scope, string identifier)
    {
        int depth = 0;
        for (; scope is not null; scope = scope.Parent, depth++)
        {
            if (scope.IsDeclaredGlobal(identifier)) break;
            if (scope.TryGetLocal(identifier, out int slot))
                return new Variable(depth == 0 ? VariableKind.Local : VariableKind.Enclosing, slot, depth);
        }
        return new Variable(VariableKind.Global, GlobalSlot(identifier), 0);
    }

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
