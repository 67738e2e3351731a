namespace GradScript.Tooling;

using GradScript.Syntax;
using static GradScript.Syntax.Generated.GradScriptLexer;

/// <summary>What a token is to the layout: the spacing and line rules are written over these.</summary>
internal enum TokenKind
{
    /// <summary>A name or a literal: something an operator, a call or an index can follow.</summary>
    Operand,
    /// <summary>A keyword that is not a literal (<c>def</c>, <c>and</c>, <c>not</c>, …): blanks around it.</summary>
    Keyword,
    /// <summary><c>(</c> or <c>[</c>.</summary>
    Open,
    /// <summary><c>)</c> or <c>]</c>.</summary>
    Close,
    /// <summary><c>{</c>, which opens a block.</summary>
    BlockOpen,
    /// <summary><c>}</c>, which closes a block.</summary>
    BlockClose,
    /// <summary><c>&lt;</c> or <c>&gt;</c>: a comparison, or the delimiter of an angle block.</summary>
    Angle,
    /// <summary><c>+</c> or <c>-</c>: binary, or a sign.</summary>
    Sign,
    /// <summary>Any other binary operator.</summary>
    Operator,
    /// <summary><c>=</c>: an assignment, or a keyword argument's or a default's.</summary>
    Assign,
    /// <summary><c>+=</c> and the others.</summary>
    CompoundAssign,
    /// <summary><c>,</c>.</summary>
    Comma,
    /// <summary><c>;</c>.</summary>
    Semicolon,
    /// <summary><c>:</c> of a dict entry, a slice or a lambda.</summary>
    Colon,
    /// <summary><c>.</c> of a member.</summary>
    Dot,
    /// <summary><c>..</c> of a range.</summary>
    DotDot,
    /// <summary>A line end.</summary>
    Newline,
    /// <summary>A comment, to the line's end.</summary>
    Comment,
    /// <summary>A backslash that joins a line to the next.</summary>
    LineJoin,
}

/// <summary>The kind of every token type of the grammar.</summary>
internal static class TokenKinds
{
    /// <summary>
    /// The kind of a token type. A token type the grammar gains is refused here, loudly, rather than
    /// laid out by a guess: the formatter's tests ask this of every type in the vocabulary.
    /// </summary>
    public static TokenKind Of(int type) => type switch
    {
        NAME or INT or FLOAT or STRING or FSTRING or TRUE or FALSE or NONE => TokenKind.Operand,
        DEF or RETURN or IF or ELSE or WHILE or FOR or IN or BREAK or CONTINUE or AND or OR or NOT
            or GLOBAL or NO_GRAD or IMPORT or AS or ELIF or LAMBDA or DEL => TokenKind.Keyword,
        LPAREN or LBRACKET or GradScript.Syntax.Generated.GradScriptParser.LDICT => TokenKind.Open,
        RPAREN or RBRACKET or GradScript.Syntax.Generated.GradScriptParser.RDICT => TokenKind.Close,
        COLON => TokenKind.Colon,
        LBRACE => TokenKind.BlockOpen,
        RBRACE => TokenKind.BlockClose,
        LT or GT => TokenKind.Angle,
        PLUS or MINUS => TokenKind.Sign,
        ASSIGN => TokenKind.Assign,
        COMMA => TokenKind.Comma,
        SEMI => TokenKind.Semicolon,
        DOT => TokenKind.Dot,
        DOTDOT => TokenKind.DotDot,
        NEWLINE => TokenKind.Newline,
        COMMENT => TokenKind.Comment,
        LINE_JOIN => TokenKind.LineJoin,
        // After the keywords, signs and angles above, which are operators too but laid out apart.
        _ when OperatorTokens.IsBinary(type) => TokenKind.Operator,
        _ when OperatorTokens.IsCompound(type) => TokenKind.CompoundAssign,
        _ => throw new NotSupportedException(
            $"the formatter does not know the token type {DefaultVocabulary.GetSymbolicName(type) ?? type.ToString(System.Globalization.CultureInfo.InvariantCulture)}: give it a kind in {nameof(TokenKinds)}"),
    };

    /// <summary>Whether an operator, a call's bracket or an index's may follow a token of this kind.</summary>
    public static bool EndsOperand(TokenKind kind) => kind is TokenKind.Operand or TokenKind.Close;
}
