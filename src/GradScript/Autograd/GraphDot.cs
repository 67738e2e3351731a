namespace GradScript.Autograd;

using System.Text;
using GradScript.Runtime;

/// <summary>
/// The graph behind a value as Graphviz DOT text, drawn as micrograd's <c>draw_dot</c> draws it: one
/// record node per value with its operation, data and grad, edges from inputs to results, left to
/// right. Walked without recursion, so any graph that backward can handle can be drawn.
/// </summary>
internal static class GraphDot
{
    public static string Render(TrackedValue root)
    {
        var ids = new Dictionary<TrackedValue, int>(ReferenceEqualityComparer.Instance);
        var order = new List<TrackedValue>();
        var pending = new Stack<TrackedValue>();
        pending.Push(root);
        ids[root] = 0;
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            order.Add(node);
            foreach (var parent in (ReadOnlySpan<TrackedValue?>)[node.A, node.B])
            {
                if (parent is null || ids.ContainsKey(parent)) continue;
                ids[parent] = ids.Count;
                pending.Push(parent);
            }
        }

        var dot = new StringBuilder();
        dot.Append("digraph {\n  rankdir=LR;\n  node [shape=record];\n");
        foreach (var node in order.OrderBy(n => ids[n]))
        {
            string label = $"{Name(node.Op)} | data {NumberFormat.FormatFloat(node.Data)} | grad {NumberFormat.FormatFloat(node.Grad)}";
            dot.Append($"  n{ids[node]} [label=\"{{ {label} }}\"];\n");
        }
        foreach (var node in order.OrderBy(n => ids[n]))
        {
            if (node.A is { } a) dot.Append($"  n{ids[a]} -> n{ids[node]};\n");
            if (node.B is { } b && b != node.A) dot.Append($"  n{ids[b]} -> n{ids[node]};\n");
        }
        dot.Append("}\n");
        return dot.ToString();
    }

    /// <summary>The operation as it is written in a script.</summary>
    public static string Name(Op op) => op switch
    {
        Op.Leaf => "param",
        Op.Add => "+",
        Op.Subtract => "-",
        Op.Multiply => "*",
        Op.Divide => "/",
        Op.Power => "^",
        Op.Negate => "neg",
        Op.HostFunction => "host",
        Op.Maximum => "max",
        Op.Minimum => "min",
        Op.Identity => "arg",
        _ => op.ToString().ToLowerInvariant(),
    };
}
