namespace GradScript.Diagnostics;

/// <summary>
/// The hints for mistakes that have one known fix, mostly Python or PyTorch habits: each is the
/// text of a <c>help:</c> line, in one style (say what to write instead). The errors that carry a
/// hint are raised where they are found; the words of the hints live here, together.
/// </summary>
internal static class Hints
{
    /// <summary>Python's constants, spelt as GradScript spells them.</summary>
    public static string? PythonConstant(string name) => name switch
    {
        "True" => "true",
        "False" => "false",
        "None" => "none",
        _ => null,
    };

    /// <summary>The message for Python's <c>True</c>, <c>False</c> or <c>None</c> written in a script.</summary>
    public static string PythonConstantMessage(string name) => $"'{name}' is Python's spelling, not a GradScript name";

    /// <summary>The hint for Python's <c>True</c>, <c>False</c> or <c>None</c>.</summary>
    public static string PythonConstantHint(string name) => $"GradScript writes `{PythonConstant(name)}` (lower case)";

    /// <summary>A hint for a name that is not defined and that other languages have: exit, quit, null.</summary>
    public static string? ForUndefinedName(string name) => name switch
    {
        "exit" or "quit" => "there is no exit(): leave the REPL with :quit or Ctrl-D; a script ends after its last line, or with error(message)",
        "null" or "nil" => "GradScript writes `none`",
        "true" or "false" or "none" => null,
        _ when PythonConstant(name) is { } spelt => $"GradScript writes `{spelt}`",
        _ => null,
    };

    /// <summary>The message and hint for a Python block header: <c>if x &gt; 1:</c>.</summary>
    public const string ColonBlockMessage = "blocks are written in braces, not with ':' and indentation";

    /// <summary>The hint for <paramref name="header"/> (<c>if x &gt; 1</c>), a statement that ended with ':'.</summary>
    public static string ColonBlockHint(string header) => $"write `{header} {{ … }}`, with the block's statements inside the braces";

    /// <summary>The message and hint for a chained comparison: <c>1 &lt; x &lt; 3</c>.</summary>
    public const string ChainedComparisonMessage = "comparisons do not chain";

    /// <summary>The hint for a chained comparison.</summary>
    public const string ChainedComparisonHint = "write `a < b and b < c` (each comparison gives a bool)";
}
