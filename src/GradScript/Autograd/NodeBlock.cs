namespace GradScript.Autograd;

using System.Runtime.InteropServices;
using GradScript.Diagnostics;

/// <summary>
/// One recorded node, 40 bytes, stored by value in a <see cref="NodeBlock"/>: no object of its own.
/// Its inputs are small integers (see <see cref="NodeBlock"/>), not references, so the garbage
/// collector sees one array per block instead of an object per operation.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 8)]
internal struct NodeRecord
{
    /// <summary>The value; exact float32 when <see cref="NodeFlags.Float32"/>.</summary>
    public double Data;

    /// <summary>∂(root of the last backward that reached this node)/∂(this node).</summary>
    public double Grad;

    /// <summary>
    /// The plain operand of a binary operator with one tracked input; the host-given derivative of
    /// a host function (with two inputs: with respect to the second); a mask's 1 or 0.
    /// </summary>
    public double Second;

    /// <summary>The inputs, encoded by <see cref="NodeBlock"/>; <see cref="NodeBlock.NoInput"/> for none.</summary>
    public int A, B;

    /// <summary>The backward pass that last reached this node (see <see cref="Backpropagation"/>).</summary>
    public int Mark;

    /// <summary>The operation that made this node.</summary>
    public Op Op;

    public NodeFlags Flags;
}

/// <summary>The yes/no facts of a node, in one byte.</summary>
[Flags]
internal enum NodeFlags : byte
{
    None = 0,

    /// <summary>Computes and stores in float32, as a PyTorch float32 tensor does.</summary>
    Float32 = 1,

    /// <summary>The plain operand was the left one (c - a, c / a, c ^ a).</summary>
    ConstantOnLeft = 2,

    /// <summary>
    /// A backward pass has reached this leaf since its gradient was last set to none
    /// (<c>w.grad = none</c>, <c>opt.zero_grad()</c>): PyTorch's <c>.grad</c> is None until then.
    /// </summary>
    HasGrad = 4,

    /// <summary>
    /// The gradient the current backward pass has brought so far is libtorch's efficient zero
    /// tensor (sgn's derivative; see <see cref="Derivatives.EfficientZeroPasses"/>): it vanishes
    /// when a real contribution arrives.
    /// </summary>
    EfficientZero = 8,
}

/// <summary>
/// What a script value holds to name a node: a small object per segment of a block (a run of
/// consecutive nodes; see <see cref="NodeBlock.SegmentLength"/>). Its liveness is its nodes' — the
/// tape reuses a block's storage only after the garbage collector has found all its segments'
/// handles unreachable — so it keeps alive the handles of the older segments its nodes read, and
/// the tracked gradients a <c>create_graph</c> backward left on its nodes.
/// </summary>
internal sealed class BlockHandle(NodeBlock block)
{
    /// <summary>The storage it names.</summary>
    public readonly NodeBlock Block = block;

    // The handles of the older segments this segment's nodes read (not leaves: their storage holds
    // them): the first in a field, since most segments read one or none (the one before, where the
    // computation they continue began), and only the rest in an array, filled from the start (its
    // first null ends it). A handle is 48 bytes and needs no array of its own.
    private BlockHandle? _firstInput;
    private BlockHandle?[]? _moreInputs;

    /// <summary>Gradients that are themselves tracked, by node index, from a <c>create_graph</c> backward.</summary>
    public Dictionary<int, TrackedValue>? TrackedGradients;

    /// <summary>Whether this segment's nodes read another segment of the tape (and so keep it alive).</summary>
    public bool ReadsOtherSegments => _firstInput is not null;

    /// <summary>Keeps <paramref name="input"/>'s nodes alive as long as this segment's.</summary>
    public void AddInput(BlockHandle input)
    {
        if (ReferenceEquals(_firstInput, input)) return;
        if (_firstInput is null)
        {
            _firstInput = input;
            return;
        }
        int count = 0;
        if (_moreInputs is { } more)
        {
            for (; count < more.Length && more[count] is { } known; count++)
            {
                if (ReferenceEquals(known, input)) return;
            }
        }
        if (_moreInputs is null) _moreInputs = new BlockHandle[4];
        else if (count == _moreInputs.Length) Array.Resize(ref _moreInputs, count * 2);
        _moreInputs[count] = input;
    }
}

