namespace GradScript.Autograd;

using GradScript.Diagnostics;

/// <summary>
/// Reverse-mode differentiation over the graph behind one root, in two linear passes: a depth-first
/// walk that lists the graph's nodes inputs-first (and starts their gradients), then one sweep over
/// that list in reverse that passes each node's gradient to its inputs. Iterative throughout, so a
/// chain of ten million nodes needs no more .NET stack than a chain of ten. One instance per engine
/// keeps its buffers between calls; it is not thread-safe (neither is an engine).
/// </summary>
internal sealed class Backpropagation
{
    private int _pass;
    private Slot[] _order = new Slot[64];
    private Slot[] _stack = new Slot[64];
    private double[] _previous = [];
    private long[] _keys = [];

    // TrackedValue has a subclass, so storing one into a TrackedValue[] would cost an array-covariance
    // type check; an array of structs has none.
    private struct Slot
    {
        public TrackedValue Node;
    }

    /// <summary>Nodes between two looks at the limits, so time limits and cancellation apply to huge graphs.</summary>
    public const int CheckInterval = 1 << 16;

    /// <summary>
    /// Sets (or with <paramref name="accumulate"/>, adds) ∂root/∂n into <see cref="TrackedValue.Grad"/>
    /// for every node n in root's graph. The limits of <paramref name="autograd"/>, when given, are
    /// checked every <see cref="CheckInterval"/> nodes, as at a call at <paramref name="at"/>; with
    /// its anomaly detection on, the first gradient to become NaN or infinite is an error; any
    /// tracked gradient an earlier <c>create_graph</c> backward left on these nodes is forgotten.
    /// </summary>
    public void Run(TrackedValue root, bool accumulate, AutogradState? autograd, in SourceSpan at)
    {
        int count = 0;
        try
        {
            count = ListInputsFirst(root, accumulate ? Listing.SaveAndClear : Listing.Clear, autograd, at);
            OrderBySequence(count, accumulate);
            Sweep(root, count, autograd, at);
            if (accumulate) AddPrevious(count);
            if (autograd is { HasTrackedGradients: true })
            {
                for (int i = 0; i < count; i++) autograd.SetTrackedGradient(_order[i].Node, null);
            }
        }
        finally
        {
            // The buffers must not keep the graph alive after backward.
            Array.Clear(_order, 0, count);
        }
    }

    /// <summary>
    /// ∂root/∂input for each of <paramref name="inputs"/> (0 where an input is not in the graph),
    /// leaving every node's <see cref="TrackedValue.Grad"/> as it was: a function transform's
    /// gradient is its result, not a side effect.
    /// </summary>
    public double[] GradientsOf(TrackedValue root, ReadOnlySpan<TrackedValue> inputs, AutogradState? autograd, in SourceSpan at)
    {
        int count = 0;
        try
        {
            count = ListInputsFirst(root, Listing.Borrow, autograd, at);
            OrderBySequence(count, saved: true);
            Sweep(root, count, autograd, at);
            var gradients = new double[inputs.Length];
            for (int i = 0; i < inputs.Length; i++)
                gradients[i] = inputs[i].VisitMark == _pass ? inputs[i].Grad : 0;
            for (int i = 0; i < count; i++) _order[i].Node.Grad = _previous[i];
            return gradients;
        }
        finally
        {
            Array.Clear(_order, 0, count);
        }
    }

    /// <summary>The nodes of root's graph, inputs before the results made from them; gradients untouched.</summary>
    public List<TrackedValue> InputsFirst(TrackedValue root, AutogradState? autograd, in SourceSpan at)
    {
        int count = 0;
        try
        {
            count = ListInputsFirst(root, Listing.Only, autograd, at);
            OrderBySequence(count, saved: false);
            var nodes = new List<TrackedValue>(count);
            for (int i = 0; i < count; i++) nodes.Add(_order[i].Node);
            return nodes;
        }
        finally
        {
            Array.Clear(_order, 0, count);
        }
    }

    private static ScriptRuntimeException ChangedInPlace(in SourceSpan at) => new(
        "backward(): a param of this graph was changed in place (a step() or `w -= …`) after the graph was recorded; " +
        "compute the value again from the param (PyTorch refuses this too)", at);

    // Clear and SaveAndClear are for a backward whose gradients stay (it marks the nodes reached);
    // Borrow saves and clears for a computation that puts the gradients back afterwards.
    private enum Listing { Only, Clear, SaveAndClear, Borrow }

