namespace GradScript.Adjoints;

using System.Diagnostics;
using System.Linq.Expressions;
using System.Reflection;
using GradScript.Autograd;
using GradScript.Autograd.Operations;

/// <summary>
/// Generates a plan's adjoint for one signature as a LINQ expression tree, compiled to IL once:
/// the forward pass, then the reverse sweep, with no node and no tape. Digits are the tape's
/// because nothing is computed differently: each value is the family's <c>Value&lt;T&gt;</c> and
/// each local derivative its <c>Derivative&lt;T&gt;</c> (the very methods <see cref="Differentiable"/>
/// and <see cref="Derivatives"/> call), in the node's dtype, with a plain operand rounded as
/// <see cref="Differentiable.Binary"/> rounds it; gradients start at -0.0 and are summed in
/// <see cref="Backpropagation"/>'s order — steps newest first, a binary step's left contribution
/// before its right one — and rounded to float32 on the way into a float32 input, as
/// <c>Derivatives.Accumulate</c> does.
/// </summary>
internal sealed class AdjointCompiler
{
    private readonly AdjointPlan _plan;
    private readonly Specialization _types;
    private readonly ParameterExpression _input = Expression.Parameter(typeof(double[]), "input");
    private readonly ParameterExpression _gradient = Expression.Parameter(typeof(double[]), "gradient");
    private readonly List<ParameterExpression> _variables = [];
    private readonly List<Expression> _body = [];
    private readonly ParameterExpression[] _parameterValues, _stepValues;
    private readonly ParameterExpression?[] _parameterGradients, _stepGradients;

    private AdjointCompiler(AdjointPlan plan, Specialization types)
    {
        _plan = plan;
        _types = types;
        _parameterValues = new ParameterExpression[plan.ParameterCount];
        _parameterGradients = new ParameterExpression?[plan.ParameterCount];
        _stepValues = new ParameterExpression[plan.Steps.Length];
        _stepGradients = new ParameterExpression?[plan.Steps.Length];
    }

    /// <summary>The kernel of <paramref name="plan"/> for <paramref name="signature"/>, or null where the tape does what a kernel does not.</summary>
    public static AdjointKernel? TryCompile(AdjointPlan plan, ulong signature)
    {
        if (Specialization.TryCreate(plan, signature) is not { } types) return null;
        var compiler = new AdjointCompiler(plan, types);
        compiler.Forward();
        compiler.Backward();
        var block = Expression.Block(typeof(double), compiler._variables, compiler._body);
        var run = Expression.Lambda<Func<double[], double[], double>>(block, "adjoint", [compiler._input, compiler._gradient]).Compile();
        return new AdjointKernel(signature, types.Nodes, run);
    }

    private void Forward()
    {
        for (int i = 0; i < _plan.ParameterCount; i++)
        {
            var read = Expression.ArrayIndex(_input, Expression.Constant(i));
            bool f32 = _types.KindOf(i) == ParameterKind.Leaf32;
            _parameterValues[i] = Assign(f32 ? typeof(float) : typeof(double), f32 ? Expression.Convert(read, typeof(float)) : read, $"p{i}");
        }
        var steps = _plan.Steps;
        for (int i = 0; i < steps.Length; i++)
        {
            var step = steps[i];
            var type = TypeOf(_types.StepIsFloat32[i]);
            _stepValues[i] = Assign(type, step.IsUnary ? UnaryValue(step, type) : BinaryValue(step, type), $"v{i}");
        }
    }

    private Expression UnaryValue(Step step, Type type) => Ops.Family(step.Op) switch
    {
        OpFamily.Elementary => Call(typeof(Elementary), "Value", type, Op(step), Read(step.Left, type)),
        OpFamily.Activation => Call(typeof(Activations), "Value", type, Op(step), Read(step.Left, type)),
        _ => throw new UnreachableException($"{step.Op} is not a function of one value"),
    };