/// <summary>
/// Where nodes live: a block of <see cref="Capacity"/> recorded nodes in creation order (a chunk of
/// the engine's <see cref="Tape"/>), or a single leaf. A script value names a node by its block's
/// <see cref="BlockHandle"/> and its index, so no operation allocates an object; a block of the
/// tape is storage the tape reuses once its handle has died (see <see cref="Tape"/>).
/// </summary>
/// <remarks>
/// An input is an <c>int</c>: below <see cref="Capacity"/> it is an index in the same block; from
/// there on it names a slot of <see cref="Foreign"/> (a leaf or an older block, each listed once per
/// block) and an index there: <c>(slot + 1) · Capacity + index</c>. Inputs are always older than the
/// node, so a block only ever refers to older blocks and leaves.
/// </remarks>
internal sealed class NodeBlock
{
    /// <summary>Nodes per block: 40 kB, below the large-object heap's 85 kB.</summary>
    public const int Capacity = 1024;

    /// <summary>
    /// The fewest nodes of a segment before the next node may begin a new one, which it does when
    /// it reads no node of the current segment (a new computation: the next step's first
    /// product of a param). Without segments, a block holding the end of one step's graph and the
    /// start of the next would keep the older graph alive through the newer, and so on back.
    /// </summary>
    public const int SegmentLength = 256;

    /// <summary>The input of a node that has none.</summary>
    public const int NoInput = -1;

    /// <summary>The nodes; a leaf's block holds one.</summary>
    public readonly NodeRecord[] Nodes;

    /// <summary>Nodes recorded so far (1 for a leaf).</summary>
    public int Count;

    /// <summary>
    /// For a block of the tape: the creation number of node 0, so node i was recorded
    /// <c>First + i</c>-th. For a leaf: 0, or after its data was changed in place, the number of
    /// the last node recorded before the change (see <see cref="TrackedValue.Sequence"/>).
    /// </summary>
    public long First;

    /// <summary>Whether this is a leaf (a param) rather than a block of the tape.</summary>
    public readonly bool IsLeaf;

    /// <summary>The leaves and older blocks this block's inputs name; <see cref="ForeignCount"/> used.</summary>
    public NodeBlock[] Foreign = [];

    public int ForeignCount;

    /// <summary>This block's slot in the Foreign table of the block being recorded (a cache; checked before use).</summary>
    public int SlotInRecording = -1;

    // Backward's state for this block: the pass that last reached it and the range of its nodes
    // that pass still has to visit (see Backpropagation).
    public int SweepPass, SweepLow, SweepHigh;

    /// <summary>Where each node was recorded, while anomaly detection is on (see <see cref="AnomalyDetector"/>).</summary>
    public SourceSpan[]? Places;

    // A leaf's handle, held for good (a leaf's storage is never reused); a tape block's segments'
    // handles, held weakly: the tape looks at them to know when the storage is free.
    private readonly BlockHandle? _leafHandle;
    private WeakReference<BlockHandle>[]? _segments;
    private int[]? _segmentStarts;
    private int _segmentCount;

    private NodeBlock(bool leaf, int capacity)
    {
        IsLeaf = leaf;
        Nodes = new NodeRecord[capacity];
        if (leaf) _leafHandle = new BlockHandle(this);
        else
        {
            _segments = new WeakReference<BlockHandle>[Capacity / SegmentLength];
            _segmentStarts = new int[Capacity / SegmentLength];
        }
    }

    /// <summary>The index of the current segment's first node.</summary>
    public int SegmentStart => _segmentStarts![_segmentCount - 1];

    /// <summary>Empty storage for a block of the tape.</summary>
    public static NodeBlock Chunk() => new(leaf: false, Capacity);

