namespace GradScript.Autograd;

using System.Diagnostics;
using System.Runtime.InteropServices;
using GradScript.Diagnostics;
using GradScript.Runtime;

/// <summary>
/// Backward that records itself (PyTorch's <c>create_graph=True</c>): every gradient is computed
/// with recorded operations from the graph's own values, so it is a tracked value that can be
/// differentiated again — Newton's method, Hessian-vector products, <c>grad(grad(f))</c>. The
/// formulas are PyTorch's, as in <see cref="Derivatives"/>, written with recorded operations;
/// masks (relu, max/min, pow's edges) choose between the gradient and a zero by the data, as
/// <c>where</c> does. Dtypes follow libtorch: a gradient has its node's dtype, a contribution to an
/// input of another dtype is converted (a recorded conversion, so float32 stays float32 through
/// every order), and a Python scalar in a formula (the 2 of sqrt's, a constant operand) takes the
/// dtype of the tensor it meets.
/// </summary>
internal sealed class HigherOrder(Interpreter interpreter, SourceSpan at)
{
    /// <summary>∂root/∂n for every node n in root's graph: plain numbers where they are constants.</summary>
    public Dictionary<TrackedValue, Value> Gradients(TrackedValue root)
    {
        var order = interpreter.Backpropagation.InputsFirst(root, interpreter, at);
        // A node's gradient has the node's dtype, so the value alone is kept.
        var gradients = new Dictionary<TrackedValue, Value>(order.Count, ReferenceEqualityComparer.Instance)
        {
            [root] = G.Plain(1.0, root.IsFloat32).Value,
        };
        for (int i = order.Count - 1; i >= 0; i--)
        {
            var node = order[i];
            if (node.A is null || !gradients.TryGetValue(node, out var gradient)) continue;
            var (left, right) = Contributions(node, new G(gradient, node.IsFloat32));
            if (node is TwoInputValue two)
            {
                Accumulate(gradients, node.A, left);
                Accumulate(gradients, two.SecondInput, right);
            }
            else Accumulate(gradients, node.A, node.ConstantOnLeft ? right : left);
        }
        return gradients;
    }

    // The engine's input buffer: the first contribution as it is, later ones added, in the input's dtype.
    private void Accumulate(Dictionary<TrackedValue, Value> gradients, TrackedValue input, G contribution)
    {
        contribution = Convert(contribution, input.IsFloat32);
        ref var sum = ref CollectionsMarshal.GetValueRefOrAddDefault(gradients, input, out bool exists);
        sum = exists ? Add(new G(sum, input.IsFloat32), contribution).Value : contribution.Value;
    }

    // (∂ through the left operand, ∂ through the right one); for one input, the unused side is ignored.
    private (G Left, G Right) Contributions(TrackedValue node, G g)
    {
        var two = node as TwoInputValue;
        var zero = G.Plain(0.0, g.F32);
        if (node.Op is Op.TanhBackward or Op.SigmoidBackward or Op.ThresholdBackward)
            return BackwardOperationContributions(node.Op, g, Tracked(node.A!), Tracked(two!.SecondInput), zero);
        if (node.Op is Op.Add or Op.Subtract or Op.Multiply or Op.Divide or Op.Power or Op.Maximum or Op.Minimum
            || (node.Op == Op.HostFunction && two is not null))
        {
            // x op y, with x or y possibly the node's plain constant (a Python scalar).
            G? x = two is not null || !node.ConstantOnLeft ? Tracked(node.A!) : null;
            G? y = two is not null ? Tracked(two.SecondInput) : node.ConstantOnLeft ? Tracked(node.A!) : null;
            double c = node.Constant;
            double xData = x?.Data ?? c, yData = y?.Data ?? c;
            // Only the sides with a tracked input are computed: the other would record for nothing.
            bool left = x is not null, right = y is not null;
            switch (node.Op)
            {
                case Op.Add: return (g, g);
                case Op.Subtract: return (g, right ? Negate(g) : zero);
                case Op.Multiply: return (left ? (y is { } yy ? Mul(g, yy) : MulScalar(g, c)) : zero, right ? (x is { } xx ? Mul(g, xx) : MulScalar(g, c)) : zero);
                case Op.Divide:
                    if (x is null)
                    {
                        var r = Reciprocal(y!.Value);
                        return (zero, Mul(Negate(MulScalar(g, c)), Mul(r, r)));
                    }
                    if (y is null) return (DivScalar(g, c), zero);
                    return (Div(g, y.Value), Mul(Negate(g), Div(Div(x.Value, y.Value), y.Value)));
                case Op.Power: return PowerContributions(node, g, x, y, zero);
                case Op.Maximum: return (left ? Extreme(g, xData, yData, xData < yData) : zero, right ? Extreme(g, xData, yData, xData > yData) : zero);
                case Op.Minimum: return (left ? Extreme(g, xData, yData, xData > yData) : zero, right ? Extreme(g, xData, yData, xData < yData) : zero);
                case Op.HostFunction: return (g, Mul(g, G.Plain(two!.DB, node.IsFloat32)));
                default: throw new UnreachableException(node.Op.ToString());
            }
        }
        var a = Tracked(node.A!);
        var self = Tracked(node);
        G contribution = node.Op switch
        {
            Op.Negate => Negate(g),
            Op.Abs => Mul(g, Function(Op.Sign, a)),
            Op.Sign => zero,
            Op.Exp => Mul(g, self),
            Op.Log => Div(g, a),
            Op.Sqrt => Div(g, MulScalar(self, 2)),
            Op.Sin => Mul(g, Function(Op.Cos, a)),
            Op.Cos => Mul(g, Negate(Function(Op.Sin, a))),
            Op.Tan => Mul(g, AddScalar(PowScalar(self, 2), 1)),
            Op.Tanh => BackwardOperation(Op.TanhBackward, g, self),
            Op.Sigmoid => BackwardOperation(Op.SigmoidBackward, g, self),
            Op.Relu => BackwardOperation(Op.ThresholdBackward, g, self),
            Op.Where => node.Constant != 0 ? Masked(g) : g,
            Op.HostFunction => Mul(g, G.Plain(node.HostDerivative, node.IsFloat32)),
            Op.Identity => g,
            _ => throw new UnreachableException(node.Op.ToString()),
        };
        return (contribution, contribution);
    }

