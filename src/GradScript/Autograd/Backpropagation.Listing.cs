namespace GradScript.Autograd;

using GradScript.Diagnostics;

// The graph as a list, for the callers that need every node at once: a recorded backward
// (HigherOrder) and a drawing (GraphDot).
internal sealed partial class Backpropagation
{
    private TrackedValue[] _stack = new TrackedValue[64];

    /// <summary>The nodes of root's graph, inputs before the results made from them; gradients untouched.</summary>
    public List<TrackedValue> InputsFirst(TrackedValue root, AutogradState? autograd, in SourceSpan at)
    {
        var order = new List<TrackedValue>();
        int top = 0;
        try
        {
            ListInputsFirst(root, order, ref top, autograd, at);
        }
        finally
        {
            Array.Clear(_stack, 0, Math.Min(_stack.Length, top + 1));
        }
        OrderBySequence(order);
        return order;
    }

    // Post-order, without per-node state beyond the pass's mark: a node stays on the stack until
    // neither input is left unvisited, so it is listed after both.
    private void ListInputsFirst(TrackedValue root, List<TrackedValue> order, ref int top, AutogradState? autograd, in SourceSpan at)
    {
        int pass = ++_pass;
        _stack[0] = root;
        root.Mark = pass;
        while (top >= 0)
        {
            var node = _stack[top];
            var next = node.A;
            if (next is not { } a || a.Mark == pass)
            {
                next = node.B;
                if (next is not { } b || b.Mark == pass)
                {
                    top--;
                    order.Add(node);
                    if ((order.Count & (CheckInterval - 1)) == 0) autograd?.Limits.Check(at);
                    continue;
                }
            }
            var input = next.Value;
            if (input.Sequence > node.Sequence && input.IsLeaf) throw ChangedInPlace(at);
            input.Mark = pass;
            if (++top == _stack.Length) Array.Resize(ref _stack, _stack.Length * 2);
            _stack[top] = input;
        }
    }

    // The depth-first listing is already in creation order for a graph built left to right, so it
    // is only sorted where it is not. Leaves, which pass nothing on, keep the places the sort gives.
    private static void OrderBySequence(List<TrackedValue> order)
    {
        int i = 1;
        while (i < order.Count && order[i - 1].Sequence <= order[i].Sequence) i++;
        if (i >= order.Count) return;
        var keys = new long[order.Count];
        var nodes = order.ToArray();
        for (int k = 0; k < keys.Length; k++) keys[k] = nodes[k].Sequence;
        Array.Sort(keys, nodes);
        order.Clear();
        order.AddRange(nodes);
    }
}
