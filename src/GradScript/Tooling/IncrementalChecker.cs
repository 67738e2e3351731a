namespace GradScript.Tooling;

using GradScript.Diagnostics;
using GradScript.Syntax;

/// <summary>
/// Finds a script's problems again after an edit, analysing only the top-level statements the edit
/// touched: what an editor needs on every keystroke. The answer is always the one
/// <see cref="ScriptProblems.Of"/> gives for a whole analysis of the text (a property test holds
/// the two equal over random edits of real scripts); only the time differs.
/// </summary>
/// <remarks>
/// The text is cut into pieces where top-level statements begin (ScriptPieces), and each piece is
/// analysed as a script of its own, its places counted from its first line; an analysis is kept as
/// long as its piece's text recurs, wherever it moves. Why the pieces add up to the whole:
/// <list type="bullet">
/// <item>When every piece parses, the script is their statements in a row: a piece that parses ends
/// its last statement with a newline at top level, and only <c>else</c> or <c>elif</c> could carry a
/// statement on past that, which begin no piece. Top-level statements are resolved each alone
/// (every name there is global), so each error belongs to one piece; a global is undefined when no
/// piece defines it.</item>
/// <item>When a piece does not parse, the script has only syntax errors, and the parser finds them
/// reading on from the piece before the first broken one (where it stands as at a script's start)
/// until it reaches a later cut cleanly (see ScriptParser.TryParse), from where the pieces are
/// known to hold no errors.</item>
/// </list>
/// Anything outside those cases (text no script may hold, a line ending with an angle bracket,
/// errors in a piece the parse of a broken one does not reach, too many errors, nesting too deep)
/// is analysed whole. Not thread-safe: one
/// checker serves one document, a check at a time.
/// </remarks>
public sealed class IncrementalChecker
{
    // A script with more errors than this is analysed whole: the parser stops collecting past it.
    private const int ErrorsKeptByParser = 5 * ScriptSyntaxException.MaxErrors;

    private Dictionary<string, ScriptAnalysis> _pieces = new(StringComparer.Ordinal);

    /// <summary>How many pieces the last check analysed afresh (the rest were known), for tests and benchmarks.</summary>
    public int PiecesAnalysed { get; private set; }

    // The last check's text and its pieces, when they all parsed and were merged: what its colours are made of.
    private (string Text, SourceText Source, List<(int Start, int Line)> Cuts, ScriptAnalysis[] Pieces)? _merged;

    // The line the last check's parse of broken statements stopped before (0: it read to the end, or there was none).
    internal int SyntaxParseStoppedAt { get; private set; }

    /// <summary>The problems of <paramref name="text"/>, reusing what the last check learnt of the text it had.</summary>
    /// <param name="text">The script as it now is.</param>
    /// <param name="name">The name its places are reported under.</param>
    public ScriptProblems Check(string text, string name = "<input>")
    {
        var source = new SourceText(name, text);
        string normalized = ScriptParser.Normalize(source.Text);
        if (ScriptParser.HasInvalidCharacters(normalized)) return Whole(text, name);
        var cuts = ScriptPieces.Split(normalized, out bool angleAtLineEnd);
        if (angleAtLineEnd) return Whole(text, name);
        var pieces = new ScriptAnalysis[cuts.Count];
        var kept = new Dictionary<string, ScriptAnalysis>(cuts.Count, StringComparer.Ordinal);
        PiecesAnalysed = SyntaxParseStoppedAt = 0;
        _merged = null;
        for (int i = 0; i < cuts.Count; i++)
        {
            int end = i + 1 < cuts.Count ? cuts[i + 1].Start : normalized.Length;
            string piece = normalized[cuts[i].Start..end];
            if (!kept.TryGetValue(piece, out var analysis) && !_pieces.TryGetValue(piece, out analysis))
            {
                analysis = ScriptAnalysis.Analyze(piece, name);
                PiecesAnalysed++;
            }
            kept[piece] = analysis;
            pieces[i] = analysis;
        }
        _pieces = kept;
        if (Array.FindIndex(pieces, p => !p.Parsed) is int broken and >= 0)
            return SyntaxErrors(source, normalized, cuts, pieces, broken) ?? Whole(text, name);
        if (Merged(source, cuts, pieces) is not { } merged) return Whole(text, name);
        _merged = (text, source, cuts, pieces);
        return merged;
    }

