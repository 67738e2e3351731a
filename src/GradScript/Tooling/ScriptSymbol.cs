namespace GradScript.Tooling;

using GradScript.Diagnostics;

/// <summary>What a name in a script stands for.</summary>
public enum ScriptSymbolKind
{
    /// <summary>A variable: assigned, or bound by <c>for</c>.</summary>
    Variable,
    /// <summary>A function's parameter.</summary>
    Parameter,
    /// <summary>A function defined with <c>def</c>.</summary>
    Function,
    /// <summary>A module bound by <c>import</c>.</summary>
    Module,
    /// <summary>A builtin function or constant the script reads and does not bind.</summary>
    Builtin,
    /// <summary>A global the script reads but never binds, and no builtin: an error when it runs.</summary>
    Undefined,
}

/// <summary>
/// One variable of a script, as the resolver binds it (Python's rules: a function's assigned names
/// are its locals, <c>global</c> opts out, closures see the enclosing function's variables), with
/// every place its name is written.
/// </summary>
public sealed class ScriptSymbol
{
    internal ScriptSymbol(string name, SourceSpan? scope, string? function)
    {
        Name = name;
        Scope = scope;
        Function = function;
    }

    /// <summary>The variable's name.</summary>
    public string Name { get; }

    /// <summary>What its first binding makes it (a builtin or undefined when the script binds it nowhere).</summary>
    public ScriptSymbolKind Kind { get; internal set; } = ScriptSymbolKind.Undefined;

    /// <summary>Where it is first bound (assigned, defined, imported, a parameter); null when it never is.</summary>
    public SourceSpan? Definition { get; internal set; }

    /// <summary>Every place its name is written, bindings included, in source order.</summary>
    public IReadOnlyList<SourceSpan> References
    {
        get
        {
            // Recorded in the order the names are evaluated (a value before its target), sorted once asked for.
            lock (_references)
            {
                if (!_sorted)
                {
                    _references.Sort(ScriptAnalysis.Compare);
                    _sorted = true;
                }
                return _references;
            }
        }
    }

    private bool _sorted;

    /// <summary>The function whose local it is (its <c>def</c> statement); null for a global.</summary>
    public SourceSpan? Scope { get; }

    /// <summary>The name of the function whose local it is; null for a global.</summary>
    public string? Function { get; }

    /// <summary>Whether it is a global of the script.</summary>
    public bool IsGlobal => Scope is null;

    /// <summary>For a function, its signature (<c>def mse(predictions, targets)</c>); for a module, its <c>import</c>.</summary>
    public string? Signature { get; internal set; }

    /// <summary>For a function, the comment lines just above its <c>def</c>, without their <c>#</c>.</summary>
    public string? Documentation { get; internal set; }

    /// <summary>For a module, the specifier it was imported by (<c>nn</c>, <c>lib/x.grad</c>).</summary>
    public string? ModuleSpecifier { get; internal set; }

    /// <summary>For a function, its whole <c>def</c> statement; otherwise its definition.</summary>
    public SourceSpan? Extent { get; internal set; }

    internal readonly List<SourceSpan> _references = [];

    internal void Add(SourceSpan reference)
    {
        _references.Add(reference);
        _sorted = false;
    }

    // Imports that bind it without `as NAME`: their span is the whole statement, and a rename adds `as`.
    internal readonly HashSet<SourceSpan> _importsWithoutAlias = [];
}