    /// <summary>A leaf with this value.</summary>
    public static NodeBlock Leaf(double data, bool float32)
    {
        var block = new NodeBlock(leaf: true, 1) { Count = 1 };
        block.Nodes[0] = new NodeRecord
        {
            Data = float32 ? (float)data : data,
            A = NoInput,
            B = NoInput,
            Op = Op.Leaf,
            Flags = float32 ? NodeFlags.Float32 : NodeFlags.None,
        };
        return block;
    }

    /// <summary>
    /// The handle values name node <paramref name="index"/> by. For a block of the tape, only while
    /// something holds it: every caller reaches the node through a live handle (a value, a newer
    /// segment's inputs).
    /// </summary>
    public BlockHandle HandleOf(int index)
    {
        if (_leafHandle is not null) return _leafHandle;
        int segment = _segmentCount - 1;
        while (_segmentStarts![segment] > index) segment--;
        return _segments![segment].TryGetTarget(out var handle)
            ? handle
            : throw new System.Diagnostics.UnreachableException("a node in use has lost its handle");
    }

    /// <summary>Gives empty storage of the tape its new use: a first segment, and the creation number of its node 0.</summary>
    public BlockHandle Begin(long first)
    {
        First = first;
        _segmentCount = 0;
        return BeginSegment(0);
    }

    /// <summary>Starts a new segment at <paramref name="index"/>, the next node's.</summary>
    public BlockHandle BeginSegment(int index)
    {
        var handle = new BlockHandle(this);
        // Beyond the segments of SegmentLength a block has room for, a computation's end may begin more
        // (Tape.ComputationEnded); the arrays grow once and are kept with the storage.
        if (_segmentCount == _segments!.Length)
        {
            Array.Resize(ref _segments, 2 * _segmentCount);
            Array.Resize(ref _segmentStarts, 2 * _segmentCount);
        }
        ref var slot = ref _segments[_segmentCount];
        if (slot is null) slot = new WeakReference<BlockHandle>(handle);
        else slot.SetTarget(handle);
        _segmentStarts![_segmentCount++] = index;
        return handle;
    }

    /// <summary>Whether a new segment may begin at the next node: the current one is long enough.</summary>
    public bool MayBeginSegment => Count - SegmentStart >= SegmentLength;

    /// <summary>Whether no value or newer segment can reach this tape block's nodes any more (all its handles were collected).</summary>
    public bool IsFree
    {
        get
        {
            for (int i = 0; i < _segmentCount; i++)
            {
                if (_segments![i].TryGetTarget(out _)) return false;
            }
            return true;
        }
    }

    /// <summary>Forgets a free block's nodes and what they referred to, for its storage to be used again.</summary>
    public void Clear()
    {
        Count = 0;
        Array.Clear(Foreign, 0, ForeignCount);
        ForeignCount = 0;
        SlotInRecording = -1;
        SweepPass = 0;
        Places = null;
    }

    /// <summary>How a node of this block's current segment (whose handle is <paramref name="handle"/>) names <paramref name="input"/> as an input.</summary>
    public int Encode(TrackedValue input, BlockHandle handle)
    {
        var block = input.Block;
        if (ReferenceEquals(block, this))
        {
            if (!ReferenceEquals(input.Handle, handle)) handle.AddInput(input.Handle);
            return input.Index;
        }
        if (!block.IsLeaf) handle.AddInput(input.Handle);
        int slot = block.SlotInRecording;
        if ((uint)slot >= (uint)ForeignCount || !ReferenceEquals(Foreign[slot], block))
        {
            if (ForeignCount == Foreign.Length) Array.Resize(ref Foreign, Math.Max(8, Foreign.Length * 2));
            slot = ForeignCount++;
            Foreign[slot] = block;
            block.SlotInRecording = slot;
        }
        return (slot + 1) * Capacity + input.Index;
    }

    /// <summary>The block and index an input of this block names; <paramref name="input"/> is not <see cref="NoInput"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public (NodeBlock Block, int Index) Locate(int input) => input < Capacity
        ? (this, input)
        : (Foreign[input / Capacity - 1], input % Capacity);
}
