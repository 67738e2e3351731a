namespace GradScript.Syntax;

using Antlr4.Runtime;
using GradScript.Syntax.Generated;

/// <summary>
/// Recognises, at a syntax error, the common mistakes whose real cause is elsewhere than the
/// token the parser stumbled on, so the error can name the cause: a bracket or block opened
/// earlier and never closed, or a second comparison in a chain. Both read the tokens of the
/// statement the error is in (the parser may report an error from a prediction that started at
/// the statement's first token, so its rule stack says little about where it stopped).
/// </summary>
internal static class SyntaxHints
{
    /// <summary>Tokens of a statement scanned at most for its open brackets, and of a line for its indentation, so a huge input stays linear.</summary>
    private const int MaxScan = 100_000, MaxLineScan = 1_000;

    /// <summary>
    /// The bracket or brace that was never closed, when the parser stopped at the end of input, or at
    /// the first token of a later line while still inside a <c>(</c> or <c>[</c>: the innermost one
    /// open at that token, counted from the start of the top-level statement the error is in.
    /// </summary>
    public static IToken? UnclosedOpener(Parser parser, IToken offending)
    {
        if (parser.InputStream is not BufferedTokenStream tokens || offending.TokenIndex < 0) return null;
        bool atEnd = offending.Type == TokenConstants.EOF;
        if (!atEnd && (offending.TokenIndex == 0 || tokens.Get(offending.TokenIndex - 1).Line >= offending.Line)) return null;
        // `(w *` at the end: what is missing first is the operand, which the usual message says.
        if (atEnd && LastBefore(tokens, offending.TokenIndex) is { } last && (SyntaxErrorCollector.IsOperator(last.Type) || last.Type == GradScriptLexer.COMMA)) return null;
        int start = StatementStart(parser);
        if (offending.TokenIndex - start > MaxScan) return null;
        var open = new List<IToken>();
        IToken? leftOpen = null;
        for (int i = start; i < offending.TokenIndex; i++)
        {
            var token = tokens.Get(i);
            switch (token.Type)
            {
                case GradScriptLexer.LPAREN or GradScriptLexer.LBRACKET or GradScriptLexer.LBRACE: open.Add(token); break;
                case GradScriptLexer.RBRACE when open.Count > 1 && Indent(tokens, i) == token.Column && Indent(tokens, open[^1].TokenIndex) > token.Column
                    && Indent(tokens, open[^2].TokenIndex) == token.Column:
                    // A '}' that starts its line under an outer block's line closes that block: the
                    // block indented deeper than it was left open (the usual missing '}').
                    leftOpen ??= open[^1];
                    open.RemoveRange(open.Count - 2, 2);
                    break;
                case GradScriptLexer.RPAREN or GradScriptLexer.RBRACKET or GradScriptLexer.RBRACE:
                    if (open.Count > 0) open.RemoveAt(open.Count - 1);
                    break;
            }
        }
        if (atEnd && leftOpen is not null) return leftOpen;
        if (open.Count == 0) return null;
        var opener = open[^1];
        // Inside a block, a later line is just its next statement: a brace is blamed only at the end.
        if (opener.Type == GradScriptLexer.LBRACE) return atEnd ? opener : null;
        return atEnd || opener.Line < offending.Line ? opener : null;
    }

    // The last token before `index` that is not a line end or separator.
    private static IToken? LastBefore(BufferedTokenStream tokens, int index)
    {
        for (int i = index - 1; i >= 0; i--)
        {
            var token = tokens.Get(i);
            if (token.Type is not (GradScriptLexer.NEWLINE or GradScriptLexer.SEMI)) return token;
        }
        return null;
    }

    // The column of the first token on the line of the token at `index`.
    private static int Indent(BufferedTokenStream tokens, int index)
    {
        int line = tokens.Get(index).Line, first = index;
        while (first > 0 && tokens.Get(first - 1).Line == line && tokens.Get(first - 1).Type != GradScriptLexer.NEWLINE)
        {
            if (index - --first > MaxLineScan) return -1;
        }
        return tokens.Get(first).Column;
    }

    /// <summary>The message and hint for an opener that was never closed.</summary>
    public static (string Message, string Hint) Unclosed(IToken opener) => opener.Type switch
    {
        GradScriptLexer.LBRACE => ("'{' was never closed", "add the '}' that ends this block"),
        GradScriptLexer.LBRACKET => ("'[' was never closed", "add the missing ']'"),
        _ => ("'(' was never closed", "add the missing ')'"),
    };

    /// <summary>Whether <paramref name="offending"/>, a comparison operator, follows another comparison in the same expression.</summary>
    public static bool ChainsAComparison(Parser parser, IToken offending)
    {
        if (!IsComparison(offending.Type) || parser.InputStream is not BufferedTokenStream tokens) return false;
        int depth = 0;
        for (int i = offending.TokenIndex - 1; i >= Math.Max(0, offending.TokenIndex - MaxScan); i--)
        {
            int type = tokens.Get(i).Type;
            switch (type)
            {
                case GradScriptLexer.NEWLINE or GradScriptLexer.SEMI or GradScriptLexer.LBRACE or GradScriptLexer.RBRACE
                    or GradScriptLexer.COMMA or GradScriptLexer.AND or GradScriptLexer.OR or GradScriptLexer.NOT
                    or GradScriptLexer.ASSIGN when depth == 0:
                    return false;
                case GradScriptLexer.RPAREN or GradScriptLexer.RBRACKET: depth++; break;
                case GradScriptLexer.LPAREN or GradScriptLexer.LBRACKET:
                    if (--depth < 0) return false;
                    break;
                case var comparison when depth == 0 && IsComparison(comparison): return true;
            }
        }
        return false;
    }

    private static bool IsComparison(int type) => type is GradScriptLexer.EQ or GradScriptLexer.NE
        or GradScriptLexer.LT or GradScriptLexer.LE or GradScriptLexer.GT or GradScriptLexer.GE;

    // The index of the first token of the top-level statement the parser is in.
    private static int StatementStart(Parser parser)
    {
        int start = 0;
        for (var context = parser.Context; context is not null; context = context.Parent as ParserRuleContext)
        {
            if (context is GradScriptParser.StatementContext && context.Start is { TokenIndex: >= 0 } first) start = first.TokenIndex;
        }
        return start;
    }
}
