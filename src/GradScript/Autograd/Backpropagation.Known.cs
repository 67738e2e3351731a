namespace GradScript.Autograd;

// A backward pass whose sweep its caller makes: the compiled tier's backward of an expression it
// has just recorded, whose graph it knows (its nodes in creation order, every other input a leaf).
// Such a graph needs no queue of blocks and no walk over the tape's ranges: the caller visits its
// nodes newest first and passes each contribution on with Contribute, as Sweep does.
internal sealed partial class Backpropagation
{
    /// <summary>
    /// Begins such a pass at <paramref name="root"/> (its gradient 1) and gives its number for
    /// <see cref="Contribute"/>. The caller answers for what makes it <c>Run(root, accumulate: false)</c>:
    /// anomaly detection off, no tracked gradients left by a <c>create_graph</c> backward, every node
    /// float64 and no sgn among them (so no efficient zero), every input outside its nodes a leaf
    /// recorded before them (so no param changed in place since), and a graph far smaller than
    /// <see cref="CheckInterval"/> (so the sweep would not have looked at the limits either).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public int BeginKnownPass(TrackedValue root)
    {
        KnownPasses++;
        int pass = ++_pass;
        // Nothing is kept for afterwards: no accumulate, no tracked gradients to forget.
        _keep = false;
        Contribute(root, 1.0, pass);
        return pass;
    }

    /// <summary>Passes swept by their callers (for tests and the design's figures).</summary>
    internal long KnownPasses { get; private set; }

    /// <summary>
    /// Adds a contribution to a node's gradient in pass <paramref name="pass"/> as the sweep does
    /// (<see cref="Arrive"/>): the first is taken as it is and marks the node reached (and its
    /// gradient set, <see cref="NodeFlags.HasGrad"/>), later ones are added.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Contribute(TrackedValue t, double contribution, int pass) => Arrive(t.Block, t.Index, contribution, pass, NodeFlags.HasGrad);
}


// A backward pass whose nodes are not on the tape yet: the compiled tier's fused training step
// (Runtime/Tier/FusedStep.cs) computes a step's gradients in doubles, passes each leaf's
// contribution on with Contribute, and writes the step's nodes only when a script can see them,
// giving each the gradient and mark the pass gave it then (Restore).
internal sealed partial class Backpropagation
{
    /// <summary>
    /// Begins a pass whose root has no node yet (its gradient 1 is kept by the caller) and gives its
    /// number, under the same conditions as <see cref="BeginKnownPass"/>.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public int BeginUnrecordedPass()
    {
        KnownPasses++;
        _keep = false;
        return ++_pass;
    }

    /// <summary>
    /// Gives a node written after its pass <paramref name="pass"/> (which reached it first, with
    /// <paramref name="gradient"/>) what that pass's <see cref="Contribute"/> would have left on it.
    /// </summary>
    public void Restore(TrackedValue t, double gradient, int pass)
    {
        _keep = false;
        Arrive(t.Block, t.Index, gradient, pass, NodeFlags.HasGrad);
    }
}
