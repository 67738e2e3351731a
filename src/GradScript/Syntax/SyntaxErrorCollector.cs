namespace GradScript.Syntax;

using Antlr4.Runtime;
using GradScript.Diagnostics;
using GradScript.Syntax.Generated;

/// <summary>
/// Collects syntax errors with their places, in GradScript's own words instead of ANTLR's
/// ("unexpected ')', expected a name"), up to <see cref="ScriptSyntaxException.MaxErrors"/>.
/// </summary>
internal sealed class SyntaxErrorCollector(SourcePositions positions) : BaseErrorListener
{
    private readonly List<ScriptDiagnostic> _errors = new();
    private readonly HashSet<(int, int)> _places = new();

    public IReadOnlyList<ScriptDiagnostic> Errors => _errors;

    /// <summary>True when the first error is an unexpected end of input: the REPL reads more lines.</summary>
    public bool EndedEarly { get; private set; }

    public bool HasErrors => _errors.Count > 0;

    public void Add(string message, SourceSpan span, string? hint)
    {
        // One error per place: ANTLR's recovery often reports the same spot twice.
        // More than are shown are kept, since errors arrive from several stages and are sorted by place at the end.
        if (span.Line == _quietLine) return;
        if (_errors.Count >= 5 * ScriptSyntaxException.MaxErrors || !_places.Add((span.Line, span.Column))) return;
        _errors.Add(new ScriptDiagnostic(message, span, hint));
    }

    private int _quietLine;

    /// <summary>
    /// Drops the errors found later on <paramref name="line"/>: an error that has explained the
    /// line (a Python block header) would otherwise be followed by the parser's view of the same slip.
    /// </summary>
    public void QuietUntilLineEnd(int line) => _quietLine = line;

    public void Add(string message, IToken token) => Add(message, positions.Span(token));

    public void Add(string message, SourceSpan span) => Add(message, span, null);

    /// <summary>Adds the errors collected here to <paramref name="other"/>.</summary>
    public void CopyTo(SyntaxErrorCollector other)
    {
        foreach (var error in _errors) other.Add(error.Message, error.Span, error.Hint);
    }

    public override void SyntaxError(TextWriter output, IRecognizer recognizer, IToken offendingSymbol,
        int line, int charPositionInLine, string msg, RecognitionException e)
    {
        if (_errors.Count == 0 && offendingSymbol.Type == TokenConstants.EOF) EndedEarly = true;
        // Past the errors kept, none is looked into (a huge broken input reports thousands).
        if (_errors.Count >= 5 * ScriptSyntaxException.MaxErrors) return;
        if (recognizer is Parser atOpener && SyntaxHints.UnclosedOpener(atOpener, offendingSymbol) is { } opener)
        {
            // A block left open at the end after an earlier error is that error's echo (its '}' was
            // skipped with the broken statement), not a second mistake.
            if (opener.Type == GradScriptLexer.LBRACE && _errors.Count > 0) return;
            var (unclosed, hint) = SyntaxHints.Unclosed(opener);
            Add(unclosed, positions.Span(opener), hint);
            return;
        }
        if (recognizer is Parser chain && SyntaxHints.ChainsAComparison(chain, offendingSymbol))
        {
            Add(Hints.ChainedComparisonMessage, positions.Span(offendingSymbol), Hints.ChainedComparisonHint);
            QuietUntilLineEnd(offendingSymbol.Line);
            return;
        }
        // `a + 1 = 2`: a whole expression statement, then `=` where a statement ought to end.
        if (offendingSymbol.Type == GradScriptLexer.ASSIGN && recognizer is Parser { Context: GradScriptParser.ProgramContext or GradScriptParser.BlockContext })
        {
            Add("cannot assign to an expression: only a name or an item xs[i] can be assigned (to compare, write '==')", offendingSymbol);
            return;
        }
        // `{ ... }` where a statement should begin: ANTLR, at the end of the statements it could
        // parse, can only say that the input should have ended.
        if (offendingSymbol.Type == GradScriptLexer.LBRACE && recognizer is Parser { Context: GradScriptParser.ProgramContext or GradScriptParser.BlockContext })
        {
            Add("unexpected '{': a block cannot stand alone; it follows if, else, while, for, def or no_grad", offendingSymbol);
            return;
        }
        // `1 +` at the end: ANTLR leaves the operator loop before it sees the missing operand, and
        // would blame the operator; what is missing is what follows it.
        if (recognizer is Parser p && IsOperator(offendingSymbol.Type) && AtEnd(p.InputStream, 2))
        {
            if (_errors.Count == 0) EndedEarly = true;
            Add($"unexpected end of input after {Describe(offendingSymbol)}", offendingSymbol);
            return;
        }
        // Two statements on one line.
        if (recognizer is Parser q && ExpectsSeparator(q)
            && offendingSymbol.Type is not (TokenConstants.EOF or GradScriptLexer.NEWLINE or GradScriptLexer.RPAREN or GradScriptLexer.RBRACKET or GradScriptLexer.RBRACE))
        {
            Add($"expected a new line or ';' before {Describe(offendingSymbol)}", offendingSymbol);
            return;
        }
        string message = $"unexpected {Describe(offendingSymbol)}";
        if (recognizer is Parser parser)
        {
            string? expected = DescribeExpected(parser);
            if (expected is not null) message += $", expected {expected}";
        }
        Add(message, offendingSymbol);
    }

