namespace GradScript.Autograd;

using System.Diagnostics;
using System.Runtime.InteropServices;
using GradScript.Autograd.Operations;
using GradScript.Diagnostics;

/// <summary>
/// Backward that records itself (PyTorch's <c>create_graph=True</c>): every gradient is computed
/// with recorded operations from the graph's own values, so it is a tracked value that can be
/// differentiated again — Newton's method, Hessian-vector products, <c>grad(grad(f))</c>. Each
/// family's recorded derivative (<c>Autograd/Operations/</c>, beside its first derivative) is
/// PyTorch's formula written with the recorded arithmetic here (<see cref="Mul"/>, <see cref="Where"/>, …);
/// masks (relu, max/min, pow's edges) choose between the gradient and a zero by the data, as
/// <c>where</c> does. Dtypes follow libtorch: a gradient has its node's dtype, a contribution to an
/// input of another dtype is converted (a recorded conversion, so float32 stays float32 through
/// every order), and a Python scalar in a formula (the 2 of sqrt's, a constant operand) takes the
/// dtype of the tensor it meets.
/// </summary>
internal sealed class HigherOrder(AutogradState autograd, SourceSpan at)
{
    /// <summary>∂root/∂n for every node n in root's graph: plain numbers where they are constants.</summary>
    public Dictionary<TrackedValue, Term> Gradients(TrackedValue root)
    {
        var order = autograd.Backpropagation.InputsFirst(root, autograd, at);
        var gradients = new Dictionary<TrackedValue, Term>(order.Count)
        {
            [root] = Term.Plain(1.0, root.IsFloat32),
        };
        for (int i = order.Count - 1; i >= 0; i--)
        {
            var node = order[i];
            if (node.A is not { } a || !gradients.TryGetValue(node, out var gradient)) continue;
            var (left, right) = Contributions(node, gradient);
            if (node.B is { } b)
            {
                Accumulate(gradients, a, left);
                Accumulate(gradients, b, right);
            }
            else Accumulate(gradients, a, node.ConstantOnLeft ? right : left);
        }
        return gradients;
    }

    // The engine's input buffer: the first contribution as it is, later ones added, in the input's dtype.
    private void Accumulate(Dictionary<TrackedValue, Term> gradients, TrackedValue input, Term contribution)
    {
        contribution = Convert(contribution, input.IsFloat32);
        ref var sum = ref CollectionsMarshal.GetValueRefOrAddDefault(gradients, input, out bool exists);
        sum = exists ? Add(sum, contribution) : contribution;
    }

    // (∂ through the left operand, ∂ through the right one); for one input, the unused side is ignored.
    // The order a node's formulas are recorded in is libtorch's generated code's: by the input's
    // name (derivatives.yaml sorted), so `other` before `self` (mul, div, sub, maximum, where) and
    // `exponent` before `self` (pow), but `grad_output` before `output` (tanh_backward and the like);
    // the next backward adds the gradients meeting at a node in the order their nodes were recorded.
    private (Term Left, Term Right) Contributions(TrackedValue node, Term g)
    {
        var a = node.A!.Value;
        var second = node.B;
        var zero = Term.Plain(0.0, g.F32);
        var family = Ops.Family(node.Op);
        if (family == OpFamily.ActivationBackward)
            return Activations.BackwardRecorded(this, node.Op, g, Tracked(a), Tracked(second!.Value), zero);
        if (family == OpFamily.Host && second is not null) return Host.RecordedOfTwo(this, node, g);
        if (family == OpFamily.PassThrough && second is not null) return PassThrough.RecordedOfTwo(this, node, g);
        if (Ops.TakesConstant(family))
        {
            // x op y, with x or y possibly the node's plain constant (a Python scalar). Only the
            // sides with a tracked input are computed: the other would record for nothing.
            Term? x = second is not null || !node.ConstantOnLeft ? Tracked(a) : null;
            Term? y = second is { } b ? Tracked(b) : node.ConstantOnLeft ? Tracked(a) : null;
            return family switch
            {
                OpFamily.Arithmetic => Arithmetic.Recorded(this, node.Op, g, x, y, node.Constant, Tracked(node), zero),
                OpFamily.Power => Power.Recorded(this, node, g, x, y, zero),
                OpFamily.Extremes => Extremes.Recorded(this, node.Op, g, x, y, node.Constant, zero),
                _ => throw new UnreachableException(node.Op.ToString()),
            };
        }
        Term contribution = family switch
        {
            OpFamily.Elementary => Elementary.Recorded(this, node.Op, g, Tracked(a), Tracked(node)),
            OpFamily.Activation => Activations.Recorded(this, node.Op, g, Tracked(node)),
            OpFamily.Host => Host.Recorded(this, node, g),
            OpFamily.PassThrough => PassThrough.Recorded(this, node, g),
            _ => throw new UnreachableException($"{node.Op} has not one input"),
        };
        return (contribution, contribution);
    }