    // PyTorch's engine runs the ready function with the highest sequence number first, which comes
    // to running them newest first; gradients that meet are then added in that order. The
    // depth-first listing is already in creation order for a graph built left to right, so it is
    // only sorted (with the saved gradients beside it) where it is not.
    private void OrderBySequence(int count, bool saved)
    {
        var order = _order;
        int i = 1;
        while (i < count && order[i - 1].Node.Sequence <= order[i].Node.Sequence) i++;
        if (i >= count) return;
        if (_keys.Length < count) _keys = new long[order.Length];
        for (int k = 0; k < count; k++) _keys[k] = order[k].Node.Sequence;
        if (saved)
        {
            // Sort indices, then permute both lists by them.
            var index = new int[count];
            for (int k = 0; k < count; k++) index[k] = k;
            Array.Sort(_keys, index, 0, count);
            var nodes = new Slot[count];
            var previous = new double[count];
            for (int k = 0; k < count; k++) { nodes[k] = order[index[k]]; previous[k] = _previous[index[k]]; }
            nodes.CopyTo(order, 0);
            previous.CopyTo(_previous, 0);
        }
        else Array.Sort(_keys, order, 0, count);
    }

    // Post-order, without per-node state: a node stays on the stack until neither input is left
    // unvisited, so it is listed after both. Gradients are cleared on the way (saved first when
    // asked), so the sweep can add into them.
    private int ListInputsFirst(TrackedValue root, Listing listing, AutogradState? autograd, in SourceSpan at)
    {
        int pass = ++_pass;
        var stack = _stack;
        int top = 0, count = 0;
        stack[0].Node = root;
        root.VisitMark = pass;
        try
        {
            while (top >= 0)
            {
                var node = stack[top].Node;
                var next = node.A;
                if (next is null || next.VisitMark == pass)
                {
                    next = (node as TwoInputValue)?.SecondInput;
                    if (next is null || next.VisitMark == pass)
                    {
                        top--;
                        Append(node, count++, listing);
                        if ((count & (CheckInterval - 1)) == 0) autograd?.Limits.Check(at);
                        continue;
                    }
                }
                if (next.Sequence > node.Sequence && next.A is null) throw ChangedInPlace(at);
                next.VisitMark = pass;
                if (++top == stack.Length) Array.Resize(ref _stack, stack.Length * 2);
                stack = _stack;
                stack[top].Node = next;
            }
        }
        finally
        {
            Array.Clear(stack, 0, Math.Min(stack.Length, top + 1));
        }
        return count;
    }

    private void Append(TrackedValue node, int index, Listing listing)
    {
        if (index == _order.Length) Array.Resize(ref _order, _order.Length * 2);
        _order[index].Node = node;
        if (listing == Listing.Only) return;
        if (listing != Listing.Borrow) node.HasGrad = true;
        if (listing != Listing.Clear)
        {
            if (index >= _previous.Length) Array.Resize(ref _previous, Math.Max(64, _order.Length));
            _previous[index] = node.Grad;
        }
        // -0.0 is the sum of no contributions: -0.0 + c is c for every c (a +0.0 start would turn a
        // first contribution of -0.0 into +0.0), so the first contribution is taken as it is.
        node.Grad = -0.0;
    }

    // Inputs come before their results in the list, so a reverse sweep sees each node's gradient
    // complete before passing it on.
    private void Sweep(TrackedValue root, int count, AutogradState? autograd, in SourceSpan at)
    {
        var order = _order;
        root.Grad = 1;
        bool checkAnomalies = autograd?.DetectAnomaly == true;
        for (int i = count - 1; i >= 0; i--)
        {
            var node = order[i].Node;
            if (node.A is not null) Derivatives.Propagate(node);
            if (checkAnomalies) autograd!.CheckGradient(node, at);
            if (i != 0 && (i & (CheckInterval - 1)) == 0) autograd?.Limits.Check(at); // not at node 0: small graphs never read the clock
        }
    }

    private void AddPrevious(int count)
    {
        for (int i = 0; i < count; i++)
        {
            var node = _order[i].Node;
            node.Grad = node.IsFloat32 ? (float)((float)_previous[i] + (float)node.Grad) : _previous[i] + node.Grad;
        }
    }
}
