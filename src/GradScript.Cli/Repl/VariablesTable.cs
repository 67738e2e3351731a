namespace GradScript.Cli.Repl;

using System.Text;
using GradScript.Runtime;

/// <summary>
/// The globals a fresh engine starts with (the builtins, the constants and <c>args</c>). <c>:vars</c>
/// leaves out a global while it still holds its starting value, so it lists what the user made, and
/// a builtin the user reassigned (<c>e = 0.5</c>) shows up like any other variable.
/// </summary>
internal sealed class GlobalsSnapshot
{
    private readonly Dictionary<string, Value> _values;

    private GlobalsSnapshot(Dictionary<string, Value> values) => _values = values;

    /// <summary>The globals of <paramref name="engine"/> as they are now.</summary>
    public static GlobalsSnapshot Of(Engine engine) =>
        new(engine.Interpreter.Globals.Where(g => !g.Value.Value.IsUndefined).ToDictionary(g => g.Key, g => g.Value.Value));

    /// <summary>Whether a global still holds the value it started with.</summary>
    public bool IsUnchanged(string name, Value value) =>
        _values.TryGetValue(name, out var start) && start.TypeName == value.TypeName
        && (start.Reference is { } reference ? ReferenceEquals(reference, value.Reference) : Formatter.Repr(start) == Formatter.Repr(value));
}

/// <summary>
/// What <c>:vars</c> prints: one line per global the user defined, sorted by name, in three aligned
/// columns: name, type, value. A tracked value shows its data and its gradient
/// (<c>data 4.0, grad -2.0</c>); long values are cut to one line.
/// </summary>
internal static class VariablesTable
{
    /// <summary>Values longer than this are cut, with <c>...</c> at the end.</summary>
    public const int MaxValueWidth = 72;

    /// <summary>Lists longer than this are described by their length instead of printed.</summary>
    public const int MaxListItems = 50;

    /// <summary>The table, one line per variable, or a line saying there are none.</summary>
    public static string Render(IReadOnlyDictionary<string, GlobalCell> globals, GlobalsSnapshot builtins)
    {
        var rows = globals
            .Where(g => !g.Value.Value.IsUndefined && !builtins.IsUnchanged(g.Key, g.Value.Value))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Name: g.Key, Type: TypeOf(g.Value.Value), Value: Describe(g.Value.Value)))
            .ToList();
        if (rows.Count == 0) return "(no variables yet)\n";

        int nameWidth = rows.Max(r => r.Name.Length) + 2;
        int typeWidth = rows.Max(r => r.Type.Length) + 2;
        var text = new StringBuilder();
        foreach (var (name, type, value) in rows)
            text.Append(name.PadRight(nameWidth)).Append(type.PadRight(typeWidth)).Append(value).Append('\n');
        return text.ToString();
    }

    /// <summary>The type column: the language's type name, with <c>float32</c> for a float32 tracked value.</summary>
    public static string TypeOf(Value value) =>
        value.IsTracked && value.AsTracked.IsFloat32 ? "tracked float32" : value.TypeName;

    /// <summary>The value column.</summary>
    public static string Describe(Value value)
    {
        if (value.IsTracked)
        {
            var tracked = value.AsTracked;
            return $"data {Formatter.Repr(value)}, grad {Formatter.Repr(Value.Float(tracked.Grad))}";
        }
        if (value.Reference is ListValue list && list.Count > MaxListItems) return $"[...] ({list.Count} items)";
        string text;
        try
        {
            text = Formatter.Repr(value);
        }
        catch (RuntimeError e)
        {
            // A list too large or too deep to print still gets its line.
            return $"({e.Message})";
        }
        return text.Length <= MaxValueWidth ? text : text[..(MaxValueWidth - 3)] + "...";
    }
}
