namespace GradScript.Tests.Autograd;

using System.Diagnostics;
using System.Globalization;
using GradScript.Autograd;
using GradScript.Autograd.Operations;
using GradScript.Diagnostics;

/// <summary>
/// Every operation a node can record (<see cref="Op"/>, walked with <c>Enum.GetValues</c>) has
/// its derivatives: the first from backward (the family's local derivative) and from a recorded
/// backward (its symbolic derivative), the second from a recorded backward differentiated again,
/// each against central differences of the operation's own value, in double. An operation added
/// to a family without its derivatives throws here; one in a new family makes <see cref="Apply"/> throw.
/// </summary>
public class OperationDerivativeTests
{
    /// <summary>First derivatives: step and tolerance |a − n| ≤ atol + rtol·|n| (rounding ~1e-10 at this step).</summary>
    private const double H1 = 1e-6, Atol1 = 1e-6, Rtol1 = 1e-5;

    /// <summary>Second derivatives: rounding grows as 1/h², truncation as h²; both ~1e-8 here.</summary>
    private const double H2 = 1e-4, Atol2 = 1e-4, Rtol2 = 1e-4;

    // Points away from every kink (0 for abs, relu and sign; x = y for max and min), and on both sides of them.
    private static readonly (double X, double Y)[] Points = [(0.7, 1.3), (1.3, 0.6), (-0.6, 0.9), (-1.2, -0.4)];

    // Rows name the operation and shape (the types are internal to the library).
    public static TheoryData<string, string> Operations()
    {
        var data = new TheoryData<string, string>();
        foreach (var op in Enum.GetValues<Op>())
        {
            if (op == Op.Leaf) continue;
            data.Add(op.ToString(), nameof(Shape.Both));
            // A plain operand on either side is another path through each engine.
            if (Ops.TakesConstant(Ops.Family(op)))
            {
                data.Add(op.ToString(), nameof(Shape.ConstantLeft));
                data.Add(op.ToString(), nameof(Shape.ConstantRight));
            }
        }
        return data;
    }

    [Fact]
    public void EveryOperationButALeafIsWalked() =>
        Assert.Equal(Enum.GetValues<Op>().Length - 1, Operations().Select(row => (string)row[0]).Distinct().Count());

    [Theory]
    [MemberData(nameof(Operations))]
    public void FirstAndSecondDerivativesAgreeWithCentralDifferences(string operation, string shapeName)
    {
        var op = Enum.Parse<Op>(operation);
        var shape = Enum.Parse<Shape>(shapeName);
        int inputs = Arity(op, shape);
        var failures = new List<string>();
        int compared = 0;
        foreach (var (px, py) in Points)
        {
            double[] point = inputs == 1 ? [px] : [px, py];
            if (!double.IsFinite(Value(op, shape, point))) continue;   // outside the domain (log of a negative)
            compared++;
            var state = new AutogradState(new NoLimits(), maxGraphNodes: null, detectAnomaly: false);
            var leaves = point.Select(v => TrackedValue.Leaf(v, isFloat32: false)).ToArray();
            var root = Apply(state.Tape, op, shape, leaves);

            double[] backward = state.Backpropagation.GradientsOf(root, leaves, state, default);
            var recorded = new HigherOrder(state, default).Gradients(root);
            for (int i = 0; i < inputs; i++)
            {
                double numeric = FirstDifference(op, shape, point, i);
                var term = recorded.TryGetValue(leaves[i], out var t) ? t : Term.Plain(0, false);
                Check(failures, $"∂/∂x{i} by backward", point, backward[i], numeric, Atol1, Rtol1);
                Check(failures, $"∂/∂x{i} by a recorded backward", point, term.Data, numeric, Atol1, Rtol1);

                // The recorded derivative, differentiated again: a plain one is a constant (0 after it).
                var again = term.Tracked is { } g ? new HigherOrder(state, default).Gradients(g) : [];
                for (int j = 0; j < inputs; j++)
                {
                    double second = again.TryGetValue(leaves[j], out var s) ? s.Data : 0;
                    Check(failures, $"∂²/∂x{i}∂x{j}", point, second, SecondDifference(op, shape, point, i, j), Atol2, Rtol2);
                }
            }
        }
        Assert.True(compared > 0, $"{op}: no point in its domain");
        Assert.True(failures.Count == 0, $"{op} ({shape}):\n{string.Join("\n", failures)}");
    }

    private static void Check(List<string> failures, string what, double[] point, double actual, double numeric, double atol, double rtol)
    {
        if (!(Math.Abs(actual - numeric) <= atol + rtol * Math.Abs(numeric)))
            failures.Add($"{what} at ({string.Join(", ", point.Select(R))}): {R(actual)}, central difference {R(numeric)}");
    }

