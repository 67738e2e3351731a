namespace GradScript.Syntax.Generated;

using Antlr4.Runtime;

// Newlines inside ( ) and [ ] do not end a statement (LANGUAGE.md §1), so the lexer drops them
// there. It also counts bracket depth against a fixed limit, so that absurd nesting is a clear
// syntax error here instead of a stack exhaustion deep inside the parser.
public partial class GradScriptLexer
{
    /// <summary>Open ( and [ at once, at most; Python's own parser allows 200.</summary>
    public const int MaxBracketDepth = 256;

    private int _bracketDepth;

    /// <summary>The first bracket that went past <see cref="MaxBracketDepth"/>, if any.</summary>
    public IToken? TooDeepBracket { get; private set; }

    public override IToken NextToken()
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
