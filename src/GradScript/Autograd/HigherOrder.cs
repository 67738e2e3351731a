namespace GradScript.Autograd;

using GradScript.Ast;
using GradScript.Diagnostics;
using GradScript.Runtime;

/// <summary>
/// Backward that records itself (PyTorch's <c>create_graph=True</c>): every gradient is computed
/// with recorded operations from the graph's own values, so it is a tracked value that can be
/// differentiated again — Newton's method, Hessian-vector products, <c>grad(grad(f))</c>. Each
/// node's local derivatives are rebuilt as expressions of its inputs (∂(a·b)/∂a is b itself, not
/// b's number); where a derivative is piecewise constant (relu, abs, min, max) or given by the
/// host as a number, it is a constant, so its own derivative is 0.
/// </summary>
internal sealed class HigherOrder(Interpreter interpreter, SourceSpan at)
{
    /// <summary>∂root/∂n for every node n in root's graph: plain numbers where they are constants.</summary>
    public Dictionary<TrackedValue, Value> Gradients(TrackedValue root)
    {
        var order = interpreter.Backpropagation.InputsFirst(root, interpreter, at);
        var gradients = new Dictionary<TrackedValue, Value>(order.Count, ReferenceEqualityComparer.Instance)
        {
            [root] = Value.Float(1.0),
        };
        for (int i = order.Count - 1; i >= 0; i--)
        {
            var node = order[i];
            if (!gradients.TryGetValue(node, out var g)) continue;
            if (node.A is { } a) Accumulate(gradients, a, Times(g, LocalDerivative(node, first: true)));
            if (node is TwoInputValue two) Accumulate(gradients, two.SecondInput, Times(g, LocalDerivative(node, first: false)));
        }
        return gradients;
    }

    private void Accumulate(Dictionary<TrackedValue, Value> gradients, TrackedValue input, Value contribution) =>
        gradients[input] = gradients.TryGetValue(input, out var sum) ? Arithmetic(BinaryOp.Add, sum, contribution) : contribution;

    // ∂node/∂(its first or second input), as a value of the inputs.
    private Value LocalDerivative(TrackedValue node, bool first)
    {
        var self = Value.Object(node);
        var a = Value.Object(node.A!);
        var two = node as TwoInputValue;
        // The other operand of a binary operator: the second input, or the plain constant.
        var other = two is not null ? Value.Object(first ? two.SecondInput : node.A!) : Value.Float(node.Constant);
        var constant = Value.Float(first ? node.DA : two!.DB);
        switch (node.Op)
        {
            case Op.Multiply:
                return two is null ? constant : other;
            case Op.Divide:
                if (two is null) return node.ConstantOnLeft ? Negate(Arithmetic(BinaryOp.Divide, self, a)) : constant; // c/a, a/c
                return first
                    ? Arithmetic(BinaryOp.Divide, Value.Float(1.0), other)                               // 1/b
                    : Negate(Arithmetic(BinaryOp.Divide, other, Arithmetic(BinaryOp.Multiply, Value.Object(two.SecondInput), Value.Object(two.SecondInput)))); // -a/b²
            case Op.Power:
                if (two is null)
                    return node.ConstantOnLeft ? PowerByExponent(self, node.Constant) : PowerByBase(a, node.Constant);
                return first ? PowerByBase(a, Value.Object(two.SecondInput)) : PowerByExponent(self, a);
            case Op.Exp: return self;
            case Op.Log: return Arithmetic(BinaryOp.Divide, Value.Float(1.0), a);
            case Op.Sqrt: return Arithmetic(BinaryOp.Divide, Value.Float(0.5), self);
            case Op.Sin: return Function(Op.Cos, a);
            case Op.Cos: return Negate(Function(Op.Sin, a));
            case Op.Tan: return Arithmetic(BinaryOp.Add, Value.Float(1.0), Arithmetic(BinaryOp.Multiply, self, self));
            case Op.Tanh: return Arithmetic(BinaryOp.Subtract, Value.Float(1.0), Arithmetic(BinaryOp.Multiply, self, self));
            case Op.Sigmoid: return Arithmetic(BinaryOp.Multiply, self, Arithmetic(BinaryOp.Subtract, Value.Float(1.0), self));
            default:
                // + - neg: ±1; relu, abs, min, max: piecewise constant; host functions and
                // arguments: as recorded.
                return constant;
        }
    }

    // ∂(x^y)/∂x = y·x^(y−1), 0 when y = 0 (as the forward pass says).
    private Value PowerByBase(Value x, Value y)
    {
        if (!y.IsTracked && y.AsFloat == 0) return Value.Float(0.0);
        return Arithmetic(BinaryOp.Multiply, y, Arithmetic(BinaryOp.Power, x, Arithmetic(BinaryOp.Subtract, y, Value.Float(1.0))));
    }

    private Value PowerByBase(Value x, double y) => PowerByBase(x, Value.Float(y));

    // ∂(x^y)/∂y = x^y·ln x, 0 where x = 0 and y ≥ 0; `power` is x^y itself.
    private Value PowerByExponent(Value power, Value x) =>
        !x.IsTracked ? PowerByExponent(power, x.AsFloat) : Arithmetic(BinaryOp.Multiply, power, Function(Op.Log, x.AsTracked));

    private Value PowerByExponent(Value power, double x) =>
        x == 0 ? Value.Float(0.0) : Arithmetic(BinaryOp.Multiply, power, Value.Float(Math.Log(x)));

    private Value Function(Op op, Value x) => Function(op, x.AsTracked);

    private Value Function(Op op, TrackedValue x) => Value.Object(interpreter.Record(Differentiable.Unary(op, x), at));

    private Value Negate(Value x) => Operators.Negate(x, interpreter, at);

    // A plain 1 times anything is that thing: the common first step from the root costs no node.
    private Value Times(Value gradient, Value local) =>
        gradient.IsFloat && gradient.AsFloat == 1.0 ? local : Arithmetic(BinaryOp.Multiply, gradient, local);

    private Value Arithmetic(BinaryOp op, Value x, Value y) => Operators.Arithmetic(op, x, y, interpreter, at);
}