    private Expression BinaryValue(Step step, Type type)
    {
        var (x, y) = (Read(step.Left, type), Read(step.Right, type));
        return Ops.Family(step.Op) switch
        {
            OpFamily.Arithmetic => Call(typeof(Arithmetic), "Value", type, Op(step), x, y, Expression.Constant(ShapeOf(step))),
            OpFamily.Power => Call(typeof(Power), "Value", type, x, y, Expression.Constant(ShapeOf(step)), PowerConstant(step)),
            OpFamily.Extremes => Call(typeof(Extremes), "Value", type, Op(step), x, y),
            _ => throw new UnreachableException($"{step.Op} is not a binary operation"),
        };
    }

    // Backward's sweep: every gradient of the graph starts at -0.0 (the sum of no contributions),
    // the result's is 1, and each step reached passes its gradient on, newest first.
    private void Backward()
    {
        var steps = _plan.Steps;
        for (int i = 0; i < _plan.ParameterCount; i++)
        {
            if (_types.ParameterReached[i]) _parameterGradients[i] = Assign(_parameterValues[i].Type, NegativeZero(_parameterValues[i].Type), $"gp{i}");
        }
        for (int i = 0; i < steps.Length; i++)
        {
            if (_types.StepReached[i]) _stepGradients[i] = Assign(_stepValues[i].Type, NegativeZero(_stepValues[i].Type), $"g{i}");
        }
        var root = GradientOf(_plan.Result);
        _body.Add(Expression.Assign(root, Constant(1.0, root.Type)));
        for (int i = steps.Length - 1; i >= 0; i--)
        {
            if (!_types.StepReached[i]) continue;
            var step = steps[i];
            if (step.IsUnary) Propagate(step, _stepGradients[i]!, _stepValues[i]);
            else PropagateBinary(step, _stepGradients[i]!, _stepValues[i]);
        }
        for (int i = 0; i < _plan.ParameterCount; i++)
        {
            if (_types.KindOf(i) == ParameterKind.Plain) continue;
            Expression value = _parameterGradients[i] is { } g ? Expression.Convert(g, typeof(double)) : Expression.Constant(0.0);
            _body.Add(Expression.Assign(Expression.ArrayAccess(_gradient, Expression.Constant(i)), value));
        }
        _body.Add(Expression.Convert(ValueOf(_plan.Result), typeof(double)));
    }

    private void Propagate(Step step, ParameterExpression g, ParameterExpression result)
    {
        var type = g.Type;
        var contribution = Ops.Family(step.Op) switch
        {
            OpFamily.Elementary => Call(typeof(Elementary), "Derivative", type, Op(step), g, Read(step.Left, type), result),
            OpFamily.Activation => Call(typeof(Activations), "Derivative", type, Op(step), g, result),
            _ => throw new UnreachableException($"{step.Op} is not a function of one value"),
        };
        Add(step.Left, contribution);
    }

    private void PropagateBinary(Step step, ParameterExpression g, ParameterExpression result)
    {
        var type = g.Type;
        var shape = ShapeOf(step);
        bool wantLeft = shape != Shape.ConstantLeft, wantRight = shape != Shape.ConstantRight;
        // A plain operand is read as backward reads the node's constant: in the node's precision.
        var (x, y) = (Read(step.Left, type), Read(step.Right, type));
        var pair = Ops.Family(step.Op) switch
        {
            OpFamily.Arithmetic => Call(typeof(Arithmetic), "Derivative", type, Op(step), g, x, y, Expression.Constant(wantLeft), Expression.Constant(wantRight)),
            OpFamily.Power => Call(typeof(Power), "Derivative", type, Exponent(step), result, g, x, y,
                Expression.Constant(wantLeft), Expression.Constant(wantRight)),
            OpFamily.Extremes => Call(typeof(Extremes), "Derivative", type, Op(step), g, x, y),
            _ => throw new UnreachableException($"{step.Op} is not a binary operation"),
        };
        var both = Assign(pair.Type, pair, null);
        if (wantLeft) Add(step.Left, Expression.Field(both, "Item1"));
        if (wantRight) Add(step.Right, Expression.Field(both, "Item2"));
    }

    // Derivatives.Accumulate: a float32 input's gradient adds in float32 a contribution rounded to float32.
    private void Add(Operand input, Expression contribution)
    {
        var g = GradientOf(input);
        var c = contribution.Type == g.Type ? contribution : Expression.Convert(contribution, g.Type);
        _body.Add(Expression.Assign(g, Expression.Add(g, c)));
    }