    // pow_backward, pow_backward_self and pow_backward_exponent; masked sides are zeros of g's dtype.
    private (G, G) PowerContributions(TrackedValue node, G g, G? x, G? y, G zero)
    {
        var self = Tracked(node);
        double c = node.Constant;
        if (y is null)
            return (c == 0 ? G.Plain(0.0, x!.Value.F32) : Mul(g, MulScalar(PowScalar(x!.Value, c - 1), c)), zero);
        if (x is null)
            return (zero, Mul(g, Where(c == 0 && y.Value.Data >= 0, MulScalar(self, Math.Log(c)))));
        var (xv, yv) = (x.Value, y.Value);
        var dx = Where(yv.Data == 0, Mul(g, Mul(yv, Pow(xv, SubScalar(yv, 1)))));
        var dy = Mul(g, Where(xv.Data == 0 && yv.Data >= 0, Mul(self, Function(Op.Log, Convert(xv, node.IsFloat32)))));
        return (dx, dy);
    }

    // where(mask, 0, x): x is computed and recorded even where masked, as PyTorch does, so the
    // zeros the mask sends back reach x's graph (0 · log 0 there is NaN in PyTorch too).
    private G Where(bool masked, G x) => masked ? Masked(x) : x;

    private G Extreme(G g, double x, double y, bool notChosen) =>
        notChosen ? Masked(g) : x == y ? DivScalar(g, 2) : g;

    // masked_fill_(mask, 0) of a gradient: a recorded gradient stays recorded (its graph gets the
    // mask's zeros back, as PyTorch's does).
    private G Masked(G g) => g.IsTracked ? Record(Differentiable.Where(g.Value.AsTracked, masked: true)) : G.Plain(0.0, g.F32);

    // tanh_backward, sigmoid_backward, threshold_backward of g and a result y: recorded when y is,
    // as in PyTorch (the gradient, a tensor that needs no gradient of its own, becomes a leaf).
    private G BackwardOperation(Op op, G g, G y) =>
        Record(Differentiable.BackwardOperation(op, AsTracked(g), AsTracked(y)));

    // Their own derivatives (derivatives.yaml): with respect to the gradient x, the same operation;
    // with respect to y, -2·y·x·g for tanh, g·x·(1 - 2y) for sigmoid, 0 for threshold.
    private (G, G) BackwardOperationContributions(Op op, G g, G x, G y, G zero) => op switch
    {
        Op.TanhBackward => (BackwardOperation(op, g, y), Mul(g, Mul(MulScalar(y, -2), x))),
        Op.SigmoidBackward => (BackwardOperation(op, g, y), Mul(Mul(g, x), AddScalar(MulScalar(y, -2), 1))),
        Op.ThresholdBackward => (BackwardOperation(op, g, y), zero),
        _ => throw new UnreachableException(op.ToString()),
    };

    // A plain tensor as an operand of a recorded operation: a leaf nothing asks the gradient of.
    private static TrackedValue AsTracked(G x) => x.IsTracked ? x.Value.AsTracked : new TrackedValue(x.Data, x.F32);

