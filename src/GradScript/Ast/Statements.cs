namespace GradScript.Ast;

using GradScript.Diagnostics;

/// <summary>A statement.</summary>
internal abstract record Stmt(SourceSpan Span) : Node(Span);

/// <summary>An expression evaluated for its effect (echoed in the REPL).</summary>
internal sealed record ExprStmt(Expr Expression, SourceSpan Span) : Stmt(Span);

/// <summary>
/// <c>t = v</c>, or <c>a, b = v</c> which destructures a list (and <c>a, b = x, y</c>, whose
/// right side is then a list display). Targets are <see cref="Name"/> or <see cref="Index"/>.
/// </summary>
internal sealed record Assign(IReadOnlyList<Expr> Targets, Expr Value, SourceSpan Span) : Stmt(Span);

/// <summary><c>t op= v</c>: an in-place update on a leaf parameter, else <c>t = t op v</c>.</summary>
internal sealed record CompoundAssign(BinaryOp Op, Expr Target, Expr Value, SourceSpan Span) : Stmt(Span);

/// <summary><c>if</c> with an optional else branch (an <c>else if</c> is an <see cref="If"/> in it).</summary>
internal sealed record If(Expr Condition, IReadOnlyList<Stmt> Then, IReadOnlyList<Stmt>? Else, SourceSpan Span) : Stmt(Span);

/// <summary><c>while cond { … }</c>.</summary>
internal sealed record While(Expr Condition, IReadOnlyList<Stmt> Body, SourceSpan Span) : Stmt(Span);

/// <summary><c>for a, b in iterable { … }</c>: one target binds each item, several destructure it.</summary>
internal sealed record For(IReadOnlyList<Name> Targets, Expr Iterable, IReadOnlyList<Stmt> Body, SourceSpan Span) : Stmt(Span);

/// <summary><c>del xs[i], d[k], name</c>: removes list items, dict keys, or a variable's value.</summary>
internal sealed record Delete(IReadOnlyList<Expr> Targets, SourceSpan Span) : Stmt(Span);

/// <summary><c>break</c>.</summary>
internal sealed record Break(SourceSpan Span) : Stmt(Span);

/// <summary><c>continue</c>.</summary>
internal sealed record Continue(SourceSpan Span) : Stmt(Span);

/// <summary><c>return</c>, with <c>none</c> when the value is missing.</summary>
internal sealed record Return(Expr? Value, SourceSpan Span) : Stmt(Span);

/// <summary><c>def name(params) { … }</c>.</summary>
internal sealed record FunctionDef(string Name, IReadOnlyList<Parameter> Parameters, IReadOnlyList<Stmt> Body, SourceSpan NameSpan, SourceSpan Span) : Stmt(Span);

/// <summary>A parameter, with its default value if it has one.</summary>
internal sealed record Parameter(string Name, Expr? Default, SourceSpan Span);

/// <summary><c>global a, b</c>.</summary>
internal sealed record Global(IReadOnlyList<string> Names, SourceSpan Span) : Stmt(Span);

/// <summary><c>import "lib/nn.grad"</c> (as <c>nn</c>), or <c>import "…" as name</c>: binds <paramref name="Name"/>.</summary>
internal sealed record Import(string Specifier, string Name, SourceSpan Span) : Stmt(Span);

/// <summary><c>no_grad { … }</c>.</summary>
internal sealed record NoGrad(IReadOnlyList<Stmt> Body, SourceSpan Span) : Stmt(Span);
