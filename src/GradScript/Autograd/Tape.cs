namespace GradScript.Autograd;

/// <summary>
/// The engine's record of operations: nodes appended in creation order to blocks of
/// <see cref="NodeBlock.Capacity"/>, so a recorded operation writes 40 bytes into an array instead
/// of allocating an object, and backward can sweep the blocks in reverse (see <see cref="Backpropagation"/>).
/// A block's storage is used again once nothing can reach it — no value, no newer block — which
/// only the garbage collector can tell: the tape looks at its blocks' handles after a collection
/// and takes the storage of those collected. Whether backward ran makes no difference; a graph is
/// never freed while a value still names it. One per engine, not thread-safe (neither is an engine).
/// </summary>
/// <remarks>
/// In a loop that records and drops graphs (a training loop), blocks come back after each
/// collection. When the free storage runs out and no collection since the last look gave any
/// back, the tape asks for one (see <see cref="Reclaim"/>): storage stays within a few graphs'
/// worth of what is reachable, and a steady loop allocates only the small handle of each block it
/// begins.
/// </remarks>
internal sealed class Tape
{
    /// <summary>
    /// Blocks (40 kB each, 5 MB in all) the tape begins between two collections it asks for: the
    /// storage a steady loop cycles through, and 131,072 operations to share each collection's cost.
    /// </summary>
    public const int BlocksBeforeCollecting = 128;


    // Blocks handed out and not known to be free, the one being filled among them; free storage.
    private readonly List<NodeBlock> _inUse = [];
    private readonly Stack<NodeBlock> _free = new();
    private int _begunSinceCollecting, _collectionsAtLook = -1, _blocksBeforeCollecting = BlocksBeforeCollecting;
    private bool _lastCollectionGaveBack = true;

    // The block being filled (none until the first operation: an engine that records nothing
    // allocates nothing) and its handle, held here so it lives while it is filled.
    private NodeBlock? _current;
    private BlockHandle? _currentHandle;

    // Set by ComputationEnded: the next node that reads none of the current segment begins a new one,
    // however short the current one is.
    private bool _computationEnded;

    /// <summary>
    /// Says that a computation has ended (a backward pass ran): the next node that reads nothing of
    /// the current segment begins a new segment even when the current one is short, if the current
    /// one reads older segments. Without it, a training step's first nodes would join the short last
    /// segment of the step before, whose handle keeps that step's whole graph alive, and so on back
    /// to the first step: every graph would stay reachable. A segment that reads no other segment
    /// keeps only its own nodes, so a loop of small steps (four operations and a backward) still
    /// shares one handle among many steps.
    /// </summary>
    public void ComputationEnded() => _computationEnded = true;

    /// <summary>How many nodes have been recorded: the creation number of the newest.</summary>
    public long Recorded { get; private set; }

    /// <summary>Blocks begun on reused storage (for tests and the design's figures).</summary>
    internal long BlocksReused { get; private set; }

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
        if (block is null || block.Count == NodeBlock.Capacity) block = Next();
        else if ((block.MayBeginSegment || _computationEnded && _currentHandle!.ReadsOtherSegments)
            && !InCurrentSegment(a, block) && (b is not { } other || !InCurrentSegment(other, block)))
        {
            _currentHandle = block.BeginSegment(block.Count);
            _computationEnded = false;
        }
        var handle = _currentHandle!;
        int index = block.Count;
        ref var node = ref block.Nodes[index];
        node.Data = data;
        node.Grad = 0;
        node.Second = second;
        node.A = block.Encode(a, handle);
        node.B = b is { } input ? block.Encode(input, handle) : NodeBlock.NoInput;
        node.Mark = 0;
        node.Op = op;
        node.Flags = (float32 ? NodeFlags.Float32 : NodeFlags.None) | (constantOnLeft ? NodeFlags.ConstantOnLeft : NodeFlags.None);
        block.Count = index + 1;
        Recorded++;
        return new TrackedValue(handle, index);
    }

    private static bool InCurrentSegment(TrackedValue input, NodeBlock block) =>
        ReferenceEquals(input.Block, block) && input.Index >= block.SegmentStart;

    private NodeBlock Next()
    {
        if (_free.Count == 0) Reclaim();
        NodeBlock block;
        if (_free.Count > 0)
        {
            block = _free.Pop();
            BlocksReused++;
        }
        else block = NodeBlock.Chunk();
        _begunSinceCollecting++;
        _currentHandle = block.Begin(Recorded + 1);
        _computationEnded = false;
        _inUse.Add(block);
        return _current = block;
    }

    // Takes back the storage of blocks whose handles a collection has found unreachable: after
    // any collection that has happened since the last look; when that gives nothing, after one the
    // tape asks for once it has begun BlocksBeforeCollecting blocks since it last asked (or, while
    // a graph only grows and nothing comes back, as many as are in use: such collections stay few).
    private void Reclaim()
    {
        if (GC.CollectionCount(0) != _collectionsAtLook && Scan() > 0) return;
        int begun = _begunSinceCollecting;
        if (begun < _blocksBeforeCollecting) return;
        // A young collection misses the handles that lived through two collections, so when one
        // gives back under half of what was begun, a full one follows at once (waiting for the next
        // look would begin that many blocks on new storage first), and after it the next is full too.
        bool young = _lastCollectionGaveBack;
        GC.Collect(young ? 1 : GC.MaxGeneration, GCCollectionMode.Forced, blocking: true);
        int reclaimed = Scan();
        if (young && reclaimed < begun / 2)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true);
            reclaimed += Scan();
        }
        _lastCollectionGaveBack = reclaimed >= begun / 2;
        _blocksBeforeCollecting = _lastCollectionGaveBack ? BlocksBeforeCollecting : Math.Max(BlocksBeforeCollecting, _inUse.Count);
        _begunSinceCollecting = 0;
    }

    /// <summary>Blocks still in use after a full collection (for tests).</summary>
    internal int BlocksInUseAfterCollecting()
    {
        GC.Collect();
        Scan();
        return _inUse.Count;
    }

    private int Scan()
    {
        _collectionsAtLook = GC.CollectionCount(0);
        int reclaimed = 0;
        for (int i = _inUse.Count - 1; i >= 0; i--)
        {
            var block = _inUse[i];
            if (ReferenceEquals(block, _current) || !block.IsFree) continue;
            block.Clear();
            reclaimed++;
            _inUse[i] = _inUse[^1];
            _inUse.RemoveAt(_inUse.Count - 1);
            // More free storage than twice what is in use goes back to the collector.
            if (_free.Count < Math.Max(BlocksBeforeCollecting, 2 * _inUse.Count)) _free.Push(block);
        }
        return reclaimed;
    }
}
