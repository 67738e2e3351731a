namespace GradScript.Autograd;

using System.Runtime.CompilerServices;
using GradScript.Diagnostics;

/// <summary>
/// Reverse-mode differentiation over the graph behind one root, in one linear sweep over the tape:
/// nodes are visited newest first, block by block and within a block by falling index, and a node
/// is worked on only if a newer one passed it a gradient (or it is the root). Creation order is a
/// topological order, so each node's gradient is complete when the sweep reaches it; gradients
/// that meet are added newest contribution first, PyTorch's order. No listing, no sort, no stack:
/// a chain of ten million nodes costs ten million steps of one loop. One instance per engine keeps
/// its buffers between calls; it is not thread-safe (neither is an engine).
/// </summary>
/// <remarks>
/// Each block keeps the range of its nodes the pass still has to visit; a block is queued (newest
/// first) when a node of a newer block first reaches into it, so the sweep never walks blocks the
/// graph does not touch. A node's <see cref="NodeRecord.Mark"/> says whether the current pass has
/// reached it; a pass number is never reused, so nothing is cleared between passes.
/// </remarks>
internal sealed partial class Backpropagation
{
    private int _pass;
    private readonly PriorityQueue<NodeBlock, long> _pending = new();

    // The nodes the pass reached with their gradients before it, when they are needed afterwards
    // (accumulate, a borrowed pass, tracked gradients to forget).
    private Reached[] _reached = new Reached[64];
    private int _reachedCount;
    private bool _keep;

    private struct Reached
    {
        public NodeBlock Block;
        public int Index;
        public double Previous;
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
        bool forget = autograd is { HasTrackedGradients: true };
        try
        {
            Sweep(root, keep: accumulate || forget, markHasGrad: true, autograd, at);
            for (int i = 0; i < _reachedCount; i++)
            {
                var node = TrackedValue.At(_reached[i].Block, _reached[i].Index);
                // An efficient zero added to .grad leaves it as it was.
                if (accumulate)
                    node.Grad = node.HasEfficientZeroGrad ? _reached[i].Previous : Derivatives.Accumulate(_reached[i].Previous, node.Grad, node.IsFloat32);
                if (forget) autograd!.SetTrackedGradient(node, null);
            }
        }
        finally
        {
            Release();
        }
    }

    /// <summary>
    /// ∂root/∂input for each of <paramref name="inputs"/> (0 where an input is not in the graph),
    /// leaving every node's <see cref="TrackedValue.Grad"/> as it was: a function transform's
    /// gradient is its result, not a side effect.
    /// </summary>
    public double[] GradientsOf(TrackedValue root, ReadOnlySpan<TrackedValue> inputs, AutogradState? autograd, in SourceSpan at)
    {
        try
        {
            Sweep(root, keep: true, markHasGrad: false, autograd, at);
            var gradients = new double[inputs.Length];
            for (int i = 0; i < inputs.Length; i++)
                gradients[i] = inputs[i].Mark == _pass ? inputs[i].Grad : 0;
            for (int i = 0; i < _reachedCount; i++)
                _reached[i].Block.Nodes[_reached[i].Index].Grad = _reached[i].Previous;
            return gradients;
        }
        finally
        {
            Release();
        }
    }

    // The buffers must not keep the graph alive after backward.
    private void Release()
    {
        Array.Clear(_reached, 0, _reachedCount);
        _reachedCount = 0;
        _pending.Clear();
    }

    private static ScriptRuntimeException ChangedInPlace(in SourceSpan at) => new(
        "backward(): a param of this graph was changed in place (a step() or `w -= …`) after the graph was recorded; " +
        "compute the value again from the param (PyTorch refuses this too)", at);

    private void Sweep(TrackedValue root, bool keep, bool markHasGrad, AutogradState? autograd, in SourceSpan at)
    {
        int pass = ++_pass;
        _keep = keep;
        _reachedCount = 0;
        var flag = markHasGrad ? NodeFlags.HasGrad : NodeFlags.None;
        Reach(root.Block, root.Index, 1.0, pass, flag);
        if (root.IsLeaf) return;
        ScriptRuntimeException? anomaly = null;
        int visited = 0;
        while (_pending.TryDequeue(out var block, out _))
            visited = SweepBlock(block, pass, flag, visited, autograd, ref anomaly, at);
        // An anomaly waits for the end of the sweep, so a changed param, found anywhere, comes first.
        if (anomaly is not null) throw anomaly;
    }