    private Expression Exponent(Step step) => ShapeOf(step) == Shape.Both
        ? Expression.Constant(Power.Exponent.Tracked(_types.IsFloat32(step.Right)))
        : Expression.Call(typeof(Power.Exponent).GetMethod(nameof(Power.Exponent.Plain))!, PowerConstant(step));

    private Shape ShapeOf(Step step) =>
        !_types.IsTracked(step.Left) ? Shape.ConstantLeft : !_types.IsTracked(step.Right) ? Shape.ConstantRight : Shape.Both;

    // A power's plain operand (base or exponent), which the node keeps unrounded: pow(Tensor, Scalar)
    // takes the exponent in double and pow(Scalar, Tensor) the log of the base. Unused with two
    // tracked operands.
    private Expression PowerConstant(Step step) => ShapeOf(step) switch
    {
        Shape.ConstantLeft => Read(step.Left, typeof(double)),
        Shape.ConstantRight => Read(step.Right, typeof(double)),
        Shape.Both => Expression.Constant(0.0),
        var shape => throw new UnreachableException(shape.ToString()),
    };

    // An operand in the operation's precision: a tracked one's value (exact in either), a plain one
    // rounded to float32 for a float32 operation, as (float)a in Differentiable.Binary.
    private Expression Read(Operand operand, Type type)
    {
        var value = ValueOf(operand);
        return value.Type == type ? value : Expression.Convert(value, type);
    }

    private Expression ValueOf(Operand operand) => operand.Kind switch
    {
        OperandKind.Parameter => _parameterValues[operand.Index],
        OperandKind.Step => _stepValues[operand.Index],
        OperandKind.Constant => Constant(operand.Double, typeof(double)),
        _ => throw new UnreachableException(operand.Kind.ToString()),
    };

    private ParameterExpression GradientOf(Operand operand) => operand.Kind switch
    {
        OperandKind.Parameter => _parameterGradients[operand.Index]!,
        OperandKind.Step => _stepGradients[operand.Index]!,
        _ => throw new UnreachableException(operand.Kind.ToString()),
    };

    private ParameterExpression Assign(Type type, Expression value, string? name)
    {
        var variable = Expression.Variable(type, name);
        _variables.Add(variable);
        _body.Add(Expression.Assign(variable, value));
        return variable;
    }

    private static Type TypeOf(bool float32) => float32 ? typeof(float) : typeof(double);

    private static Expression NegativeZero(Type type) => Constant(-0.0, type);

    // The expression compiler emits a constant equal to its type's default as the default, and -0.0
    // equals 0.0: a negative zero is written as the negation of +0.0.
    private static Expression Constant(double value, Type type)
    {
        var zero = type == typeof(float) ? Expression.Constant(0.0f) : Expression.Constant(0.0);
        if (value == 0) return double.IsNegative(value) ? Expression.Negate(zero) : zero;
        return type == typeof(float) ? Expression.Constant((float)value) : Expression.Constant(value);
    }

    private static ConstantExpression Op(Step step) => Expression.Constant(step.Op);

    // The family's generic method of that name whose parameters fit, made for T = type.
    private static MethodCallExpression Call(Type family, string name, Type type, params Expression[] arguments)
    {
        foreach (var method in family.GetMethods(BindingFlags.Public | BindingFlags.Static))
        {
            if (method.Name != name || !method.IsGenericMethodDefinition) continue;
            var made = method.MakeGenericMethod(type);
            var parameters = made.GetParameters();
            if (parameters.Length == arguments.Length && parameters.Select(p => p.ParameterType).SequenceEqual(arguments.Select(a => a.Type)))
                return Expression.Call(made, arguments);
        }
        throw new UnreachableException($"{family.Name}.{name}<{type.Name}> with these arguments");
    }
}

/// <summary>A generated adjoint: value and gradient of a plan for one signature.</summary>
/// <param name="Signature">The parameter kinds it was generated for.</param>
/// <param name="Nodes">The operations the tape would record, counted against the graph-size limit.</param>
/// <param name="Run">Reads the parameters from its first array, writes each leaf parameter's gradient into the second (by parameter index), returns the value.</param>
internal sealed record AdjointKernel(ulong Signature, int Nodes, Func<double[], double[], double> Run);
