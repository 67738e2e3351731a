namespace GradScript.Cli.Repl;

/// <summary>
/// How the REPL shows the value of an expression statement (docs/repl.md). Values are shown as
/// they print inside a list (<see cref="ScriptValue.Repr"/>: strings quoted, so <c>"1"</c> and
/// <c>1</c> differ), <c>none</c> not at all (as Python's REPL shows nothing for <c>None</c>), and a
/// tracked value with its gradient beside it, <c>4.0 (grad -2.0)</c>, so one sees at a glance that
/// it is tracked and what the last backward left in it.
/// </summary>
internal static class Echo
{
    /// <summary>The echo line of a value, without its line end; null when nothing is shown.</summary>
    public static string? Text(ScriptValue value)
    {
        if (value.IsNone) return null;
        if (value.Gradient is { } gradient) return $"{value.Repr()} (grad {ScriptValue.FormatFloat(gradient)})";
        return value.Repr();
    }
}
