namespace GradScript.Autograd;

/// <summary>
/// The engine's record of operations: nodes appended in creation order to blocks of
/// <see cref="NodeBlock.Capacity"/>, so a recorded operation writes 40 bytes into an array instead
/// of allocating an object, and backward can sweep the blocks in reverse (see <see cref="Backpropagation"/>).
/// The tape keeps only the block being filled; older blocks live as long as a value or a later
/// block refers to them, and the garbage collector frees the rest, whether or not backward ran.
/// One per engine, not thread-safe (neither is an engine).
/// </summary>
internal sealed class Tape
{
    private NodeBlock _current = NodeBlock.Chunk(1);

    /// <summary>How many nodes have been recorded: the creation number of the newest.</summary>
    public long Recorded { get; private set; }

    /// <summary>A new node: an operation on <paramref name="a"/> (and <paramref name="b"/>, when given).</summary>
    /// <param name="op">The operation.</param>
    /// <param name="data">Its value, exact float32 when <paramref name="float32"/>.</param>
    /// <param name="float32">Whether it is a float32 value.</param>
    /// <param name="a">The first tracked input.</param>
    /// <param name="b">The second tracked input, if any.</param>
    /// <param name="second">See <see cref="NodeRecord.Second"/>.</param>
    /// <param name="constantOnLeft">The plain operand was the left one.</param>
    public TrackedValue Append(Op op, double data, bool float32, TrackedValue a, TrackedValue? b = null, double second = 0, bool constantOnLeft = false)
    {
        var block = _current;
        if (block.Count == NodeBlock.Capacity)
        {
            block = _current = NodeBlock.Chunk(Recorded + 1);
        }
        int index = block.Count;
        ref var node = ref block.Nodes[index];
        node.Data = data;
        node.Grad = 0;
        node.Second = second;
        node.A = block.Encode(a);
        node.B = b is { } second2 ? block.Encode(second2) : NodeBlock.NoInput;
        node.Mark = 0;
        node.Op = op;
        node.Flags = (float32 ? NodeFlags.Float32 : NodeFlags.None) | (constantOnLeft ? NodeFlags.ConstantOnLeft : NodeFlags.None);
        block.Count = index + 1;
        Recorded++;
        return new TrackedValue(block, index);
    }
}
