namespace GradScript.Syntax;

using Antlr4.Runtime;
using Antlr4.Runtime.Atn;
using Antlr4.Runtime.Misc;
using GradScript.Ast;
using GradScript.Diagnostics;
using GradScript.Syntax.Generated;

/// <summary>
/// Source text in, AST or syntax errors out. Parsing runs in ANTLR's fast SLL mode first and
/// repeats in full LL mode, with error recovery, only when SLL fails; every lexical and syntax error
/// is collected with its place. After <see cref="Parse(SourceText)"/> returns, the AST is complete
/// and every literal in it is decoded.
/// </summary>
internal static class ScriptParser
{
    /// <summary>Parses a whole script, throwing <see cref="ScriptSyntaxException"/> with every error found.</summary>
    public static ScriptNode Parse(SourceText source)
    {
        var outcome = TryParse(source);
        if (outcome.Errors.Count > 0) throw new ScriptSyntaxException(outcome.Errors);
        return outcome.Script!;
    }

    /// <summary>
    /// The result of a parse. <see cref="Script"/> is present when the parse tree is complete, even if
    /// a literal in it was bad (so later stages can report their own errors too); it is only to be
    /// run when <see cref="Errors"/> is empty. <see cref="EndedEarly"/>: the input stopped mid-statement.
    /// </summary>
    public sealed record Outcome(ScriptNode? Script, IReadOnlyList<ScriptDiagnostic> Errors, bool EndedEarly)
    {
        /// <summary>Whether the fast pass settled the parse, so the full pass never ran.</summary>
        public bool Fast { get; init; }

        /// <summary>The line of <c>stopLines</c> the full pass stopped before, or 0 when it read to the end.</summary>
        public int StoppedAtLine { get; init; }
    }

    /// <summary>Parses a whole script, returning its errors instead of throwing.</summary>
    /// <param name="source">The script.</param>
    /// <param name="stopLines">
    /// Lines at which the full (error-reporting) pass may stop: it stops before the first of them
    /// that begins a top-level statement in column 1 while the parser stands exactly as at the start
    /// of a script (the line before ended with a newline token, and no error is being recovered
    /// from), so the rest of the text would be parsed as if it were a script of its own. The
    /// incremental checker (IncrementalChecker) knows the rest already.
    /// </param>
    /// <param name="topLevel">
    /// When given, the fast pass hands each top-level statement here as soon as it is built, with
    /// whether a problem was found so far, and the script's body is left empty. Only an outcome that
    /// is <see cref="Outcome.Fast"/> and has a script has handed over every statement, in order; any
    /// other outcome's statements (a script the full pass parsed) are all in its script.
    /// </param>
    public static Outcome TryParse(SourceText source, IReadOnlySet<int>? stopLines = null, Action<Stmt, bool>? topLevel = null)
    {
        var positions = new SourcePositions(source);
        var errors = new SyntaxErrorCollector(positions);
        string text = Normalize(source.Text);
        if (InvalidCharacters(source, text) is { Count: > 0 } invalid) return new Outcome(null, invalid, false) { Fast = true };
        var pass = new Pass(stopLines) { TopLevel = topLevel };
        var script = (ScriptNode?)Parse(text, errors, positions, p => p.program(), pass);
        return new Outcome(script, errors.Errors, errors.EndedEarly) { Fast = !pass.Full, StoppedAtLine = pass.StoppedAtLine };
    }

    // How a parse went, for the incremental checker: whether the full pass ran, and where it stopped.
    private sealed class Pass(IReadOnlySet<int>? stopLines)
    {
        public IReadOnlySet<int>? StopLines => stopLines;
        public bool Full { get; set; }
        public int StoppedAtLine { get; set; }

        /// <summary>The text is an f-string's field, read as if in brackets (a `{` first opens a dict).</summary>
        public bool InsideBrackets { get; init; }

        /// <summary>Where the fast pass hands each top-level statement (see <see cref="TryParse"/>).</summary>
        public Action<Stmt, bool>? TopLevel { get; init; }
    }

    /// <summary>Parses the text of an f-string's replacement field as one expression.</summary>
    internal static Expr? ParseEmbeddedExpression(string text, SourcePositions positions, SyntaxErrorCollector errors)
    {
        // Its own collector, so that its errors are placed with its own (shifted) positions.
        var inner = new SyntaxErrorCollector(positions);
        var expression = (Expr?)Parse(Normalize(text), inner, positions, p => p.fstringExpr(), new Pass(null) { InsideBrackets = true });
        inner.CopyTo(errors);
        return inner.HasErrors ? null : expression;
    }

    private const string NulCharacter = "a NUL character (U+0000) cannot appear in a script; in a string, write \\0";

    private const string TooDeep = "too deeply nested: the parser's nesting limit was reached here";