    // The recorded arithmetic the families' recorded derivatives are written with. Each takes and
    // gives terms: a plain operand stays plain (computed in its dtype), a tracked one is recorded.

    /// <summary>
    /// where(mask, 0, x), and masked_fill(mask, 0) of a gradient: a recorded x goes through a
    /// recorded where, masked or not, as libtorch records one (its derivative is where(mask, 0, g),
    /// a real zero where masked, and an efficient zero becomes a real one there); x is computed
    /// and recorded even where masked, so the mask's zeros reach x's graph (0 · log 0 there is NaN
    /// in PyTorch too).
    /// </summary>
    internal Term Where(bool masked, Term x) => Materialized(x) is { Tracked: { } t }
        ? Record(PassThrough.Where(autograd.Tape, t, masked))
        : masked ? Term.Plain(0.0, x.F32) : Materialized(x);

    /// <summary>
    /// where(takeX, x, y): a choice between two recorded values is a recorded choice; between
    /// plain ones, a plain number. An efficient zero among them becomes a real one.
    /// </summary>
    internal Term Select(bool takeX, Term x, Term y)
    {
        (x, y) = (Materialized(x), Materialized(y));
        bool f32 = x.F32 && y.F32;
        if (!x.IsTracked && !y.IsTracked) return Term.Plain(takeX ? x.Data : y.Data, f32);
        return Record(PassThrough.Select(autograd.Tape, AsTracked(x), AsTracked(y), takeX));
    }

    /// <summary>
    /// tanh_backward, sigmoid_backward, threshold_backward of g and a result y: recorded when y is,
    /// as in PyTorch (the gradient, a tensor that needs no gradient of its own, becomes a leaf).
    /// </summary>
    internal Term BackwardOperation(Op op, Term g, Term y) =>
        Record(Differentiable.BackwardOperation(autograd.Tape, op, AsTracked(g), AsTracked(y)));

    // A plain tensor as an operand of a recorded operation: a leaf nothing asks the gradient of.
    private static TrackedValue AsTracked(Term x) => x.Tracked ?? TrackedValue.Leaf(x.Data, x.F32);

    // An efficient zero as libtorch's fallback hands it to an operation without a kernel for it: +0.0.
    private static Term Materialized(Term x) => x.IsEfficientZero ? Term.Plain(0.0, x.F32) : x;

    /// <summary>A node as a term.</summary>
    internal static Term Tracked(TrackedValue t) => new(t, t.Data, t.IsFloat32);

    private Term Record(TrackedValue node) => Tracked(autograd.Record(node, at));

    // A conversion to another dtype: for a tracked value a recorded identity of the new dtype, whose
    // backward converts the gradient back (PyTorch's ToCopyBackward).
    internal Term Convert(Term x, bool f32)
    {
        if (x.F32 == f32) return x;
        if (!x.IsTracked) return Term.Plain(x.Data, f32); // an efficient zero too: its copy is a real zero
        return Record(PassThrough.Identity(autograd.Tape, x.Tracked!.Value, f32));
    }

