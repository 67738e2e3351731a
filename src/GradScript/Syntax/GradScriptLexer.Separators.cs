namespace GradScript.Syntax.Generated;

using Antlr4.Runtime;
using GradScript.Syntax;

// What the lexer adds to and removes from the raw tokens, so that the grammar can require a
// separator after every statement and still decide everything on one token:
//   - newlines inside ( ) and [ ] are dropped: they do not end a statement (docs/language.md §1);
//   - a `;` is inserted before every `}`, so `{ x = 1 }` needs none written;
//   - a `;` is inserted after a `}` that another statement follows on the same line (nothing but
//     `else` or `elif` can continue a statement there): `for i in xs { if i { continue } print(i) }`;
//   - the input always ends with a newline;
//   - a `{` where an operand is due (after `=`, `(`, `,`, `return`, `if`, an operator, …) opens a dict
//     display, not a block: it becomes LDICT, its `}` RDICT, and newlines inside are dropped as
//     inside brackets. Where a statement may begin, `{` stays a block's.
// It also counts bracket depth against a fixed limit, so that absurd nesting is a clear syntax
// error here instead of a stack exhaustion deep inside the parser: the input ends at the first
// bracket past the limit, and nothing after it is read.
/// <summary>GradScript's lexer (generated from grammar/GradScript.g4; not part of the API).</summary>
internal partial class GradScriptLexer
{
    /// <summary>Open ( and [ at once, at most; Python's own parser allows 200.</summary>
    public const int MaxBracketDepth = 256;

    private IToken? _pushedBack;

    // The source every token made here names (ANTLR keeps its own pair private): one, not one a token.
    private Tuple<ITokenSource, ICharStream>? _source;

    private Tuple<ITokenSource, ICharStream> Source => _source ??= Tuple.Create<ITokenSource, ICharStream>(this, (ICharStream)InputStream);
    private int _bracketDepth;
    private int _previousType = NEWLINE;

    // For each open `{`: whether it opened a dict display (true) or a block.
    private readonly Stack<bool> _braces = new();

    /// <summary>The first bracket that went past <see cref="MaxBracketDepth"/>, if any.</summary>
    public IToken? TooDeepBracket { get; private set; }

    /// <summary>
    /// Lexes the text as the inside of brackets, as an f-string's replacement field is read (CPython
    /// compiles a field's text as <c>(text)</c>): an operand is due first, so a `{` there opens a dict.
    /// </summary>
    public void StartInsideBrackets() => _previousType = LPAREN;

    /// <summary>The next token, with separators arranged as described above.</summary>
    public override IToken NextToken()
    {
        var token = _pushedBack ?? NextSignificantToken();
        _pushedBack = null;
        var emitted = SeparatorBefore(token);
        if (emitted is null) emitted = token;
        else _pushedBack = token;
        _previousType = emitted.Type;
        return emitted;
    }

    // The separator to emit before `token`, if one is due.
    private IToken? SeparatorBefore(IToken token)
    {
        bool afterSeparator = _previousType is NEWLINE or SEMI or LBRACE;
        if (_previousType == RBRACE && token.Type is not (NEWLINE or SEMI or RBRACE or ELSE or ELIF or Eof or RPAREN or RBRACKET or COMMA))
            return Synthetic(SEMI, ";", token);
        if (token.Type == RBRACE && !afterSeparator) return Synthetic(SEMI, ";", token);
        if (token.Type == Eof && _previousType is not (NEWLINE or SEMI) && _bracketDepth == 0) return Synthetic(NEWLINE, "\n", token);
        return null;
    }

    // A zero-width token placed where `at` starts. It names this lexer as its source, as ANTLR's
    // error recovery makes its own tokens from the source of the token at hand.
    private IToken Synthetic(int type, string text, IToken at) =>
        new CommonToken(Source, type, DefaultTokenChannel, at.StartIndex, at.StartIndex - 1)
    {
        Text = text,
        Line = at.Line,
        Column = at.Column,
    };

    /// <summary>
    /// Whether a `{` after a token of type <paramref name="previousType"/>, inside
    /// <paramref name="bracketDepth"/> brackets, opens a dict display: the previous token leaves an
    /// operand due. (The formatter asks the same of its raw tokens.)
    /// </summary>
    public static bool OpensDict(int previousType, int bracketDepth) => OperatorTokens.IsBinary(previousType) || OperatorTokens.IsCompound(previousType)
        || previousType is ASSIGN or LPAREN or LBRACKET or COMMA or COLON or RETURN or IF or ELIF or WHILE
            or NOT or AND or OR or DOTDOT or GradScriptParser.LDICT
        || (previousType == ELSE && bracketDepth > 0);

    private IToken Retyped(IToken token, int type) =>
        new CompactToken(Source, type, token.StartIndex, token.StopIndex, token.Line, token.Column);

    // The hand-written scanner, when the parser's fast pass asked for it (UseScanner).
    private TokenScanner? _scanner;

    /// <summary>
    /// Reads the grammar's tokens with <see cref="TokenScanner"/> instead of ANTLR's generated
    /// lexer: the same tokens, several times faster. Only for a <see cref="StringCharStream"/>
    /// (text without surrogate pairs); false, and nothing changes, for any other input.
    /// </summary>
    /// <param name="text">The input's text.</param>
    /// <param name="recycles">Whether the parser hands finished tokens back (<see cref="Recycle"/>).</param>
    public bool UseScanner(string text, bool recycles = false)
    {
        if (InputStream is not StringCharStream) return false;
        _scanner = new TokenScanner(text, Source, recycles);
        return true;
    }

    /// <summary>Lets the scanner reuse the tokens before <paramref name="last"/> but <paramref name="kept"/> (see <see cref="TokenPool.Recycle"/>).</summary>
    public void Recycle(IToken last, IToken? kept) => _scanner?.Recycle(last, kept);

    private IToken NextSignificantToken()
    {
        if (TooDeepBracket is not null) return _scanner?.EndOfInput() ?? EmitEOF();
        while (true)
        {
            IToken token = _scanner?.Next() ?? base.NextToken();
            switch (token.Type)
            {
                case LPAREN or LBRACKET:
                    if (++_bracketDepth > MaxBracketDepth) TooDeepBracket ??= token;
                    break;
                case RPAREN or RBRACKET:
                    if (_bracketDepth > 0) _bracketDepth--;
                    break;
                case LBRACE when OpensDict(_previousType, _bracketDepth):
                    _braces.Push(true);
                    if (++_bracketDepth > MaxBracketDepth) TooDeepBracket ??= token;
                    return Retyped(token, GradScriptParser.LDICT);
                case LBRACE:
                    _braces.Push(false);
                    break;
                case RBRACE when _braces.TryPop(out bool dict) && dict:
                    if (_bracketDepth > 0) _bracketDepth--;
                    return Retyped(token, GradScriptParser.RDICT);
                case NEWLINE when _bracketDepth > 0:
                    continue;
            }
            return token;
        }
    }
}
