namespace GradScript.Syntax.Generated;

using Antlr4.Runtime;

// Newlines inside ( ) and [ ] do not end a statement (LANGUAGE.md §1), so the lexer drops them
// there. It also counts bracket depth against a fixed limit, so that absurd nesting is a clear
// syntax error here instead of a stack exhaustion deep inside the parser. And since nothing can
// continue a statement after the `}` that closes its block (other than `else`), a statement may
// follow a `}` on the same line: `for i in xs { if i { continue } print(i) }`. The lexer inserts
// the separator there.
public partial class GradScriptLexer
{
    /// <summary>Open ( and [ at once, at most; Python's own parser allows 200.</summary>
    public const int MaxBracketDepth = 256;

    private int _bracketDepth;

    /// <summary>The first bracket that went past <see cref="MaxBracketDepth"/>, if any.</summary>
    public IToken? TooDeepBracket { get; private set; }

    private readonly Queue<IToken> _queued = new();

    public override IToken NextToken()
    {
        if (_queued.Count > 0) return _queued.Dequeue();
        var token = NextSignificantToken();
        if (token.Type != RBRACE) return token;
        var next = NextSignificantToken();
        if (next.Type is not (NEWLINE or SEMI or RBRACE or ELSE or Eof or RPAREN or RBRACKET or COMMA))
        {
            // A zero-width `;` placed where the next statement starts.
            _queued.Enqueue(new CommonToken(SEMI, ";")
            {
                Line = next.Line,
                Column = next.Column,
                StartIndex = next.StartIndex,
                StopIndex = next.StartIndex - 1,
            });
        }
        _queued.Enqueue(next);
        return token;
    }

    private IToken NextSignificantToken()
    {
        while (true)
        {
            IToken token = base.NextToken();
            switch (token.Type)
            {
                case LPAREN or LBRACKET:
                    if (++_bracketDepth > MaxBracketDepth) TooDeepBracket ??= token;
                    break;
                case RPAREN or RBRACKET:
                    if (_bracketDepth > 0) _bracketDepth--;
                    break;
                case NEWLINE when _bracketDepth > 0:
                    continue;
            }
            return token;
        }
    }
}
