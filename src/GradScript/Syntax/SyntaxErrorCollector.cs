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

    public void Add(string message, SourceSpan span)
    {
        // One error per place: ANTLR's recovery often reports the same spot twice.
        if (_errors.Count >= ScriptSyntaxException.MaxErrors || !_places.Add((span.Line, span.Column))) return;
        _errors.Add(new ScriptDiagnostic(message, span));
    }

    public void Add(string message, IToken token) => Add(message, positions.Span(token));

    public override void SyntaxError(TextWriter output, IRecognizer recognizer, IToken offendingSymbol,
        int line, int charPositionInLine, string msg, RecognitionException e)
    {
        if (_errors.Count == 0 && offendingSymbol.Type == TokenConstants.EOF) EndedEarly = true;
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
        var names = expected.ToList().Select(Describe).Distinct().ToList();
        if (names.Count is 0 or > 3) return null;
        return names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " or " + names[^1];
    }

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
        _ => GradScriptLexer.DefaultVocabulary.GetLiteralName(tokenType) ?? GradScriptLexer.DefaultVocabulary.GetDisplayName(tokenType),
    };
}
