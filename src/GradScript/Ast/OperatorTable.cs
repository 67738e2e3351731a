namespace GradScript.Ast;

using System.Diagnostics;
using GradScript.Autograd;

/// <summary>Binary operators (their facts are in <see cref="OperatorTable"/>).</summary>
internal enum BinaryOp
{
    Add, Subtract, Multiply, Divide, FloorDivide, Modulo, Power,
    Equal, NotEqual, Less, LessEqual, Greater, GreaterEqual, In, NotIn,
}

/// <summary>Unary operators (their facts are in <see cref="OperatorTable"/>).</summary>
internal enum UnaryOp { Negate, Plus }

/// <summary>The grammar's precedence levels, loosest first (docs/language.md §3).</summary>
internal enum Precedence { Test, Or, And, Not, Comparison, Range, Additive, Multiplicative, Unary, Power, Postfix, Primary }

/// <summary>What an operator computes, which decides how the compiler builds it.</summary>
internal enum OperatorKind
{
    /// <summary>A number from numbers (ints, floats, tracked values); <c>+</c> and <c>*</c> also join and repeat strings and lists.</summary>
    Arithmetic,

    /// <summary>A plain bool from any two values, even tracked ones (<see cref="Runtime.Comparisons"/>).</summary>
    Comparison,

    /// <summary>Whether the left operand is in the right one (<see cref="Runtime.Membership"/>).</summary>
    Membership,
}

/// <summary>What <c>xs op= v</c> does to a list <c>xs</c>, in place, as Python's list does.</summary>
internal enum ListInPlace
{
    /// <summary>Nothing in place: <c>xs = xs op v</c>.</summary>
    None,

    /// <summary>Appends the items of any iterable <c>v</c> (<c>list.__iadd__</c>).</summary>
    Extend,

    /// <summary>Repeats the items <c>v</c> times, <c>v</c> an int (<c>list.__imul__</c>).</summary>
    Repeat,
}

/// <summary>One binary operator's facts.</summary>
/// <param name="Op">The operator.</param>
/// <param name="Symbol">How the printer and error messages write it.</param>
/// <param name="Spellings">Every token the grammar accepts for it (<c>^</c> is also <c>**</c>); <c>not in</c> is two tokens, marked by the grammar.</param>
/// <param name="Kind">What it computes.</param>
/// <param name="Level">Its precedence.</param>
/// <param name="Left">The loosest expression the grammar takes as its left operand without brackets.</param>
/// <param name="Right">The same for its right operand.</param>
/// <param name="Autograd">The operation a tracked operand records, or null when the result is a plain number.</param>
/// <param name="Compound">The compound assignment token (<c>+=</c>), or null when there is none.</param>
/// <param name="InPlace">What its compound assignment does to a list.</param>
/// <param name="Python">How Python spells it, for the CPython oracle.</param>
internal sealed record BinaryOperator(
    BinaryOp Op, string Symbol, string[] Spellings, OperatorKind Kind,
    Precedence Level, Precedence Left, Precedence Right,
    Op? Autograd, string? Compound, ListInPlace InPlace, string Python);

/// <summary>One unary operator's facts: how it is written and what a tracked operand records (null: the operand itself).</summary>
internal sealed record UnaryOperator(UnaryOp Op, string Symbol, Op? Autograd, string Python);

/// <summary>
/// Every operator's facts in one place, one entry and one comment each: the AST builder reads the
/// tokens, the compiler the kind, the printer the levels, the runtime the autograd operation and
/// the in-place rule. Adding an operator is one entry here, its token in the grammar, its
/// semantics in <see cref="Runtime.Operators"/> (a switch there throws until it has them) and a
/// golden case (docs/architecture.md).
/// </summary>
internal static class OperatorTable
{
    private const Precedence Additive = Precedence.Additive, Multiplicative = Precedence.Multiplicative;
    private const Precedence Comparison = Precedence.Comparison, Range = Precedence.Range;