    // The AST of `rule` over `text`, or null when the text has a syntax error. The AST is built as
    // the parser goes (see AstBuilder), and no parse tree is kept.
    private static Node? Parse(string text, SyntaxErrorCollector errors, SourcePositions positions,
        Action<GradScriptParser> rule, Pass pass)
    {
        // The fast pass: SLL prediction, and at the first error give up. Its tokens are read as the
        // parser needs them, not all first, so a nesting bomb is stopped where its nesting passes a
        // limit without reading (perhaps megabytes of) the rest; and they are dropped once the
        // parser is past them, so a long script's tokens are not all alive at once. Its lexical
        // errors are kept apart: if the pass fails, the full pass reads the text again.
        var lexical = new SyntaxErrorCollector(positions);
        var lexer = NewLexer(text, pass.InsideBrackets);
        lexer.UseScanner(text, recycles: pass.TopLevel is not null);
        // The stream's window starts small: an f-string's every {field} is a parse of its own.
        var parser = NewParser(new LookaheadTokenStream(new CheckedTokenSource(lexer, lexical, positions), 16));
        parser.Interpreter.PredictionMode = PredictionMode.SLL;
        parser.ErrorHandler = new FastFail();
        var builder = new AstBuilder(positions, parser)
        {
            // A statement handed over is built: its tokens, up to its last (LT(-1)), can be reused,
            // but for the script rule's first (the statement's parent's), which that rule keeps to
            // its end. It is the scanner's first token, or a later one when the checked source
            // left a bad character out.
            TopLevel = pass.TopLevel is { } topLevel ? (statement, problems) =>
            {
                topLevel(statement, problems || lexical.HasErrors);
                lexer.Recycle(((ITokenStream)parser.InputStream).LT(-1), ((ParserRuleContext)parser.Context.Parent).Start);
            } : null,
        };
        parser.AddParseListener(builder);
        try
        {
            rule(parser);
            lexical.CopyTo(errors);
            return builder.Finish(errors);
        }
        catch (ParseCanceledException) { }
        catch (NestingTooDeepException e)
        {
            lexical.CopyTo(errors);
            errors.Add(TooDeep, e.Token);
            return null;
        }
        if (lexer.TooDeepBracket is { } deep)
        {
            lexical.CopyTo(errors);
            errors.Add($"too many nested brackets (more than {GradScriptLexer.MaxBracketDepth})", deep);
            return null;
        }

        // SLL could not decide or the input has errors: the full algorithm, reporting every error,
        // over buffered tokens, which error recovery and its messages look back on.
        pass.Full = true;
        parser = NewParser(new CommonTokenStream(new CheckedTokenSource(NewLexer(text, pass.InsideBrackets), errors, positions)));
        builder = new AstBuilder(positions, parser);
        parser.AddParseListener(builder);
        if (pass.StopLines is { } stopLines) parser.AddParseListener(new StopAtCleanLine(parser, stopLines));
        parser.AddErrorListener(errors);
        parser.Interpreter.PredictionMode = PredictionMode.LL;
        parser.ErrorHandler = new StatementRecovery();
        try
        {
            rule(parser);
            return parser.NumberOfSyntaxErrors > 0 ? null : builder.Finish(errors);
        }
        catch (NestingTooDeepException e)
        {
            errors.Add(TooDeep, e.Token);
            return null;
        }
        catch (StopAtCleanLine.Stopped stop)
        {
            pass.StoppedAtLine = stop.Line;
            return null;
        }
    }

    internal static GradScriptLexer NewLexer(string text, bool insideBrackets = false)
    {
        var lexer = new GradScriptLexer(StringCharStream.For(text)) { TokenFactory = CompactTokenFactory.Instance };
        lexer.RemoveErrorListeners();
        if (insideBrackets) lexer.StartInsideBrackets();
        return lexer;
    }

    private static GradScriptParser NewParser(ITokenStream tokens)
    {
        var parser = new GradScriptParser(tokens) { BuildParseTree = false };
        parser.GuardPredictions();
        parser.RemoveErrorListeners();
        return parser;
    }

    // A .NET string can hold half of a surrogate pair, which is no character at all, and the lexer,
    // which reads code points, cannot take one. Such text is refused before lexing, as Python refuses
    // a file that is not valid UTF-8, with each lone half reported where it stands. So is a NUL
    // character, which Python refuses anywhere in source, even in a string or a comment.
    /// <summary>Whether <paramref name="text"/> holds what no script may: half of a surrogate pair, or a NUL.</summary>
    internal static bool HasInvalidCharacters(string text)
    {
        if (text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0) return text.Contains('\0');
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsSurrogatePair(text, i)) i++;
            else if (char.IsSurrogate(text[i]) || text[i] == '\0') return true;
        }
        return false;
    }

    private static List<ScriptDiagnostic> InvalidCharacters(SourceText source, string text)
    {
        var errors = new List<ScriptDiagnostic>();
        if (text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0 && !text.Contains('\0')) return errors;
        int line = 1, column = 1;
        for (int i = 0; i < text.Length && errors.Count < ScriptSyntaxException.MaxErrors; i++, column++)
        {
            char c = text[i];
            if (c == '\n')
            {
                (line, column) = (line + 1, 0);
                continue;
            }
            if (char.IsSurrogatePair(text, i)) i++;
            else if (char.IsSurrogate(c))
                errors.Add(new ScriptDiagnostic($"invalid text: U+{(int)c:X4} is half of a surrogate pair, not a character", new SourceSpan(source, line, column, line, column + 1)));
            else if (c == '\0')
                errors.Add(new ScriptDiagnostic(NulCharacter, new SourceSpan(source, line, column, line, column + 1)));
        }
        return errors;
    }

    // Every line end becomes \n (and a byte-order mark goes) so that the lexer's line numbers agree with SourceText's.
    internal static string Normalize(string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        if (text.AsSpan().IndexOfAny('\r', '\u2028', '\u2029') < 0) return text;
        return text.Replace("\r\n", "\n").Replace('\r', '\n').Replace('\u2028', '\n').Replace('\u2029', '\n');
    }
}
