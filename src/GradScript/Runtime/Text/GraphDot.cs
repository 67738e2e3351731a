namespace GradScript.Runtime;

using System.Text;
using GradScript.Autograd;
using GradScript.Diagnostics;

/// <summary>
/// The graph behind a value as Graphviz DOT text, drawn as micrograd's <c>draw_dot</c> draws it, left
/// to right: a record per value with its data and grad (and its name, when the caller knows one), and
/// for each value computed by an operation a small oval with the operation, which the inputs point
/// into and which points at its result. A plain-number operand (the 2 of <c>2 * w</c>) is a bare
/// number pointing into the oval, where micrograd, which wraps it in a Value, draws a record. Walked
/// without recursion, so any graph that backward can handle can be written, as long as its text fits
/// in a string; with an interpreter, the limits are looked at as it goes.
/// </summary>
/// <remarks>
/// The text is deterministic: node <c>nK</c> is the K-th value met walking back from the root (the
/// root is <c>n0</c>), its operation is <c>nK_op</c> and its plain operand <c>nK_c</c>, and numbers
/// have <see cref="NumberSpec"/>'s four significant digits. An input used twice (<c>a + a</c>) gets
/// two edges, so a reused value can be seen. Inputs are listed left operand first.
/// </remarks>
internal static class GraphDot
{
    /// <summary>
    /// How data and grad are written: Python's <c>format(x, ".4")</c>, four significant digits
    /// (<c>0.8814</c>, <c>-1.5</c>, <c>2.0</c>, <c>3e-05</c>). micrograd writes four decimals; full
    /// precision (<c>0.4999999999999998</c>) buries the picture in digits, and fixed decimals would
    /// show a vanishing gradient as <c>0.0000</c>. <c>print</c> and <c>grad()</c> give the exact numbers.
    /// </summary>
    public const string NumberSpec = ".4";

    /// <summary>The DOT text of the graph behind <paramref name="root"/>.</summary>
    /// <param name="root">The value whose graph is drawn.</param>
    /// <param name="labels">Names to show in the records of some values (variables that hold them); none by default.</param>
    /// <param name="limits">The interpreter whose limits apply, as at <paramref name="at"/>; none for the command line's drawings.</param>
    /// <param name="at">Where the drawing was asked for.</param>
    public static string Render(TrackedValue root, IReadOnlyDictionary<TrackedValue, string>? labels = null,
        Interpreter? limits = null, SourceSpan at = default)
    {
        var order = Walk(root, limits, at);
        var ids = new Dictionary<TrackedValue, int>(order.Count);
        for (int i = 0; i < order.Count; i++) ids[order[i]] = i;

        var dot = new StringBuilder();
        dot.Append("digraph {\n  rankdir=LR;\n");
        foreach (var node in order)
        {
            int id = ids[node];
            string data = NumberFormat.Format(node.Data, NumberSpec), grad = NumberFormat.Format(node.Grad, NumberSpec);
            string label = labels is not null && labels.TryGetValue(node, out var name)
                ? $"{{ {EscapeRecord(name)} | data {data} | grad {grad} }}"
                : $"{{ data {data} | grad {grad} }}";
            dot.Append($"  n{id} [shape=record, label=\"{label}\"];\n");
            Checkpoint(dot, id, limits, at);
            if (node.IsLeaf) continue;
            dot.Append($"  n{id}_op [label=\"{Ops.Name(node.Op)}\"];\n");
            dot.Append($"  n{id}_op -> n{id};\n");
            if (HasConstant(node)) dot.Append($"  n{id}_c [shape=plaintext, label=\"{NumberFormat.Format(node.Constant, NumberSpec)}\"];\n");
        }
        foreach (var node in order)
        {
            int id = ids[node];
            bool constant = HasConstant(node);
            if (constant && node.ConstantOnLeft) dot.Append($"  n{id}_c -> n{id}_op;\n");
            if (node.A is { } a) dot.Append($"  n{ids[a]} -> n{id}_op;\n");
            if (node.B is { } b) dot.Append($"  n{ids[b]} -> n{id}_op;\n");
            if (constant && !node.ConstantOnLeft) dot.Append($"  n{id}_c -> n{id}_op;\n");
            Checkpoint(dot, id, limits, at);
        }
        dot.Append("}\n");
        return dot.ToString();
    }

    private const int CheckInterval = 4096;

    // Every few thousand values: text beyond the longest string is an error, and the limits apply.
    private static void Checkpoint(StringBuilder dot, int id, Interpreter? limits, in SourceSpan at)
    {
        if ((id & (CheckInterval - 1)) != CheckInterval - 1) return;
        if (dot.Length > Operators.MaxStringLength)
            throw new RuntimeError($"graph too large to draw (more than {Operators.MaxStringLength} characters)");
        limits?.Limits.CheckLimits(at);
        limits?.Limits.Reserve(2L * dot.Length, at);
    }

    /// <summary>Whether a node is a binary operator with a plain-number operand, kept as its <see cref="TrackedValue.Constant"/>.</summary>
    private static bool HasConstant(TrackedValue node) =>
        node.B is null && Ops.TakesConstant(Ops.Family(node.Op));

    /// <summary>Every value in the root's graph once, the root first, each then its inputs, depth first.</summary>
    private static List<TrackedValue> Walk(TrackedValue root, Interpreter? limits, in SourceSpan at)
    {
        var seen = new HashSet<TrackedValue> { root };
        var order = new List<TrackedValue>();
        var pending = new Stack<TrackedValue>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            order.Add(node);
            if ((order.Count & (CheckInterval - 1)) == 0) limits?.Limits.CheckLimits(at);
            // B is pushed first so that A, the first operand, is walked first.
            if (node.B is { } b && seen.Add(b)) pending.Push(b);
            if (node.A is { } a && seen.Add(a)) pending.Push(a);
        }
        return order;
    }

    /// <summary>Text inside a record field: DOT gives braces, bars, angle brackets, quotes and backslashes meaning there.</summary>
    private static string EscapeRecord(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (c is '{' or '}' or '|' or '<' or '>' or '"' or '\\') escaped.Append('\\');
            escaped.Append(c);
        }
        return escaped.ToString();
    }
}