    // In BinaryOp's order: Of(op) is an index.
    private static readonly BinaryOperator[] Binary =
    [
        // Sum; joins two strings or two lists. `xs += v` extends xs in place.
        new(BinaryOp.Add, "+", ["+"], OperatorKind.Arithmetic, Additive, Additive, Multiplicative, Op.Add, "+=", ListInPlace.Extend, "+"),
        // Difference.
        new(BinaryOp.Subtract, "-", ["-"], OperatorKind.Arithmetic, Additive, Additive, Multiplicative, Op.Subtract, "-=", ListInPlace.None, "-"),
        // Product; repeats a string or a list n times. `xs *= n` repeats xs in place.
        new(BinaryOp.Multiply, "*", ["*"], OperatorKind.Arithmetic, Multiplicative, Multiplicative, Precedence.Unary, Op.Multiply, "*=", ListInPlace.Repeat, "*"),
        // True division: a float even of two ints.
        new(BinaryOp.Divide, "/", ["/"], OperatorKind.Arithmetic, Multiplicative, Multiplicative, Precedence.Unary, Op.Divide, "/=", ListInPlace.None, "/"),
        // Floor division; piecewise constant, so like PyTorch's floor_divide it records nothing.
        new(BinaryOp.FloorDivide, "//", ["//"], OperatorKind.Arithmetic, Multiplicative, Multiplicative, Precedence.Unary, null, "//=", ListInPlace.None, "//"),
        // Python's modulo (the sign of the divisor); linear with jumps, so like PyTorch's remainder it records nothing.
        new(BinaryOp.Modulo, "%", ["%"], OperatorKind.Arithmetic, Multiplicative, Multiplicative, Precedence.Unary, null, "%=", ListInPlace.None, "%"),
        // Power, right-associative: its base is a postfix expression and its exponent may carry a sign (-2^-1).
        // Its compound form is Python's `**=` only: `^=` is exclusive or in Python, so it is not taken.
        new(BinaryOp.Power, "^", ["^", "**"], OperatorKind.Arithmetic, Precedence.Power, Precedence.Postfix, Precedence.Unary, Op.Power, "**=", ListInPlace.None, "**"),
        // Equality: numbers by value across int, float and tracked; unlike types are unequal. Comparisons do not chain.
        new(BinaryOp.Equal, "==", ["=="], OperatorKind.Comparison, Comparison, Range, Range, null, null, ListInPlace.None, "=="),
        // Inequality.
        new(BinaryOp.NotEqual, "!=", ["!="], OperatorKind.Comparison, Comparison, Range, Range, null, null, ListInPlace.None, "!="),
        // Ordering: numbers, strings by code point, lists item by item; unlike types are an error.
        new(BinaryOp.Less, "<", ["<"], OperatorKind.Comparison, Comparison, Range, Range, null, null, ListInPlace.None, "<"),
        new(BinaryOp.LessEqual, "<=", ["<="], OperatorKind.Comparison, Comparison, Range, Range, null, null, ListInPlace.None, "<="),
        new(BinaryOp.Greater, ">", [">"], OperatorKind.Comparison, Comparison, Range, Range, null, null, ListInPlace.None, ">"),
        new(BinaryOp.GreaterEqual, ">=", [">="], OperatorKind.Comparison, Comparison, Range, Range, null, null, ListInPlace.None, ">="),
        // Membership: an item of a list, a key of a dict, a substring, a number in a range.
        new(BinaryOp.In, "in", ["in"], OperatorKind.Membership, Comparison, Range, Range, null, null, ListInPlace.None, "in"),
        // Its negation, written as two tokens.
        new(BinaryOp.NotIn, "not in", [], OperatorKind.Membership, Comparison, Range, Range, null, null, ListInPlace.None, "not in"),
    ];

    private static readonly UnaryOperator[] Unary =
    [
        // Negation; binds looser than ^ on its right (-2^2 is -4).
        new(UnaryOp.Negate, "-", Op.Negate, "-"),
        // The number itself (a bool becomes an int).
        new(UnaryOp.Plus, "+", null, "+"),
    ];

    /// <summary>Every binary operator, in <see cref="BinaryOp"/>'s order.</summary>
    public static IReadOnlyList<BinaryOperator> BinaryOperators => Binary;

    /// <summary>Every unary operator, in <see cref="UnaryOp"/>'s order.</summary>
    public static IReadOnlyList<UnaryOperator> UnaryOperators => Unary;

    public static BinaryOperator Of(BinaryOp op) =>
        (uint)op < (uint)Binary.Length ? Binary[(int)op] : throw new UnreachableException(op.ToString());

    public static UnaryOperator Of(UnaryOp op) =>
        (uint)op < (uint)Unary.Length ? Unary[(int)op] : throw new UnreachableException(op.ToString());
}