    // Two tensors: promoted to float64 unless both are float32. A plain one beside a recorded one
    // is a tensor, not a Python scalar (c / x would be x.reciprocal() * c): it becomes a leaf.
    private Term Binary(Op op, Term x, Term y)
    {
        if (x.IsEfficientZero || y.IsEfficientZero)
        {
            // libtorch's kernels for an efficient zero: add gives the other operand, mul and div (of
            // it by a tensor) give it again; every other operation sees a real +0.0.
            switch (op)
            {
                case Op.Add: return x.IsEfficientZero ? Convert(y, x.F32 && y.F32) : Convert(x, x.F32 && y.F32);
                case Op.Multiply: return Term.EfficientZero(x.F32 && y.F32);
                case Op.Divide when !y.IsEfficientZero: return Term.EfficientZero(x.F32 && y.F32);
            }
            (x, y) = (Materialized(x), Materialized(y));
        }
        if (!x.IsTracked && !y.IsTracked)
        {
            bool f32 = x.F32 && y.F32;
            return Term.Plain(f32 ? PlainBinary(op, (float)x.Data, (float)y.Data) : PlainBinary(op, x.Data, y.Data), f32);
        }
        var (tx, ty) = (AsTracked(x), AsTracked(y));
        return Record(Differentiable.Binary(autograd.Tape, op, tx, tx.Data, ty, ty.Data));
    }

    // A tensor and a Python scalar: the scalar takes the tensor's dtype (x ^ c keeps c in double).
    private Term WithScalar(Op op, Term x, double c)
    {
        if (x.IsEfficientZero && op == Op.Multiply) return x;
        x = Materialized(x);
        if (!x.IsTracked)
            return Term.Plain(x.F32 ? PlainBinary(op, (float)x.Data, (float)c, c) : PlainBinary(op, x.Data, c, c), x.F32);
        var t = x.Tracked!.Value;
        return Record(Differentiable.Binary(autograd.Tape, op, t, t.Data, null, c));
    }

    private static T PlainBinary<T>(Op op, T x, T y, double exponent = 0) where T : System.Numerics.IFloatingPointIeee754<T> => op switch
    {
        Op.Add => x + y,
        Op.Subtract => x - y,
        Op.Multiply => x * y,
        Op.Divide => x / y,
        Op.Power => exponent != 0 ? Power.ByScalar(x, exponent) : T.Pow(x, y),
        _ => throw new UnreachableException(op.ToString()),
    };

    internal Term Add(Term x, Term y) => Binary(Op.Add, x, y);

    internal Term Sub(Term x, Term y) => Binary(Op.Subtract, x, y);

    internal Term Mul(Term x, Term y) => Binary(Op.Multiply, x, y);

    internal Term Div(Term x, Term y) => Binary(Op.Divide, x, y);

    internal Term Pow(Term x, Term y) => Binary(Op.Power, x, y);

    internal Term MulScalar(Term x, double c) => WithScalar(Op.Multiply, x, c);

    internal Term DivScalar(Term x, double c) => WithScalar(Op.Divide, x, c);

    internal Term AddScalar(Term x, double c) => WithScalar(Op.Add, x, c);

    internal Term SubScalar(Term x, double c) => WithScalar(Op.Subtract, x, c);

    internal Term PowScalar(Term x, double c) => (x = Materialized(x)).IsTracked ? WithScalar(Op.Power, x, c) : Term.Plain(x.F32 ? Power.ByScalar((float)x.Data, c) : Power.ByScalar(x.Data, c), x.F32);

    internal Term Negate(Term x) => (x = Materialized(x)).IsTracked
        ? Record(Differentiable.Unary(autograd.Tape, Op.Negate, x.Tracked!.Value))
        : Term.Plain(-x.Data, x.F32);

    internal Term Function(Op op, Term x) => (x = Materialized(x)).IsTracked
        ? Record(Differentiable.Unary(autograd.Tape, op, x.Tracked!.Value))
        : Term.Plain(x.F32 ? Differentiable.Apply(op, (float)x.Data) : Differentiable.Apply(op, x.Data), x.F32);
}