    // One block's part of a pass: its range, newest first; returns the count of nodes visited since
    // the limits were last checked. Compiled fully optimised at once and never inlined: with the
    // tiered JIT's profile it was inlined into its caller, and then its own helpers were not (a
    // million-node chain took 10.5 ms instead of 7).
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private int SweepBlock(NodeBlock block, int pass, NodeFlags flag, int visited, AutogradState? autograd, ref ScriptRuntimeException? anomaly, in SourceSpan at)
    {
        var nodes = block.Nodes;
        bool detect = autograd is { DetectAnomaly: true };
        long sequence = 2 * (block.First + block.SweepHigh);
        // The block's low end falls as the sweep finds inputs in it; it is read again each step.
        for (int i = block.SweepHigh; i >= block.SweepLow; i--, sequence -= 2)
        {
            if (++visited == CheckInterval) { visited = 0; autograd?.Limits.Check(at); }
            ref var node = ref nodes[i];
            if (node.Mark != pass) continue;
            if ((node.Flags & ~NodeFlags.HasGrad) == NodeFlags.None && node.Op is Op.Add or Op.Subtract or Op.Multiply)
                PropagateArithmetic(block, ref node, sequence, pass, flag, at);
            else PropagateFrom(block, i, ref node, sequence, pass, flag, at);
            if (detect && anomaly is null) anomaly = autograd!.GradientAnomaly(TrackedValue.At(block, i), at);
        }
        return visited;
    }

    // The float64 + - * every training loop is made of (the plain operand, if any, on the right),
    // without the generic derivative code: most nodes of a graph take this path.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PropagateArithmetic(NodeBlock block, ref NodeRecord node, long sequence, int pass, NodeFlags flag, in SourceSpan at)
    {
        double g = node.Grad;
        int a = node.A, b = node.B;
        if (b == NodeBlock.NoInput)
        {
            CheckInput(block, a, sequence, at);
            ReachInput(block, a, node.Op == Op.Multiply ? g * node.Second : g, pass, flag);
            return;
        }
        double left, right;
        switch (node.Op)
        {
            case Op.Add: left = right = g; break;
            case Op.Subtract: (left, right) = (g, -g); break;
            default: (left, right) = (g * DataOf(block, b), g * DataOf(block, a)); break;
        }
        CheckInput(block, a, sequence, at);
        CheckInput(block, b, sequence, at);
        ReachInput(block, a, left, pass, flag);
        ReachInput(block, b, right, pass, flag);
    }

    // Passes node's gradient on to its inputs: A first, then B, so gradients meeting at an input
    // (x * x) are added in PyTorch's order.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void PropagateFrom(NodeBlock block, int index, ref NodeRecord node, long sequence, int pass, NodeFlags flag, in SourceSpan at)
    {
        var (aBlock, a) = block.Locate(node.A);
        double g = node.Grad;
        if ((node.Flags & NodeFlags.EfficientZero) != 0 || node.Op == Op.Sign)
        {
            PropagateEfficientZero(block, index, ref node, aBlock, a, sequence, pass, flag, at);
            return;
        }
        if (node.B == NodeBlock.NoInput)
        {
            double x = aBlock.Nodes[a].Data;
            double toA = (node.Flags & ~NodeFlags.HasGrad) == NodeFlags.None
                ? Float64ToA(ref node, g, x, block, index)
                : Derivatives.Contributions(TrackedValue.At(block, index), g, x, 0).ToA;
            CheckInput(block, node.A, sequence, at);
            ReachInput(block, node.A, toA, pass, flag);
            return;
        }
        var (bBlock, b) = block.Locate(node.B);
        var (left, right) = Derivatives.Contributions(TrackedValue.At(block, index), g, aBlock.Nodes[a].Data, bBlock.Nodes[b].Data);
        Check(aBlock, sequence, at);
        Check(bBlock, sequence, at);
        Reach(aBlock, a, left, pass, flag);
        Reach(bBlock, b, right, pass, flag);
    }

    // The data of the node an input of block names.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double DataOf(NodeBlock block, int input) => input < NodeBlock.Capacity
        ? block.Nodes[input].Data
        : block.Foreign[input / NodeBlock.Capacity - 1].Nodes[input % NodeBlock.Capacity].Data;

    // Check for the node an input of block names: only a leaf (in the Foreign table) can have changed.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckInput(NodeBlock block, int input, long sequence, in SourceSpan at)
    {
        if (input >= NodeBlock.Capacity) Check(block.Foreign[input / NodeBlock.Capacity - 1], sequence, at);
    }

    // Reach for the node an input of block (the block being swept) names. An input in the same block
    // is older than the node being swept, so it is no leaf, and the block is already in this pass:
    // only the low end of its range can move.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ReachInput(NodeBlock block, int input, double contribution, int pass, NodeFlags flag)
    {
        if (input >= NodeBlock.Capacity)
        {
            Reach(block.Foreign[input / NodeBlock.Capacity - 1], input % NodeBlock.Capacity, contribution, pass, flag);
            return;
        }
        if (Arrive(block, input, contribution, pass, flag) && input < block.SweepLow) block.SweepLow = input;
    }

