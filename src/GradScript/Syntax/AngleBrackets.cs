namespace GradScript.Syntax;

using Antlr4.Runtime;
using static GradScript.Syntax.Generated.GradScriptParser;

/// <summary>
/// Whether a <c>&lt;</c> or <c>&gt;</c> after an operand is a comparison or an angle block's
/// bracket, decided on tokens counted, not by ANTLR's prediction. The grammar is ambiguous there
/// (<c>while a &lt; b { … }</c> against <c>while a &lt; b = 1 &gt;</c>), and ANTLR would look ahead as far
/// as the two readings stay possible: over the whole right operand, however deeply nested, with a
/// recursion in its prediction for every level, and again for every operator of a flat chain.
/// </summary>
/// <remarks>
/// The rules:
/// <list type="bullet">
/// <item>A <c>&gt;</c> is a comparison except where it can end an angle block: after an
/// expression of a statement directly inside one, and not followed by an operand.</item>
/// <item>A <c>&lt;</c> is a comparison except in the condition of <c>if</c>/<c>while</c> or the iterable of
/// <c>for</c>, outside brackets, where the tokens after it decide (<see cref="HeaderScan"/>).</item>
/// </list>
/// So inside an angle block <c>a &gt; b</c> at the end of a line needs parentheses, as the language
/// reference says of comparisons there.
/// </remarks>
internal sealed class AngleBrackets
{
    // The last header scan: the `<` tokens from its start up to its deciding token all get their
    // answer from it, so a header of many comparisons is scanned once, not once per `<`.
    private int _scanStart = -1, _scanEnd = -1, _blockOpener = -1;

    /// <summary>Whether the <c>&lt;</c> or <c>&gt;</c> at <c>LT(1)</c> of <paramref name="tokens"/>, after an operand of the expression <paramref name="context"/>, is a comparison.</summary>
    public bool IsComparison(ITokenStream tokens, RuleContext context)
    {
        var invoker = ExpressionInvoker(context);
        if (tokens.LA(1) == GT) return !InAngleBlock(invoker) || StartsOperand(tokens.LA(2));
        return !IsHeader(invoker) || !OpensAngleBlock(tokens);
    }

    // The rule that invoked the outermost expression of which `context` is a part (through
    // `not`, `and`, `or` and a conditional expression's `test`): a statement, an argument, a bracket …
    private static RuleContext? ExpressionInvoker(RuleContext context)
    {
        var current = context;
        while (current is { RuleIndex: RULE_expr or RULE_test }) current = current.Parent;
        return current;
    }

    private static bool IsHeader(RuleContext? invoker) =>
        invoker is ParserRuleContext { RuleIndex: RULE_ifStatement } ||
        invoker is ParserRuleContext { RuleIndex: RULE_statement, Start.Type: WHILE or FOR };

    // An expression statement, assignment (its targets or values) or return directly in `< … >`.
    private static bool InAngleBlock(RuleContext? invoker)
    {
        if (invoker is { RuleIndex: RULE_expressions }) invoker = invoker.Parent;
        return invoker is ParserRuleContext { RuleIndex: RULE_statement, Start.Type: not (WHILE or FOR) } statement
            && statement.Parent is ParserRuleContext { RuleIndex: RULE_block, Start.Type: LT };
    }

    // A `{` after `>` is a dict display's (the lexer has made it LDICT): `w > {"k": 1}["k"] { … }`.
    private static bool StartsOperand(int type) =>
        type is INT or FLOAT or STRING or FSTRING or TRUE or FALSE or NONE or NAME or LPAREN or LBRACKET or LDICT or MINUS or PLUS;

    private bool OpensAngleBlock(ITokenStream tokens)
    {
        int start = tokens.LT(1).StartIndex;
        if (start < _scanStart || start >= _scanEnd) HeaderScan(tokens);
        return start == _blockOpener;
    }

