namespace GradScript.Cli.Graphs;

/// <summary>
/// What <c>gradscript graph</c> and the REPL's <c>:graph</c> say about a value that has no graph
/// (<see cref="Engine.GetGraphDot"/> draws the ones that have).
/// </summary>
internal static class ValueGraph
{
    /// <summary>What is wrong with drawing an untracked value: <c>an int, not a tracked value; …</c>.</summary>
    public static string NotTracked(ScriptValue value) =>
        $"{Described(value.TypeName)}, not a tracked value; only values computed from param() have a graph";

    // "an int", "a list", and "none" alone: there is only one.
    private static string Described(string type) =>
        type == "none" ? type : ("aeiou".Contains(type[0]) ? "an " : "a ") + type;
}
