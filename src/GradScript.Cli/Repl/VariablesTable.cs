namespace GradScript.Cli.Repl;

using System.Text;

/// <summary>
/// What <c>:vars</c> prints: one line per global the user defined (<see cref="Engine.GetGlobalNames"/>:
/// a builtin shows up only once the user reassigns it, <c>e = 0.5</c>), sorted by name, in three aligned
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
    public static string Render(Engine engine)
    {
        var rows = engine.GetGlobalNames()
            .Select(name => (Name: name, Value: engine.GetGlobalValue(name)))
            .Select(g => (g.Name, Type: TypeOf(g.Value), Value: Describe(g.Value)))
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
    public static string TypeOf(ScriptValue value) =>
        value.IsFloat32 ? "tracked float32" : value.TypeName;

    /// <summary>The value column.</summary>
    public static string Describe(ScriptValue value)
    {
        if (value.Gradient is { } gradient) return $"data {value.Repr()}, grad {ScriptValue.FormatFloat(gradient)}";
        if (value.Count is > MaxListItems and var count) return $"[...] ({count} items)";
        string text;
        try
        {
            text = value.Repr();
        }
        catch (InvalidOperationException e)
        {
            // A list too large or too deep to print still gets its line.
            return $"({e.Message})";
        }
        return text.Length <= MaxValueWidth ? text : text[..(MaxValueWidth - 3)] + "...";
    }
}