    /// <summary>
    /// Reads on from a <c>&lt;</c> in a header, outside brackets, to the first token that settles what
    /// follows the header: a <c>{</c> (the header's block: every <c>&lt;</c> before it compared), or a token
    /// that can only be inside a block (<c>=</c>, a separator, a statement's keyword, a <c>&gt;</c> that ends
    /// a statement): then the last <c>&lt;</c> before it opened that block. The scan is a loop over tokens,
    /// however they nest; it reads the tokens once, as the parser will.
    /// </summary>
    private void HeaderScan(ITokenStream tokens)
    {
        int depth = 0, lastLess = tokens.LT(1).StartIndex, previous = LT;
        // The `<` whose block a `>` at the end of a line would close, if one has been passed: unless
        // a `{` shows that it compared, the block ended there, and a `<` on a later line belongs to
        // the next statement (`for i in xs < f(i) >` NEWLINE `a < b`).
        int closedAtLineEnd = -1;
        bool opens = true;
        IToken token;
        for (int i = 2; ; i++, previous = token.Type == NEWLINE ? previous : token.Type)
        {
            token = tokens.LT(i);
            int type = token.Type;
            if (type is LPAREN or LBRACKET or LDICT) depth++;
            else if (type is RPAREN or RBRACKET or RDICT && --depth < 0) break;
            else if (type == TokenConstants.EOF) break;
            else if (depth > 0) continue;
            else if (type == LBRACE)
            {
                opens = false;
                break;
            }
            else if (type == LT) lastLess = token.StartIndex;
            // A `>` before the end of its line can only end the block; at the end of a line it may
            // compare with the next line's operand (`a >` NEWLINE `b {`): the scan reads on, and
            // the next line settles it (a `{`, or the end of a statement after the block).
            else if (type == GT && tokens.LA(i + 1) != NEWLINE && !StartsOperand(tokens.LA(i + 1))) break;
            else if (type == GT && tokens.LA(i + 1) == NEWLINE && closedAtLineEnd < 0) closedAtLineEnd = lastLess;
            else if (type == NEWLINE && !ContinuesLine(previous) && !(tokens.LA(i + 1) == ELSE && EndsOperand(previous))) break;
            // After an operand, `if` and `else` go on with a conditional expression
            // (`while n < 2 if x else false {`); after a `<` or a `>` they begin or follow a block.
            else if (type is IF or ELSE && EndsOperand(previous)) continue;
            else if (EndsHeader(type)) break;
        }
        _scanStart = tokens.LT(1).StartIndex;
        _scanEnd = Math.Max(token.StartIndex, _scanStart + 1);
        _blockOpener = !opens ? -1 : closedAtLineEnd >= 0 ? closedAtLineEnd : lastLess;
    }

    // A token after which a line goes on: the grammar allows newlines after a binary operator, a
    // comma and a conditional expression's `if` and `else` (and before its `else`, above).
    private static bool ContinuesLine(int type) =>
        type is LT or GT or LE or GE or EQ or NE or IN or AND or OR or NOT or PLUS or MINUS or STAR or SLASH
            or SLASHSLASH or PERCENT or CARET or STARSTAR or DOTDOT or COMMA or IF or ELSE;

    // A token after which an operand is complete: `if` there continues a conditional expression
    // (`while n < 2 if x else false {`), where after `<` it would begin a block's statement.
    private static bool EndsOperand(int type) =>
        type is INT or FLOAT or STRING or FSTRING or TRUE or FALSE or NONE or NAME or RPAREN or RBRACKET or RDICT;

    // Tokens that no header expression holds outside brackets (`if` and `else` but in a conditional
    // expression): a block's statement has begun.
    private static bool EndsHeader(int type) =>
        OperatorTokens.IsCompound(type) || type is ASSIGN or COMMA or SEMI or RBRACE
            or DEF or RETURN or IF or ELSE or WHILE or FOR or BREAK or CONTINUE or GLOBAL or NO_GRAD or IMPORT;
}
