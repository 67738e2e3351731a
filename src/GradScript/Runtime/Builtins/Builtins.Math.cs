namespace GradScript.Runtime;

using GradScript.Ast;
using GradScript.Autograd;
using GradScript.Diagnostics;

// Math: differentiable on tracked values (recorded unless in no_grad), plain on numbers.
internal static partial class Builtins
{
    private static IEnumerable<NativeFunction> MathFunctions() =>
    [
        new("abs", Abs) { Records = Op.Abs },
        Unary("exp", Op.Exp), Unary("log", Op.Log), Unary("sqrt", Op.Sqrt),
        Unary("sin", Op.Sin), Unary("cos", Op.Cos), Unary("tan", Op.Tan),
        Unary("tanh", Op.Tanh), Unary("sigmoid", Op.Sigmoid), Unary("relu", Op.Relu),
        new("pow", (i, in a) =>
        {
            Arity(a, "pow", 2);
            return Operators.Arithmetic(BinaryOp.Power, a[0], a[1], i, a.CallSite);
        }) { Records = Op.Power },
        new("min", (i, in a) => Extreme(i, a, "min", BinaryOp.Less)) { Records = Op.Minimum },
        new("max", (i, in a) => Extreme(i, a, "max", BinaryOp.Greater)) { Records = Op.Maximum },
        new("sum", Sum),
        new("mean", Mean),
        new("floor", (_, in a) => Rounding(a, "floor", Math.Floor)),
        new("ceil", (_, in a) => Rounding(a, "ceil", Math.Ceiling)),
        new("round", Round),
    ];

    private static NativeFunction Unary(string name, Op op)
    {
        // Recorded, or inside no_grad the plain number: the builtin's direct entry for a tracked argument.
        Value OfTracked(Interpreter interpreter, TrackedValue t, in SourceSpan at) =>
            interpreter.Autograd.Unary(op, t, at) is { } node ? Value.Object(node) : Value.Float(Differentiable.Apply(op, t.Data));

        return new(name, (interpreter, in args) =>
        {
            Arity(args, name, 1);
            var v = args[0];
            return v.IsTracked ? OfTracked(interpreter, v.AsTracked, args.CallSite) : Value.Float(Differentiable.Apply(op, Number(v, name)));
        }) { Records = op, OnTracked = OfTracked };
    }

    private static Value Abs(Interpreter interpreter, in Arguments args)
    {
        Arity(args, "abs", 1);
        var v = args[0];
        if (v.IsInt || v.IsBool)
        {
            if (v.AsInt == long.MinValue) throw new RuntimeError("integer overflow in abs()");
            return Value.Int(Math.Abs(v.AsInt));
        }
        if (v.IsTracked)
        {
            var t = v.AsTracked;
            return interpreter.Autograd.Unary(Op.Abs, t, args.CallSite) is { } node ? Value.Object(node) : Value.Float(Math.Abs(t.Data));
        }
        return Value.Float(Math.Abs(Number(v, "abs")));
    }

    // Without tracked operands, min and max return the chosen item itself, as Python does. With a
    // tracked operand they record the choice pairwise, as torch.minimum/maximum do, so every input
    // is in the graph and the ones not chosen get a gradient of 0.
    private static Value Extreme(Interpreter interpreter, in Arguments args, string name, BinaryOp better)
    {
        Arity(args, name, 1, int.MaxValue);
        var site = args.CallSite;
        if (args.Count == 1 && args[0].Reference is RangeValue range)
        {
            // A range is ordered: its extremes are its ends.
            if (range.Length == 0) throw new RuntimeError($"{name}() of an empty sequence");
            bool first = (better == BinaryOp.Greater) == (range.Step < 0);
            return Value.Int(first ? range[0] : range[range.Length - 1]);
        }
        IEnumerable<Value> items = args.Count == 1 ? Iteration.Each(args[0]) : args.Positional.ToArray();
        var op = better == BinaryOp.Greater ? Op.Maximum : Op.Minimum;
        Value best = default;
        long i = 0;
        foreach (var item in items)
        {
            if (i++ == 0) { best = item; continue; }
            // Inside no_grad the choice is Python's, by comparison, and may return a tracked item itself.
            if ((best.IsTracked || item.IsTracked) && interpreter.Autograd.IsRecording)
            {
                best = Value.Object(interpreter.Autograd.Binary(op, best.IsTracked ? best.AsTracked : null, Number(best, name),
                    item.IsTracked ? item.AsTracked : null, Number(item, name), site)!);
            }
            else if (Comparisons.Compare(better, item, best, site))
            {
                best = item;
            }
            if ((i & 0xFFFF) == 0) interpreter.Limits.CheckLimits(site);
        }
        if (i == 0) throw new RuntimeError($"{name}() of an empty sequence");
        return best;
    }

    private static Value Sum(Interpreter interpreter, in Arguments args)
    {
        Arity(args, "sum", 1);
        var site = args.CallSite;
        if (args[0].Reference is RangeValue range)
        {
            // A range is summed without materialising it, checking the limits as it goes, so a
            // timeout stops sum(0..10^12).
            long total = 0, length = range.Length;
            try
            {
                for (long i = 0; i < length; i++)
                {
                    total = checked(total + range[i]);
                    if ((i & 0xFFFF) == 0) interpreter.Limits.CheckLimits(site);
                }
            }
            catch (OverflowException) { throw new RuntimeError("integer overflow in sum()"); }
            return Value.Int(total);
        }
        var sum = Value.Int(0);
        long count = 0;
        foreach (var item in Iteration.Each(args[0]))
        {
            sum = Operators.Arithmetic(BinaryOp.Add, sum, item, interpreter, site);
            if ((++count & 0xFFFF) == 0) interpreter.Limits.CheckLimits(site);
        }
        return sum;
    }

    private static Value Mean(Interpreter interpreter, in Arguments args)
    {
        Arity(args, "mean", 1);
        long count = args[0].Reference switch
        {
            RangeValue r => r.Length,
            ListValue l => l.Count,
            _ => throw new RuntimeError($"mean() expects a list or range, got {args[0].TypeName}"),
        };
        if (count == 0) throw new RuntimeError("mean() of an empty sequence");
        var total = Sum(interpreter, args);
        return Operators.Arithmetic(BinaryOp.Divide, total, Value.Int(count), interpreter, args.CallSite);
    }

    private static Value Rounding(in Arguments args, string name, Func<double, double> round)
    {
        Arity(args, name, 1);
        if (args[0].IsInt) return args[0];
        return Value.Int(Truncate(round(Number(args[0], name)), name));
    }

    // Python's round: halves to even. With a digit count an int stays an int and a float is rounded
    // as its exact binary value is (round(2.675, 2) is 2.67), both by PythonNumbers.
    private static Value Round(Interpreter interpreter, in Arguments args)
    {
        Arity(args, "round", 1, 2);
        bool isInt = args[0].IsInt || args[0].IsBool;
        if (args.Count == 1 || args[1].IsNone)
        {
            if (isInt) return Value.Int(args[0].AsInt);
            return Value.Int(Truncate(Math.Round(Number(args[0], "round"), MidpointRounding.ToEven), "round"));
        }
        long digits = Integer(args[1], "round");
        if (isInt)
            return Value.Int(PythonNumbers.RoundInt(args[0].AsInt, digits) ?? throw new RuntimeError("integer overflow: the result does not fit in 64 bits"));
        double x = Number(args[0], "round");
        return Value.Float(PythonNumbers.RoundFloat(x, digits) ?? throw new RuntimeError("round(): rounded value too large to represent"));
    }
}
