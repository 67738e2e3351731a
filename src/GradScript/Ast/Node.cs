namespace GradScript.Ast;

using GradScript.Diagnostics;

/// <summary>
/// The root of GradScript's syntax tree. Nodes are immutable records that carry their source span;
/// the tree knows nothing of ANTLR. Records compare by value, so side tables keyed by a node use
/// <see cref="ReferenceEqualityComparer"/>.
/// </summary>
internal abstract record Node(SourceSpan Span);

/// <summary>A whole script: its statements in order.</summary>
internal sealed record ScriptNode(IReadOnlyList<Stmt> Body, SourceSpan Span) : Node(Span);