    private static string R(double d) => d.ToString("R", CultureInfo.InvariantCulture);

    private static int Arity(Op op, Shape shape) => Ops.Family(op) switch
    {
        OpFamily.Arithmetic or OpFamily.Power or OpFamily.Extremes => shape == Shape.Both ? 2 : 1,
        OpFamily.ActivationBackward => 2,
        OpFamily.Host => 2,
        OpFamily.PassThrough when op == Op.Select => 2,
        OpFamily.Elementary or OpFamily.Activation or OpFamily.PassThrough => 1,
        _ => throw new UnreachableException($"{op}: its family has no application here; add one"),
    };

    // The plain operand of the constant shapes, as a script's literal would be.
    private const double Constant = 1.7;

    /// <summary>The operation on fresh float64 leaves, as the runtime applies it.</summary>
    private static TrackedValue Apply(Tape tape, Op op, Shape shape, TrackedValue[] x) => Ops.Family(op) switch
    {
        OpFamily.Arithmetic or OpFamily.Power or OpFamily.Extremes => shape switch
        {
            Shape.Both => Differentiable.Binary(tape, op, x[0], x[0].Data, x[1], x[1].Data),
            // c / x is recorded as x.reciprocal() * c (AutogradState.Binary): its division node is the reciprocal.
            Shape.ConstantLeft when op == Op.Divide => ReciprocalTimes(tape, x[0], Constant),
            Shape.ConstantLeft => Differentiable.Binary(tape, op, null, Constant, x[0], x[0].Data),
            Shape.ConstantRight => Differentiable.Binary(tape, op, x[0], x[0].Data, null, Constant),
            _ => throw new UnreachableException(shape.ToString()),
        },
        OpFamily.Elementary or OpFamily.Activation => Differentiable.Unary(tape, op, x[0]),
        OpFamily.ActivationBackward => Differentiable.BackwardOperation(tape, op, x[0], x[1]),
        // A host's function of two arguments, 2·a + 5·b, with its partials: a chain of two nodes.
        OpFamily.Host => Host.Node(tape, Host.Node(tape, x[0], 2 * x[0].Data + 5 * x[1].Data, 2), x[1], 2 * x[0].Data + 5 * x[1].Data, 5),
        OpFamily.PassThrough => op switch
        {
            Op.Identity => PassThrough.Identity(tape, x[0], f32: false),
            // A gradient passed on (masked, it is the constant 0, whose derivatives are 0 too).
            Op.Where => PassThrough.Where(tape, x[0], masked: false),
            // The first of two (the second's derivatives are 0).
            Op.Select => PassThrough.Select(tape, x[0], x[1], takeA: true),
            _ => throw new UnreachableException(op.ToString()),
        },
        _ => throw new UnreachableException($"{op}: its family has no application here; add one"),
    };

    private static TrackedValue ReciprocalTimes(Tape tape, TrackedValue x, double c)
    {
        var reciprocal = Differentiable.Reciprocal(tape, x);
        return Differentiable.Binary(tape, Op.Multiply, reciprocal, reciprocal.Data, null, c);
    }

    private static double Value(Op op, Shape shape, double[] point) =>
        Apply(new Tape(), op, shape, point.Select(v => TrackedValue.Leaf(v, isFloat32: false)).ToArray()).Data;

    private static double FirstDifference(Op op, Shape shape, double[] point, int i) =>
        (Shifted(op, shape, point, i, H1, 0, 0) - Shifted(op, shape, point, i, -H1, 0, 0)) / (2 * H1);

    private static double SecondDifference(Op op, Shape shape, double[] point, int i, int j)
    {
        if (i == j)
            return (Shifted(op, shape, point, i, H2, i, 0) - 2 * Value(op, shape, point) + Shifted(op, shape, point, i, -H2, i, 0)) / (H2 * H2);
        return (Shifted(op, shape, point, i, H2, j, H2) - Shifted(op, shape, point, i, H2, j, -H2)
            - Shifted(op, shape, point, i, -H2, j, H2) + Shifted(op, shape, point, i, -H2, j, -H2)) / (4 * H2 * H2);
    }

    private static double Shifted(Op op, Shape shape, double[] point, int i, double di, int j, double dj)
    {
        var shifted = (double[])point.Clone();
        shifted[i] += di;
        shifted[j] += dj;
        return Value(op, shape, shifted);
    }

    private sealed class NoLimits : IExecutionLimits
    {
        public void Check(in SourceSpan at) { }
    }
}