    private static string? DescribeExpected(Parser parser)
    {
        Antlr4.Runtime.Misc.IntervalSet expected;
        try { expected = parser.GetExpectedTokens(); }
        catch (ArgumentException) { return null; }
        // Where any expression may stand, the list of its first tokens says less than "an expression".
        if (expected.Contains(GradScriptLexer.NAME) && expected.Contains(GradScriptLexer.INT)) return "an expression";
        var names = expected.ToList().Select(Describe).Distinct().ToList();
        if (names.Count is 0 or > 3) return null;
        return names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " or " + names[^1];
    }

    // Only the input's end (and the newline the lexer puts before it) from the k-th token on.
    private static bool AtEnd(IIntStream input, int k) =>
        input.LA(k) == TokenConstants.EOF || (input.LA(k) == GradScriptLexer.NEWLINE && input.LA(k + 1) == TokenConstants.EOF);

    private static bool ExpectsSeparator(Parser parser)
    {
        try
        {
            var expected = parser.GetExpectedTokens();
            return expected.Contains(GradScriptLexer.SEMI) && expected.Contains(GradScriptLexer.NEWLINE);
        }
        catch (ArgumentException) { return false; }
    }

    public static bool IsOperator(int type) => type is GradScriptLexer.PLUS or GradScriptLexer.MINUS or GradScriptLexer.STAR
        or GradScriptLexer.SLASH or GradScriptLexer.SLASHSLASH or GradScriptLexer.PERCENT or GradScriptLexer.CARET
        or GradScriptLexer.AND or GradScriptLexer.OR or GradScriptLexer.NOT or GradScriptLexer.DOTDOT
        or GradScriptLexer.EQ or GradScriptLexer.NE or GradScriptLexer.LT or GradScriptLexer.LE or GradScriptLexer.GT or GradScriptLexer.GE;

    /// <summary>How a token is named in messages.</summary>
    public static string Describe(IToken token) => token.Type switch
    {
        TokenConstants.EOF => "end of input",
        GradScriptLexer.NEWLINE => "end of line",
        _ => $"'{token.Text}'",
    };

    private static string Describe(int tokenType) => tokenType switch
    {
        TokenConstants.EOF => "end of input",
        GradScriptLexer.NEWLINE => "end of line",
        GradScriptLexer.NAME => "a name",
        GradScriptLexer.INT or GradScriptLexer.FLOAT => "a number",
        GradScriptLexer.STRING or GradScriptLexer.FSTRING => "a string",
        // A dict display's braces are types of their own, without a spelling in the grammar.
        GradScriptParser.LDICT => "'{'",
        GradScriptParser.RDICT => "'}'",
        _ => GradScriptLexer.DefaultVocabulary.GetLiteralName(tokenType) ?? GradScriptLexer.DefaultVocabulary.GetDisplayName(tokenType),
    };
}
