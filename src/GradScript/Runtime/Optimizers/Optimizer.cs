namespace GradScript.Runtime.Optimizers;

using GradScript.Autograd;

/// <summary>
/// An optimizer (<c>sgd</c>, <c>adam</c>): a fixed list of leaves and the state of one update rule.
/// <see cref="Step"/> reads each leaf's gradient and changes its data in place, unrecorded, as a
/// compound assignment on a leaf does (docs/language.md §7), so every reference to the leaf sees the
/// new value. The rules are PyTorch's <c>torch.optim</c> ones, term for term and in the same order.
/// </summary>
/// <remarks>
/// Each rule computes in its leaf's own precision, as PyTorch computes with a tensor of the
/// parameter's dtype: a float32 leaf's update and state are float32 (see <see cref="Adam"/> and
/// <see cref="Sgd"/>), and <see cref="Store"/> keeps its data an exact float32.
/// A leaf whose gradient is none (no backward has reached it, or <c>opt.zero_grad()</c> or
/// <c>w.grad = none</c> forgot it) is skipped, as PyTorch skips a parameter whose <c>.grad</c> is
/// None; a gradient set to 0 (<c>zero_grad(opt)</c>) is a gradient, and the leaf is updated.
/// </remarks>
internal abstract class Optimizer(string name, TrackedValue[] parameters) : IScriptObject
{
    /// <summary>The leaves this optimizer updates, each once, in the order they were given.</summary>
    protected TrackedValue[] Parameters { get; } = parameters;

    /// <summary>The builtin that made it: <c>sgd</c> or <c>adam</c>.</summary>
    public string Name { get; } = name;

    /// <summary>How many leaves it updates.</summary>
    public int Count => Parameters.Length;

    /// <inheritdoc/>
    public string TypeName => "optimizer";

    /// <summary>Applies one update to every leaf from its current gradient.</summary>
    public abstract void Step();

    /// <summary>Marks the parameters changed in place after a step.</summary>
    public void MarkChanged(Interpreter interpreter)
    {
        foreach (var p in Parameters) interpreter.Autograd.ChangedInPlace(p);
    }

    /// <summary>
    /// Sets every leaf's gradient to 0 (or, <paramref name="toNone"/>, to none), and forgets any
    /// tracked gradient a <c>create_graph</c> backward left.
    /// </summary>
    public void ZeroGrad(Interpreter interpreter, bool toNone = false)
    {
        foreach (var p in Parameters)
        {
            p.Grad = 0;
            if (toNone) p.HasGrad = false;
            interpreter.Autograd.SetTrackedGradient(p, null);
        }
    }

    /// <summary>Gives a leaf its updated data; a float32 leaf keeps an exact float32 value.</summary>
    protected static void Store(TrackedValue leaf, double data) => leaf.Data = leaf.IsFloat32 ? (float)data : data;

    /// <summary>How the value prints: <c>&lt;adam optimizer, 3 parameters&gt;</c>.</summary>
    public override string ToString() => $"<{Name} optimizer, {Count} parameter{(Count == 1 ? "" : "s")}>";
}
