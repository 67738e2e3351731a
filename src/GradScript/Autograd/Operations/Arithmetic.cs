namespace GradScript.Autograd.Operations;

using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;

/// <summary>
/// a + b, a - b, a * b, a / b: each operation's value, its local derivative (PyTorch's formula, in
/// the order it rounds) and its recorded derivative (<c>create_graph</c>), side by side. A plain
/// operand is a Python scalar: <c>c / a</c> is <c>a.reciprocal() * c</c>, as Tensor.__rtruediv__ is.
/// </summary>
internal static class Arithmetic
{
    /// <summary>The value, in T's precision.</summary>
    // The values and local derivatives are inlined: a generated adjoint (Adjoints/) calls them with a
    // constant operation, and the JIT folds the switch away, leaving the formula.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Value<T>(Op op, T x, T y, Shape shape) where T : IFloatingPointIeee754<T> => op switch
    {
        Op.Add => x + y,
        Op.Subtract => x - y,
        Op.Multiply => x * y,
        // c / x is x.reciprocal() * c in PyTorch (Tensor.__rtruediv__): two roundings.
        Op.Divide => shape == Shape.ConstantLeft ? T.One / y * x : x / y,
        _ => throw new UnreachableException(op.ToString()),
    };

    /// <summary>
    /// (g·∂/∂x, g·∂/∂y); a side not wanted (a plain operand) may be anything. A recorded c / y is a
    /// reciprocal (c = 1) and a product; a generated adjoint's c / y is one step, with the same numbers. Division's gradient
    /// divides (<c>g / y</c>, <c>-g * ((x / y) / y)</c>), as PyTorch's div_tensor_other_backward does.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (T Left, T Right) Derivative<T>(Op op, T g, T x, T y, bool wantLeft, bool wantRight)
        where T : IFloatingPointIeee754<T>
    {
        T zero = T.Zero;
        switch (op)
        {
            case Op.Add: return (g, g);
            case Op.Subtract: return (g, -g);
            case Op.Multiply: return (g * y, g * x);
            case Op.Divide:
                if (!wantLeft)
                {
                    if (!wantRight) return (zero, zero);
                    // c / y is y.reciprocal() * c: MulBackward gives g * c, ReciprocalBackward -(·) * (r * r).
                    T r = T.One / y;
                    return (zero, -(g * x) * (r * r));
                }
                return (g / y, wantRight ? -g * (x / y / y) : zero);
            default: throw new UnreachableException(op.ToString());
        }
    }

    /// <summary>
    /// The same formulas, recorded; x or y is null where the operand was a plain number <paramref name="c"/>,
    /// <paramref name="self"/> is the node's result.
    /// </summary>
    public static (Term Left, Term Right) Recorded(HigherOrder h, Op op, Term g, Term? x, Term? y, double c, Term self, Term zero)
    {
        bool left = x is not null, right = y is not null;
        switch (op)
        {
            case Op.Add: return (g, g);
            case Op.Subtract: return (g, right ? h.Negate(g) : zero);
            case Op.Multiply:
            {
                // other's formula first (see HigherOrder.Contributions).
                var toY = right ? (x is { } xx ? h.Mul(g, xx) : h.MulScalar(g, c)) : zero;
                return (left ? (y is { } yy ? h.Mul(g, yy) : h.MulScalar(g, c)) : zero, toY);
            }
            case Op.Divide:
                if (x is null)
                {
                    // The reciprocal c / x begins with (AutogradState.Binary): -grad * (result * result),
                    // its right operand recorded first.
                    Debug.Assert(c == 1, "a plain number over a tracked value is recorded as a reciprocal and a product");
                    var square = h.Mul(self, self);
                    return (zero, h.Mul(h.Negate(g), square));
                }
                if (y is null) return (h.DivScalar(g, c), zero);
                // other's formula first (see HigherOrder.Contributions): -grad * ((self / other) / other),
                // its right operand recorded first as libtorch's build evaluates it; then grad / other.
                var quotient = h.Div(h.Div(x.Value, y.Value), y.Value);
                var toOther = h.Mul(h.Negate(g), quotient);
                return (h.Div(g, y.Value), toOther);
            default: throw new UnreachableException(op.ToString());
        }
    }
}
