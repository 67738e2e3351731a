namespace GradScript.Ast;

using GradScript.Diagnostics;

/// <summary>An expression: something that has a value.</summary>
internal abstract record Expr(SourceSpan Span) : Node(Span);

/// <summary>An int, float, bool, string or none literal; the value is already decoded.</summary>
internal sealed record Literal(object? Value, SourceSpan Span) : Expr(Span);

/// <summary>An f-string: literal text and expressions, each with an optional format spec.</summary>
internal sealed record FString(IReadOnlyList<FStringPart> Parts, SourceSpan Span) : Expr(Span);

/// <summary>
/// One piece of an f-string: either <see cref="Text"/> or <see cref="Value"/> with its spec as written.
/// A spec with replacement fields of its own (<c>{x:.{n}f}</c>) is also <see cref="NestedSpec"/>, the
/// f-string that computes it.
/// </summary>
internal sealed record FStringPart(string? Text, Expr? Value, string? FormatSpec, FString? NestedSpec = null);

/// <summary>A list display <c>[a, b, c]</c>.</summary>
internal sealed record ListExpr(IReadOnlyList<Expr> Items, SourceSpan Span) : Expr(Span);

/// <summary>A reference to a variable.</summary>
internal sealed record Name(string Identifier, SourceSpan Span) : Expr(Span);

/// <summary>Unary minus or plus.</summary>
internal sealed record Unary(UnaryOp Op, Expr Operand, SourceSpan Span) : Expr(Span);

/// <summary>An arithmetic or comparison operator; Span covers both operands, OpSpan the operator.</summary>
/// <remarks>
/// The operator's place is kept as a line and a column, not a whole span: it is one token on one
/// line, in the script of <see cref="Node.Span"/>, as wide as its spelling. A flat chain of a
/// million operators is a million of these nodes, all alive until compiled, and every byte of
/// each is copied by the garbage collector as they age.
/// </remarks>
internal sealed record Binary : Expr
{
    private readonly int _opLine, _opColumn;

    public Binary(BinaryOp op, Expr left, Expr right, SourceSpan opSpan, SourceSpan span) : base(span)
    {
        (Op, Left, Right) = (op, left, right);
        (_opLine, _opColumn) = (opSpan.Line, opSpan.Column);
    }

    public BinaryOp Op { get; }

    public Expr Left { get; }

    public Expr Right { get; }

    public SourceSpan OpSpan => new(Span.Source, _opLine, _opColumn, _opLine, _opColumn + Symbol(Op).Length);

    /// <summary>How the operator is written.</summary>
    public static string Symbol(BinaryOp op) => op switch
    {
        BinaryOp.Add => "+",
        BinaryOp.Subtract => "-",
        BinaryOp.Multiply => "*",
        BinaryOp.Divide => "/",
        BinaryOp.FloorDivide => "//",
        BinaryOp.Modulo => "%",
        BinaryOp.Power => "^",
        BinaryOp.Equal => "==",
        BinaryOp.NotEqual => "!=",
        BinaryOp.Less => "<",
        BinaryOp.LessEqual => "<=",
        BinaryOp.Greater => ">",
        BinaryOp.GreaterEqual => ">=",
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };
}

/// <summary><c>and</c> / <c>or</c>: short-circuiting, and yielding an operand as Python does.</summary>
internal sealed record Logical(bool IsAnd, Expr Left, Expr Right, SourceSpan Span) : Expr(Span);

/// <summary><c>not x</c>.</summary>
internal sealed record Not(Expr Operand, SourceSpan Span) : Expr(Span);

/// <summary><c>a..b</c>, the range a, a+1, …, b-1.</summary>
internal sealed record RangeExpr(Expr Start, Expr Stop, SourceSpan Span) : Expr(Span);

/// <summary>A call with positional arguments, then keyword arguments.</summary>
internal sealed record Call(Expr Callee, IReadOnlyList<Expr> Arguments, IReadOnlyList<KeywordArgument> Keywords, SourceSpan Span) : Expr(Span);

/// <summary>A keyword argument <c>name=value</c> of a call.</summary>
internal sealed record KeywordArgument(string Name, Expr Value, SourceSpan Span);

/// <summary><c>target[index]</c>.</summary>
internal sealed record Index(Expr Target, Expr Key, SourceSpan Span) : Expr(Span);

/// <summary><c>module.name</c>: a global of an imported module.</summary>
internal sealed record Member(Expr Target, string Name, SourceSpan Span) : Expr(Span);

/// <summary>Unary operators.</summary>
internal enum UnaryOp { Negate, Plus }

/// <summary>Binary operators, arithmetic then comparison.</summary>
internal enum BinaryOp
{
    Add, Subtract, Multiply, Divide, FloorDivide, Modulo, Power,
    Equal, NotEqual, Less, LessEqual, Greater, GreaterEqual,
}
