namespace GradScript.Tests.Autograd;

using System.Runtime.CompilerServices;
using GradScript.Autograd;
using GradScript.Diagnostics;

/// <summary>
/// The tape's promises (docs/architecture.md, "The tape"): a recorded operation allocates its
/// 40-byte record's share of a block and no object; a block nothing refers to is freed by the
/// garbage collector whether or not backward ran; a value kept keeps its node readable and
/// differentiable however much is recorded after it.
/// </summary>
public class TapeTests
{
    [Fact]
    public void ARecordedOperationAllocatesItsShareOfABlockAndNoObject()
    {
        var tape = new Tape();
        var w = TrackedValue.Leaf(1.5, isFloat32: false);
        Record(tape, w, NodeBlock.Capacity);   // the first block, and the JIT's own allocations
        const int Operations = 64 * NodeBlock.Capacity;
        long before = GC.GetAllocatedBytesForCurrentThread();
        Record(tape, w, Operations);
        double perOperation = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)Operations;
        // 40 bytes of record, plus the block object and its foreign table spread over 1,024 nodes.
        Assert.InRange(perOperation, 39.0, 41.0);
    }

    [Fact]
    public void ABlockNothingRefersToIsFreedWithoutBackward()
    {
        var tape = new Tape();
        var w = TrackedValue.Leaf(1.5, isFloat32: false);
        var first = RecordAndForget(tape, w);
        // Fill the first block and more: the tape itself then holds a later one only.
        Record(tape, w, 3 * NodeBlock.Capacity);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(first.IsAlive);
    }

    [Fact]
    public void AKeptValueStaysReadableAndDifferentiableAcrossBlocks()
    {
        var state = new AutogradState(new NoLimits(), maxGraphNodes: null, detectAnomaly: false);
        var w = TrackedValue.Leaf(2.0, isFloat32: false);
        var kept = state.Binary(Op.Multiply, w, w.Data, w, w.Data, default)!.Value;   // w², in the first block
        var y = kept;
        for (int i = 0; i < 5 * NodeBlock.Capacity; i++)
        {
            // y ← y + 0·w: every block after the first refers back to it and to the leaf.
            var term = state.Binary(Op.Multiply, w, w.Data, null, 0.0, default)!.Value;
            y = state.Binary(Op.Add, y, y.Data, term, term.Data, default)!.Value;
        }
        GC.Collect();
        Assert.Equal(4.0, kept.Data);
        Assert.NotSame(kept.Block, y.Block);
        state.Backward(y, accumulate: false, default);
        Assert.Equal(4.0, w.Grad);   // 2w through w², and 0 from each of the 5,120 terms
        Assert.Equal(1.0, kept.Grad);
    }

    private static void Record(Tape tape, TrackedValue w, int operations)
    {
        for (int i = 0; i < operations; i++) tape.Append(Op.Multiply, 3.0, false, w, second: 2.0);
    }

    // A separate frame, so no local of the test keeps the block alive.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference RecordAndForget(Tape tape, TrackedValue w) =>
        new(tape.Append(Op.Multiply, 3.0, false, w, second: 2.0).Block);

    private sealed class NoLimits : IExecutionLimits
    {
        public void Check(in SourceSpan at) { }
    }
}
