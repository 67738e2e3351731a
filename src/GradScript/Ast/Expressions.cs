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
/// f-string that computes it. <see cref="Conversion"/> is <c>'s'</c>, <c>'r'</c> or <c>'a'</c> for
/// <c>{x!s}</c>, <c>{x!r}</c>, <c>{x!a}</c>, or <c>'\0'</c>.
/// </summary>
internal sealed record FStringPart(string? Text, Expr? Value, string? FormatSpec, FString? NestedSpec = null, char Conversion = '\0');

/// <summary>A list display <c>[a, b, c]</c>.</summary>
internal sealed record ListExpr(IReadOnlyList<Expr> Items, SourceSpan Span) : Expr(Span);

/// <summary>A dict display <c>{k: v, …}</c>: keys and values in pairs, in order.</summary>
internal sealed record DictDisplay(IReadOnlyList<Expr> Keys, IReadOnlyList<Expr> Values, SourceSpan Span) : Expr(Span);

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

    public SourceSpan OpSpan => new(Span.Source, _opLine, _opColumn, _opLine, _opColumn + OperatorTable.Of(Op).Symbol.Length);
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

/// <summary><c>target.name</c>: an attribute or method of a built-in value, or a global of an imported module.</summary>
internal sealed record Member(Expr Target, string Name, SourceSpan Span) : Expr(Span);

/// <summary><c>target[lower:upper:step]</c>, any part left out.</summary>
internal sealed record Slice(Expr Target, Expr? Lower, Expr? Upper, Expr? Step, SourceSpan Span) : Expr(Span);

/// <summary><c>then if condition else otherwise</c>: the condition first, then one branch.</summary>
internal sealed record Conditional(Expr Condition, Expr Then, Expr Otherwise, SourceSpan Span) : Expr(Span);

/// <summary><c>lambda a, b=1: body</c>: a function without a name whose body is one expression.</summary>
internal sealed record Lambda(IReadOnlyList<Parameter> Parameters, Expr Body, SourceSpan Span) : Expr(Span);

/// <summary>
/// A list or dict comprehension: the clauses in order, each <c>for</c> nesting the ones after it. It
/// runs in a scope of its own, as in Python 3: its targets are not seen outside.
/// </summary>
internal abstract record Comprehension(IReadOnlyList<ComprehensionClause> Clauses, SourceSpan Span) : Expr(Span);

/// <summary><c>[element for x in xs if c for y in ys]</c>.</summary>
internal sealed record ListComprehension(Expr Element, IReadOnlyList<ComprehensionClause> Clauses, SourceSpan Span) : Comprehension(Clauses, Span);

/// <summary><c>{key: value for x in xs if c}</c>: the key is evaluated before the value, as in Python 3.8 and later.</summary>
internal sealed record DictComprehension(Expr Key, Expr Value, IReadOnlyList<ComprehensionClause> Clauses, SourceSpan Span) : Comprehension(Clauses, Span);

/// <summary>A clause of a comprehension.</summary>
internal abstract record ComprehensionClause(SourceSpan Span);

/// <summary><c>for a, b in iterable</c> in a comprehension.</summary>
internal sealed record ComprehensionFor(IReadOnlyList<Name> Targets, Expr Iterable, SourceSpan Span) : ComprehensionClause(Span);

/// <summary><c>if condition</c> in a comprehension.</summary>
internal sealed record ComprehensionIf(Expr Condition, SourceSpan Span) : ComprehensionClause(Span);