    // A float64 node with one input (and a plain operand on the right, if any): its contribution
    // from the record alone, by the formula Derivatives.Contributions reaches for it, which first
    // looks the node up through its handle.
    private static double Float64ToA(ref NodeRecord node, double g, double x, NodeBlock block, int index) => node.Op switch
    {
        Op.Add or Op.Subtract => g,
        Op.Multiply => g * node.Second,
        Op.Divide => Operations.Arithmetic.Derivative(Op.Divide, g, x, node.Second, wantLeft: true, wantRight: false).Left,
        Op.Power => Operations.Power.Derivative(Operations.Power.Exponent.Plain(node.Second), node.Data, g, x, node.Second, wantLeft: true, wantRight: false).Left,
        Op.Negate or Op.Abs or Op.Sign or Op.Exp or Op.Log or Op.Sqrt or Op.Sin or Op.Cos or Op.Tan => Operations.Elementary.Derivative(node.Op, g, x, node.Data),
        Op.Tanh or Op.Sigmoid or Op.Relu => Operations.Activations.Derivative(node.Op, g, node.Data),
        _ => Derivatives.Contributions(TrackedValue.At(block, index), g, x, 0).ToA,
    };

    // sgn's derivative, libtorch's efficient zero tensor, and what a node whose gradient is one
    // passes on: an efficient zero again where its formula multiplies or adds, else the formula's
    // value at a real +0.0 (see Derivatives.EfficientZeroPasses).
    private void PropagateEfficientZero(NodeBlock block, int index, ref NodeRecord node, NodeBlock aBlock, int a, long sequence, int pass, NodeFlags flag, in SourceSpan at)
    {
        var self = TrackedValue.At(block, index);
        var (zeroLeft, zeroRight) = node.Op == Op.Sign ? (true, true) : Derivatives.EfficientZeroPasses(self);
        Check(aBlock, sequence, at);
        if (node.B == NodeBlock.NoInput)
        {
            bool zero = self.ConstantOnLeft ? zeroRight : zeroLeft;
            double toA = zero ? 0 : Derivatives.Contributions(self, 0.0, aBlock.Nodes[a].Data, 0).ToA;
            Reach(aBlock, a, toA, pass, flag, zero);
            return;
        }
        var (bBlock, b) = block.Locate(node.B);
        Check(bBlock, sequence, at);
        var (left, right) = Derivatives.Contributions(self, 0.0, aBlock.Nodes[a].Data, bBlock.Nodes[b].Data);
        Reach(aBlock, a, left, pass, flag, zeroLeft);
        Reach(bBlock, b, right, pass, flag, zeroRight);
    }

    // A leaf changed in place after this node was recorded: its formula would read the new data.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Check(NodeBlock input, long sequence, in SourceSpan at)
    {
        if (input.IsLeaf && input.First > sequence) throw ChangedInPlace(at);
    }

    // Adds a contribution to a node's gradient, and makes a node reached for the first time this
    // pass part of the sweep: its block is queued (newest first), or its block's range widened.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Reach(NodeBlock block, int index, double contribution, int pass, NodeFlags flag, bool efficientZero = false)
    {
        if (!Arrive(block, index, contribution, pass, flag, efficientZero) || block.IsLeaf) return;
        if (block.SweepPass != pass)
        {
            block.SweepPass = pass;
            block.SweepLow = block.SweepHigh = index;
            _pending.Enqueue(block, -block.First);
        }
        else if (index < block.SweepLow) block.SweepLow = index;
        else if (index > block.SweepHigh) block.SweepHigh = index;
    }

    // Adds a contribution to a node's gradient; true when it is the first this pass. The first one
    // is taken as it is; later ones are added in the node's dtype. An efficient zero (sgn's
    // derivative) is a gradient only until a real contribution replaces it; one that comes after a
    // real gradient is added as +0.0: without create_graph libtorch's engine adds in place
    // (old.add_(new)), and an in-place add materialises an efficient zero (a -0.0 becomes +0.0).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Arrive(NodeBlock block, int index, double contribution, int pass, NodeFlags flag, bool efficientZero = false)
    {
        ref var node = ref block.Nodes[index];
        bool f32 = (node.Flags & NodeFlags.Float32) != 0;
        if (efficientZero) contribution = 0.0;
        if (node.Mark == pass)
        {
            if ((node.Flags & NodeFlags.EfficientZero) == 0) node.Grad = Derivatives.Accumulate(node.Grad, contribution, f32);
            else if (!efficientZero) (node.Grad, node.Flags) = (f32 ? (float)contribution : contribution, node.Flags & ~NodeFlags.EfficientZero);
            return false;
        }
        node.Mark = pass;
        if (_keep) Keep(block, index, node.Grad);
        node.Grad = f32 ? (float)contribution : contribution;
        node.Flags = efficientZero ? node.Flags | flag | NodeFlags.EfficientZero : (node.Flags & ~NodeFlags.EfficientZero) | flag;
        return true;
    }

    private void Keep(NodeBlock block, int index, double previous)
    {
        if (_reachedCount == _reached.Length) Array.Resize(ref _reached, _reached.Length * 2);
        _reached[_reachedCount++] = new Reached { Block = block, Index = index, Previous = previous };
    }
}