    /// <summary>
    /// The keywords and names of <paramref name="text"/>, exactly as <see cref="ScriptTokens.Classify"/>
    /// gives them for a whole analysis, made from the pieces of the last check when it was of this
    /// text and every piece parsed; else null, and the caller classifies a whole analysis.
    /// </summary>
    public IReadOnlyList<ScriptToken>? Tokens(string text)
    {
        if (_merged is not { } last || !ReferenceEquals(last.Text, text) && last.Text != text) return null;
        // A global is what its first binding in any piece makes it; a piece binding it later, or
        // only reading it, does not know that by itself. (One text twice is one analysis twice: the
        // first binding is told by its piece's place, not only by its symbol.)
        var globals = new Dictionary<string, (int Piece, ScriptSymbol Symbol)>(StringComparer.Ordinal);
        for (int i = 0; i < last.Pieces.Length; i++)
        {
            foreach (var symbol in last.Pieces[i].Symbols)
            {
                if (symbol.IsGlobal && symbol.Definition is not null) globals.TryAdd(symbol.Name, (i, symbol));
            }
        }
        var tokens = new List<ScriptToken>();
        for (int i = 0; i < last.Pieces.Length; i++)
        {
            int lines = last.Cuts[i].Line - 1;
            foreach (var (token, symbol) in last.Pieces[i].Words)
            {
                var (kind, definition) = (token.Kind, token.IsDefinition);
                if (symbol is { IsGlobal: true } && globals.TryGetValue(symbol.Name, out var first))
                    (kind, definition) = (ScriptTokens.KindOf(first.Symbol), definition && first.Piece == i);
                tokens.Add(new ScriptToken(Shift(token.Span, last.Source, lines), kind, definition));
            }
        }
        return tokens;
    }

    private static ScriptProblems Whole(string text, string name) => ScriptProblems.Of(ScriptAnalysis.Analyze(text, name));

    // Every piece parsed: their errors in a row, and the names no piece defines.
    private static ScriptProblems? Merged(SourceText source, List<(int Start, int Line)> cuts, ScriptAnalysis[] pieces)
    {
        var errors = new List<ScriptDiagnostic>();
        // Each variable in the order the script first uses it, with the pieces' symbols that are it
        // (a global's from every piece) and their line shifts: places are shifted only if reported.
        var variables = new List<(string Name, bool Global, List<(int Lines, ScriptSymbol Symbol)> Parts)>();
        var globals = new Dictionary<string, int>(StringComparer.Ordinal);
        var defined = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < pieces.Length; i++)
        {
            var piece = pieces[i];
            if (!piece.HasSymbols) return null;
            int lines = cuts[i].Line - 1;
            foreach (var error in piece.Diagnostics) errors.Add(error with { Span = Shift(error.Span, source, lines) });
            foreach (var symbol in piece.Symbols)
            {
                if (symbol.IsGlobal)
                {
                    if (symbol.Definition is not null) defined.Add(symbol.Name);
                    if (!globals.TryGetValue(symbol.Name, out int at))
                    {
                        globals[symbol.Name] = at = variables.Count;
                        variables.Add((symbol.Name, true, []));
                    }
                    variables[at].Parts.Add((lines, symbol));
                }
                else if (symbol.Kind == ScriptSymbolKind.Undefined) variables.Add((symbol.Name, false, [(lines, symbol)]));
            }
        }
        if (errors.Count >= ErrorsKeptByParser) return null;
        var builtins = ScriptAnalysis.BuiltinNameSet;
        var undefined = new List<UndefinedName>();
        foreach (var (name, global, parts) in variables)
        {
            if (global && (defined.Contains(name) || builtins.Contains(name))) continue;
            foreach (var (lines, symbol) in parts)
            {
                foreach (var span in symbol.References) undefined.Add(new UndefinedName(name, Shift(span, source, lines)));
            }
        }
        return new ScriptProblems(errors, undefined, parsed: true);
    }

    // Some piece does not parse: the syntax errors of the parse from the piece before it on, to
    // the first cut after the last broken piece that it reaches cleanly.
    private ScriptProblems? SyntaxErrors(SourceText source, string text, List<(int Start, int Line)> cuts, ScriptAnalysis[] pieces, int broken)
    {
        int first = Math.Max(0, broken - 1);
        int last = Array.FindLastIndex(pieces, p => !p.Parsed);
        for (int i = 0; i < first; i++)
        {
            // The parse would find these pieces' errors too, and know of them when it reports later ones.
            if (pieces[i].Diagnostics.Count > 0) return null;
        }
        int lines = cuts[first].Line - 1;
        var stopLines = new HashSet<int>();
        for (int i = last + 1; i < cuts.Count; i++) stopLines.Add(cuts[i].Line - lines);
        var outcome = ScriptParser.TryParse(new SourceText(source.Name, text[cuts[first].Start..]), stopLines);
        // Stopped by nesting in its fast pass, the parse might have gone otherwise in the whole text.
        if (outcome.Fast || outcome.Script is not null || outcome.Errors.Count == 0) return null;
        SyntaxParseStoppedAt = outcome.StoppedAtLine == 0 ? 0 : outcome.StoppedAtLine + lines;
        int resumed = outcome.StoppedAtLine == 0 ? cuts.Count : cuts.FindIndex(c => c.Line == outcome.StoppedAtLine + lines);
        for (int i = resumed; i < cuts.Count; i++)
        {
            if (pieces[i].Diagnostics.Count > 0) return null;
        }
        List<ScriptDiagnostic> errors = [.. outcome.Errors.Select(e => e with { Span = Shift(e.Span, source, lines) })
            .OrderBy(e => e.Span.Line).ThenBy(e => e.Span.Column)];
        return new ScriptProblems(errors, [], parsed: false);
    }

    private static SourceSpan Shift(SourceSpan span, SourceText source, int lines) =>
        new(source, span.Line + lines, span.Column, span.EndLine + lines, span.EndColumn);
}