    /// <summary>A gradient term: a plain number with a dtype, or a recorded value.</summary>
    private readonly record struct G(Value Value, bool F32)
    {
        public static G Plain(double x, bool f32) => new(Value.Float(f32 ? (float)x : x), f32);

        public bool IsTracked => Value.IsTracked;

        public double Data => Value.IsTracked ? Value.AsTracked.Data : Value.AsFloat;
    }

    private static G Tracked(TrackedValue t) => new(Value.Object(t), t.IsFloat32);

    private G Record(TrackedValue node) => new(Value.Object(interpreter.Record(node, at)), node.IsFloat32);

    // A conversion to another dtype: for a tracked value a recorded identity of the new dtype, whose
    // backward converts the gradient back (PyTorch's ToCopyBackward).
    private G Convert(G x, bool f32)
    {
        if (x.F32 == f32) return x;
        if (!x.IsTracked) return G.Plain(x.Data, f32);
        var t = x.Value.AsTracked;
        return Record(new TrackedValue(Op.Identity, f32 ? (float)t.Data : t.Data, f32, t));
    }

    // Two tensors: promoted to float64 unless both are float32. A plain one beside a recorded one
    // is a tensor, not a Python scalar (c / x would be x.reciprocal() * c): it becomes a leaf.
    private G Binary(Op op, G x, G y)
    {
        if (!x.IsTracked && !y.IsTracked)
        {
            bool f32 = x.F32 && y.F32;
            return G.Plain(f32 ? PlainBinary(op, (float)x.Data, (float)y.Data) : PlainBinary(op, x.Data, y.Data), f32);
        }
        var (tx, ty) = (AsTracked(x), AsTracked(y));
        return Record(Differentiable.Binary(op, tx, tx.Data, ty, ty.Data));
    }

    // A tensor and a Python scalar: the scalar takes the tensor's dtype (x ^ c keeps c in double).
    private G WithScalar(Op op, G x, double c, bool scalarOnLeft = false)
    {
        if (!x.IsTracked)
        {
            double left = scalarOnLeft ? c : x.Data, right = scalarOnLeft ? x.Data : c;
            return G.Plain(x.F32 ? PlainBinary(op, (float)left, (float)right, scalarOnLeft ? 0 : c) : PlainBinary(op, left, right, scalarOnLeft ? 0 : c), x.F32);
        }
        var t = x.Value.AsTracked;
        return Record(scalarOnLeft ? Differentiable.Binary(op, null, c, t, t.Data) : Differentiable.Binary(op, t, t.Data, null, c));
    }

    private static T PlainBinary<T>(Op op, T x, T y, double exponent = 0) where T : System.Numerics.IFloatingPointIeee754<T> => op switch
    {
        Op.Add => x + y,
        Op.Subtract => x - y,
        Op.Multiply => x * y,
        Op.Divide => x / y,
        Op.Power => exponent != 0 ? Differentiable.PowerByScalar(x, exponent) : T.Pow(x, y),
        _ => throw new UnreachableException(op.ToString()),
    };

    private G Add(G x, G y) => Binary(Op.Add, x, y);

    private G Sub(G x, G y) => Binary(Op.Subtract, x, y);

    private G Mul(G x, G y) => Binary(Op.Multiply, x, y);

    private G Div(G x, G y) => Binary(Op.Divide, x, y);

    private G Pow(G x, G y) => Binary(Op.Power, x, y);

    private G MulScalar(G x, double c) => WithScalar(Op.Multiply, x, c);

    private G DivScalar(G x, double c) => WithScalar(Op.Divide, x, c);

    private G AddScalar(G x, double c) => WithScalar(Op.Add, x, c);

    private G SubScalar(G x, double c) => WithScalar(Op.Subtract, x, c);

    private G PowScalar(G x, double c) => x.IsTracked ? WithScalar(Op.Power, x, c) : G.Plain(x.F32 ? Differentiable.PowerByScalar((float)x.Data, c) : Differentiable.PowerByScalar(x.Data, c), x.F32);

    // x.reciprocal(), recorded as 1 / x (whose value and gradient are the reciprocal's).
    private G Reciprocal(G x) => WithScalar(Op.Divide, x, 1.0, scalarOnLeft: true);

    private G Negate(G x) => x.IsTracked
        ? Record(Differentiable.Unary(Op.Negate, x.Value.AsTracked))
        : G.Plain(-x.Data, x.F32);

    private G Function(Op op, G x) => x.IsTracked
        ? Record(Differentiable.Unary(op, x.Value.AsTracked))
        : G.Plain(x.F32 ? Differentiable.Apply(op, (float)x.Data) : Differentiable.Apply(op, x.Data), x.F32);
}
