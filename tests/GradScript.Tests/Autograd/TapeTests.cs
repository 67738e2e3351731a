namespace GradScript.Tests.Autograd;

using System.Runtime.CompilerServices;
using GradScript.Autograd;
using GradScript.Diagnostics;
using GradScript.Tests.Embedding;

/// <summary>
/// The tape's promises (docs/architecture.md, "The tape"): a recorded operation allocates no
/// object, and in a steady loop nothing but each block's small handle, since the storage of blocks
/// nothing refers to any more comes back; a block is reused only once nothing can reach it, so a
/// value kept stays readable and differentiable however much is recorded and dropped after it.
/// </summary>
/// <remarks>
/// Alone, after the other tests: whether a step's storage comes back before the next step needs it
/// depends on when collections happen, and other tests' threads, allocating in parallel, set off
/// collections at any moment (a loaded stress run once saw 15 bytes a node instead of under 4).
/// </remarks>
[Collection(TimingCollection.Name)]
public class TapeTests
{
    [Fact]
    public void ASteadyLoopAllocatesOnlyEachBlocksHandle()
    {
        var tape = new Tape();
        var w = TrackedValue.Leaf(1.5, isFloat32: false);
        // Long enough for the free storage to fill and the tape to ask for a collection or two.
        Record(tape, w, 4 * Tape.BlocksBeforeCollecting * NodeBlock.Capacity);
        const int Operations = 4 * Tape.BlocksBeforeCollecting * NodeBlock.Capacity;
        long before = GC.GetAllocatedBytesForCurrentThread();
        Record(tape, w, Operations);
        double perOperation = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)Operations;
        // A handle (tens of bytes) per 1,024 operations; a new block would be 40 bytes an operation.
        Assert.InRange(perOperation, 0.0, 0.5);
        Assert.True(tape.BlocksReused > 0);
    }

    [Fact]
    public void ABlockNothingRefersToLosesItsHandleWithoutBackward()
    {
        var tape = new Tape();
        var w = TrackedValue.Leaf(1.5, isFloat32: false);
        var first = RecordAndForget(tape, w);
        // Fill the first block and more: the tape itself then holds a later one only.
        Record(tape, w, 3 * NodeBlock.Capacity);
        GC.Collect();
        Assert.False(first.IsAlive);
    }

    [Fact]
    public void AKeptValueStaysReadableAndDifferentiableWhileOthersAreReused()
    {
        var state = new AutogradState(new NoLimits(), maxGraphNodes: null, detectAnomaly: false);
        var w = TrackedValue.Leaf(2.0, isFloat32: false);
        var kept = state.Binary(Op.Multiply, w, w.Data, w, w.Data, default)!.Value;   // w², in the first block
        var y = kept;
        for (int round = 0; round < 5; round++)
        {
            for (int i = 0; i < NodeBlock.Capacity; i++)
            {
                // y ← y + 0·w: every block of y's graph refers back to an older one and to the leaf.
                var term = state.Binary(Op.Multiply, w, w.Data, null, 0.0, default)!.Value;
                y = state.Binary(Op.Add, y, y.Data, term, term.Data, default)!.Value;
            }
            // Garbage between: blocks that come back and are reused.
            Record(state.Tape, w, 2 * Tape.BlocksBeforeCollecting * NodeBlock.Capacity);
        }
        Assert.True(state.Tape.BlocksReused > 0);
        Assert.Equal(4.0, kept.Data);
        Assert.Equal(4.0, y.Data);
        Assert.Equal(Op.Multiply, kept.Op);
        Assert.NotSame(kept.Block, y.Block);
        state.Backward(y, accumulate: false, default);
        Assert.Equal(4.0, w.Grad);   // 2w through w², and 0 from each of the 5,120 terms
        Assert.Equal(1.0, kept.Grad);
    }

    [Fact]
    public void ATrainingLoopsStepsReuseTheTapeInsteadOfAllocatingIt()
    {
        // Each step records about 4,200 nodes (four blocks) and drops them after its update; the
        // warm-up lets the tape's free storage fill (Tape.BlocksBeforeCollecting).
        var engine = new Engine(new EngineOptions { Output = TextWriter.Null });
        engine.Run("""
            ws = []
            for i in 0..50 { ws.append(param(0.01 * i)) }
            def step() {
                total = 0
                for k in 0..40 {
                    h = 0
                    for i in 0..50 { h = h + ws[i] * (k * 0.01) }
                    total = total + tanh(h) * tanh(h)
                }
                return total
            }
            def train(steps) {
                for s in 0..steps {
                    l = step()
                    backward(l)
                    for i in 0..50 { ws[i] -= 0.001 * grad(ws[i]) }
                }
            }
            """);
        var warmUp = engine.Compile("train(100)");
        var measured = engine.Compile("train(100)");
        engine.Run(warmUp);
        long before = GC.GetAllocatedBytesForCurrentThread();
        engine.Run(measured);
        double perNode = (GC.GetAllocatedBytesForCurrentThread() - before) / (100.0 * 40 * 103);
        // Whatever the interpreter allocates besides, far below the 40 bytes of a node's storage.
        Assert.InRange(perNode, 0.0, 4.0);
    }

    [Theory]
    [InlineData("backward(l)", 5)]
    [InlineData("g = grad(loss)(0.5)", 5)]
    [InlineData("g = grad(loss)(ws[0])", 10)]   // a tracked argument: the gradient is recorded too, twice the nodes
    [InlineData("backward(l, create_graph=true)", 10)]
    public void EachStepsGraphDiesWhenTheNextStepBegins(string backward, int blocks)
    {
        // About 2,600 nodes a step, in segments cut every 256 nodes at a product of a param: the
        // step's last segment is short, and the next step's first nodes would share it (and keep
        // every earlier step alive through it) if the backward did not end the computation.
        var engine = new Engine(new EngineOptions { Output = TextWriter.Null });
        engine.Run($$"""
            ws = []
            for i in 0..31 { ws.append(param(0.01 * i)) }
            def loss(w0) {
                total = w0
                for k in 0..40 {
                    h = 0
                    for i in 0..31 { h = h + ws[i] * (k * 0.01) }
                    total = total + h * h
                }
                return total
            }
            for s in 0..60 {
                l = loss(ws[0])
                {{backward}}
            }
            """);
        var tape = engine.Interpreter.Autograd.Tape;
        // One step's graph (three blocks, four at a block's edge; without the end of each computation
        // marked, all sixty steps' 180) and the block being filled.
        Assert.InRange(tape.BlocksInUseAfterCollecting(), 1, blocks);
        engine.Run("for s in 0..60 { l = loss(ws[0]) }");
        // Runs are computations too: a host running a script per evaluation, without backward.
        for (int i = 0; i < 30; i++) engine.Run("l = loss(ws[0])\ng = none");
        // (A recorded gradient the params keep as their .grad keeps its graph: the last step's.)
        Assert.InRange(tape.BlocksInUseAfterCollecting(), 1, blocks);
    }

    [Fact]
    public void GraphsThatShareABlockDoNotKeepEachOtherAlive()
    {
        var tape = new Tape();
        var w = TrackedValue.Leaf(1.5, isFloat32: false);
        for (int step = 0; step < 200; step++) Chain(tape, w, 1500);
        Assert.InRange(tape.BlocksInUseAfterCollecting(), 0, 3);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Chain(Tape tape, TrackedValue w, int length)
    {
        var y = tape.Append(Op.Multiply, 1.5, false, w, second: 1.0);
        for (int i = 0; i < length; i++) y = tape.Append(Op.Add, 3.0, false, y, w);
    }

    private static void Record(Tape tape, TrackedValue w, int operations)
    {
        for (int i = 0; i < operations; i++) tape.Append(Op.Multiply, 3.0, false, w, second: 2.0);
    }

    // A separate frame, so no local of the test keeps the block alive.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference RecordAndForget(Tape tape, TrackedValue w) =>
        new(tape.Append(Op.Multiply, 3.0, false, w, second: 2.0).Handle);

    private sealed class NoLimits : IExecutionLimits
    {
        public void Check(in SourceSpan at) { }
    }
}
