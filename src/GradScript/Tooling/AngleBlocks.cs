namespace GradScript.Tooling;

using System.Diagnostics;
using GradScript.Ast;
using GradScript.Diagnostics;
using static GradScript.Syntax.Generated.GradScriptLexer;

/// <summary>
/// Finds the <c>&lt;</c> and <c>&gt;</c> tokens that delimit angle blocks (<c>for i in 0..3 &lt; … &gt;</c>)
/// rather than compare: only the parse can tell them apart, and the tree keeps no block forms, so
/// each block's opener is found as the token after its statement's header (a condition, an
/// iterable, a parameter list, <c>else</c>, <c>no_grad</c>) and its closer as the token after its
/// last statement. Every statement type is named below: one the grammar gains is refused loudly.
/// </summary>
internal sealed class AngleBlocks
{
    private readonly List<LayoutToken> _tokens;
    private readonly HashSet<int> _delimiters = [];

    private AngleBlocks(List<LayoutToken> tokens) => _tokens = tokens;

    /// <summary>The indexes into <paramref name="tokens"/> of every angle block's delimiters.</summary>
    public static HashSet<int> Find(ScriptNode script, List<LayoutToken> tokens)
    {
        var finder = new AngleBlocks(tokens);
        finder.Statements(script.Body);
        return finder._delimiters;
    }

    private void Statements(IReadOnlyList<Stmt> body)
    {
        foreach (var statement in body) Statement(statement);
    }

    private void Statement(Stmt statement)
    {
        switch (statement)
        {
            case ExprStmt or Assign or CompoundAssign or Break or Continue or Return or Global or Import or Delete: break;
            case If s:
                int then = After(s.Condition.Span);
                int closer = Block(then, s.Then);
                if (s.Else is not { } orElse) break;
                int elseToken = Skip(closer + 1, NEWLINE);
                if (_tokens[elseToken].Type == ELIF)
                {
                    Statement(orElse.Single());
                    break;
                }
                Expect(elseToken, ELSE);
                int afterElse = Skip(elseToken + 1);  // past a line join: `else \` NEWLINE `{`
                if (_tokens[afterElse].Type == IF) Statement(orElse.Single());
                else Block(afterElse, orElse);
                break;
            case While s: Block(After(s.Condition.Span), s.Body); break;
            case For s: Block(After(s.Iterable.Span), s.Body); break;
            case NoGrad s: Block(At(s.Span.Line, s.Span.Column) + 1, s.Body); break;
            case FunctionDef s: Block(AfterParameters(s.NameSpan), s.Body); break;
            default: throw new UnreachableException($"the formatter does not know the statement {statement.GetType().Name}");
        }
    }

    // The block that opens at token `opener`: marks its delimiters if it is an angle block, and
    // returns the index of its closer.
    private int Block(int opener, IReadOnlyList<Stmt> body)
    {
        Statements(body);
        int closer = body.Count == 0 ? opener + 1 : After(body[^1].Span);
        closer = Skip(closer, NEWLINE, SEMI);
        if (_tokens[opener].Type == LBRACE)
        {
            Expect(closer, RBRACE);
            return closer;
        }
        Expect(opener, LT);
        Expect(closer, GT);
        _delimiters.Add(opener);
        _delimiters.Add(closer);
        return closer;
    }

    // The token after a span; a span leaves out the brackets around an expression, so they are passed.
    private int After(SourceSpan span) => Skip(At(span.EndLine, span.EndColumn), RPAREN);

    // The token after `def name(…)`.
    private int AfterParameters(SourceSpan name)
    {
        int i = At(name.EndLine, name.EndColumn);
        Expect(i, LPAREN);
        for (int depth = 0; ; i++)
        {
            switch (_tokens[i].Type)
            {
                case LPAREN or LBRACKET: depth++; break;
                case RPAREN or RBRACKET: depth--; break;
            }
            if (depth == 0) return Skip(i + 1);
        }
    }

    // The first token, not a comment or a line join, at or after a 1-based line and column.
    private int At(int line, int column)
    {
        int low = 0, high = _tokens.Count;
        while (low < high)
        {
            int middle = (low + high) / 2;
            var token = _tokens[middle];
            if (token.Line < line || (token.Line == line && token.Column + 1 < column)) low = middle + 1;
            else high = middle;
        }
        return Skip(low);
    }

    // The first token from `i` on that is none of `types`, nor a comment or a line join.
    private int Skip(int i, params ReadOnlySpan<int> types)
    {
        while (i < _tokens.Count && (_tokens[i].Type is COMMENT or LINE_JOIN || types.Contains(_tokens[i].Type))) i++;
        return i;
    }

    private void Expect(int i, int type)
    {
        if (i >= _tokens.Count || _tokens[i].Type != type)
            throw new UnreachableException($"the formatter lost its place: expected {DefaultVocabulary.GetDisplayName(type)} as token {i}");
    }
}
