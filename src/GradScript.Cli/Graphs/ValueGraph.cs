namespace GradScript.Cli.Graphs;

using GradScript.Autograd;
using GradScript.Runtime;

/// <summary>
/// The DOT text of the graph behind a value, for <c>gradscript graph</c> and the REPL's
/// <c>:graph</c>: <see cref="GraphDot"/>'s picture, with each value that a global variable holds
/// named by it, as micrograd's pictures show each value's label. A value held by several globals
/// shows them all, sorted (<c>a, b</c>).
/// </summary>
internal static class ValueGraph
{
    /// <summary>The DOT text of the graph behind <paramref name="value"/>, which must be tracked.</summary>
    public static string Dot(Value value, IReadOnlyDictionary<string, GlobalCell> globals) =>
        GraphDot.Render(value.AsTracked, Labels(globals));

    /// <summary>What is wrong with drawing an untracked value: <c>an int, not a tracked value; …</c>.</summary>
    public static string NotTracked(Value value) =>
        $"{Described(value.TypeName)}, not a tracked value; only values computed from param() have a graph";

    // "an int", "a list", and "none" alone: there is only one.
    private static string Described(string type) =>
        type == "none" ? type : ("aeiou".Contains(type[0]) ? "an " : "a ") + type;

    /// <summary>The tracked values among <paramref name="globals"/>, each with the names that hold it.</summary>
    public static IReadOnlyDictionary<TrackedValue, string> Labels(IReadOnlyDictionary<string, GlobalCell> globals)
    {
        var labels = new Dictionary<TrackedValue, string>(ReferenceEqualityComparer.Instance);
        foreach (var (name, cell) in globals.Where(g => g.Value.Value.IsTracked).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var node = cell.Value.AsTracked;
            labels[node] = labels.TryGetValue(node, out var others) ? $"{others}, {name}" : name;
        }
        return labels;
    }
}
