namespace GradScript.Autograd;

using GradScript.Diagnostics;
using GradScript.Runtime;

/// <summary>
/// Reverse-mode differentiation over the graph behind one root. Iterative throughout: the
/// topological order comes from a post-order walk with an explicit stack, so a chain of ten
/// million nodes needs no more .NET stack than a chain of ten. One instance per engine keeps its
/// buffers between calls; it is not thread-safe (neither is an engine).
/// </summary>
internal sealed class Backpropagation
{
    private int _pass;
    private readonly List<TrackedValue> _order = new();
    private TrackedValue[] _stack = new TrackedValue[64];
    private byte[] _state = new byte[64];

    /// <summary>Nodes between two looks at the limits, so time limits and cancellation apply to huge graphs.</summary>
    public const int CheckInterval = 1 << 16;

    /// <summary>
    /// Sets (or with <paramref name="accumulate"/>, adds) ∂root/∂n into <see cref="TrackedValue.Grad"/>
    /// for every node n in root's graph. The limits of <paramref name="limits"/>, when given, are
    /// checked every <see cref="CheckInterval"/> nodes, as at a call at <paramref name="at"/>.
    /// </summary>
    public void Run(TrackedValue root, bool accumulate, Interpreter? limits, in SourceSpan at)
    {
        var order = TopologicalOrder(root, limits, at);
        double[]? previous = null;
        if (accumulate)
        {
            previous = new double[order.Count];
            for (int i = 0; i < order.Count; i++) previous[i] = order[i].Grad;
        }
        foreach (var node in order) node.Grad = 0;
        root.Grad = 1;

        // Parents come before children in `order`, so a reverse sweep sees each node's gradient
        // complete before passing it on.
        for (int i = order.Count - 1; i >= 0; i--)
        {
            var node = order[i];
            if (node.A is { } a) Propagate(node, a, node.DA);
            if (node.B is { } b) Propagate(node, b, node.DB);
            if (i != 0 && (i & (CheckInterval - 1)) == 0) limits?.CheckLimits(at); // not at node 0: small graphs never read the clock
        }

        if (previous is not null)
        {
            for (int i = 0; i < order.Count; i++)
            {
                var node = order[i];
                node.Grad = node.IsFloat32 ? (float)((float)previous[i] + (float)node.Grad) : previous[i] + node.Grad;
            }
        }
        _order.Clear();
    }

    // In float32 the product and the sum are rounded to float32, as PyTorch computes a float32
    // tensor's gradient. (For division PyTorch divides by the denominator where this multiplies by
    // its stored reciprocal: the two can differ in the last bit.)
    private static void Propagate(TrackedValue child, TrackedValue parent, double local)
    {
        double contribution = child.IsFloat32 ? (float)child.Grad * (float)local : child.Grad * local;
        parent.Grad = parent.IsFloat32
            ? (float)((float)parent.Grad + (float)contribution)
            : parent.Grad + contribution;
    }

    private List<TrackedValue> TopologicalOrder(TrackedValue root, Interpreter? limits, in SourceSpan at)
    {
        int pass = ++_pass;
        var order = _order;
        order.Clear();
        int top = 0;
        _stack[0] = root;
        _state[0] = 0;
        root.VisitMark = pass;
        while (top >= 0)
        {
            var node = _stack[top];
            TrackedValue? next = null;
            if (_state[top] == 0) { _state[top] = 1; next = node.A; }
            else if (_state[top] == 1) { _state[top] = 2; next = node.B; }
            else
            {
                _stack[top--] = null!;
                order.Add(node);
                if ((order.Count & (CheckInterval - 1)) == 0) limits?.CheckLimits(at);
                continue;
            }
            if (next is null || next.VisitMark == pass) continue;
            next.VisitMark = pass;
            if (++top == _stack.Length)
            {
                Array.Resize(ref _stack, _stack.Length * 2);
                Array.Resize(ref _state, _state.Length * 2);
            }
            _stack[top] = next;
            _state[top] = 0;
        }
        return order;
    }
}
