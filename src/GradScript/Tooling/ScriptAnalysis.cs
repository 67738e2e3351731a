namespace GradScript.Tooling;

using GradScript.Binding;
using GradScript.Diagnostics;
using GradScript.Runtime;
using GradScript.Syntax;

/// <summary>
/// What an editor needs to know about a script without running it: its errors (syntax and
/// resolution, every one with its place), and its variables with every place each is written,
/// bound by the compiler's own rules. The language server answers diagnostics, hover, completion,
/// definition, references, rename and document symbols from one of these. Made once per version of
/// a text; immutable after.
/// </summary>
public sealed class ScriptAnalysis
{
    // Every place a name is written, in source order: made on the first lookup by place, as the
    // diagnostics a change is answered with need none of it.
    private readonly Lazy<List<(SourceSpan Span, ScriptSymbol Symbol)>> _occurrences;

    // Its keywords and names for an editor's colours (ScriptTokens), made on first need: the
    // incremental checker asks a piece's again whenever the colours of a text are asked for.
    private readonly Lazy<List<(ScriptToken Token, ScriptSymbol? Symbol)>> _words;

    internal List<(ScriptToken Token, ScriptSymbol? Symbol)> Words => _words.Value;

    private ScriptAnalysis(SourceText source, IReadOnlyList<ScriptDiagnostic> diagnostics, List<ScriptSymbol> symbols)
    {
        _words = new(() => ScriptTokens.Words(this));
        Source = source;
        Diagnostics = diagnostics;
        Symbols = symbols;
        _occurrences = new(() =>
        {
            List<(SourceSpan Span, ScriptSymbol Symbol)> all = [.. symbols.SelectMany(s => s.References.Select(r => (r, s)))];
            all.Sort((a, b) => Compare(a.Span, b.Span));
            return all;
        });
    }

    /// <summary>Whether the script parsed, so that <see cref="Symbols"/> are its own.</summary>
    public bool HasSymbols { get; private init; }

    // Whether the parser built the script's tree (its errors, if any, are then not syntax errors
    // that stopped it): what the incremental checker needs to know of a piece of a script.
    internal bool Parsed { get; private init; }

    /// <summary>The text analysed.</summary>
    public SourceText Source { get; }

    /// <summary>Every error found, in source order: syntax errors, then (when it parsed) the resolver's.</summary>
    public IReadOnlyList<ScriptDiagnostic> Diagnostics { get; }

    /// <summary>The script's variables (none when it does not parse), builtins it reads included.</summary>
    /// <remarks>An editor keeps the last analysis that had them for the moments a script being typed does not parse.</remarks>
    public IReadOnlyList<ScriptSymbol> Symbols { get; }

    /// <summary>The names of the builtin functions and constants every script starts with.</summary>
    public static IReadOnlyList<string> BuiltinNames { get; } =
        [.. Builtins.Functions.Select(f => f.Name), .. Builtins.Constants.Select(c => c.Name), "args"];

    internal static IReadOnlySet<string> BuiltinNameSet { get; } = BuiltinNames.ToHashSet(StringComparer.Ordinal);

    /// <summary>The keywords of the language (<c>def</c>, <c>if</c>, <c>import</c>, <c>as</c>, …), sorted: the grammar's own list, which REPLs and editors complete and colour.</summary>
    public static IReadOnlyList<string> Keywords { get; } = KeywordsOfTheGrammar();

    private static List<string> KeywordsOfTheGrammar() =>
        [.. ScriptTokens.KeywordTypes.Select(type => Syntax.Generated.GradScriptLexer.DefaultVocabulary.GetLiteralName(type)![1..^1]).Order(StringComparer.Ordinal)];

    /// <summary>Analyses a script's text.</summary>
    /// <param name="text">The script.</param>
    /// <param name="name">The name its places are reported under.</param>
    public static ScriptAnalysis Analyze(string text, string name = "<input>")
    {
        var source = new SourceText(name, text);
        var parsed = ScriptParser.TryParse(source);
        var errors = parsed.Errors.ToList();
        var symbols = new List<ScriptSymbol>();
        bool bound = false;
        if (parsed.Script is { } script)
        {
            try
            {
                // Misplaced statements (`return` outside a function) leave every name bound all the same.
                var resolution = Resolver.Resolve(script, errors);
                symbols = SymbolCollector.Collect(script, resolution, source);
                bound = true;
            }
            catch (ScriptSyntaxException e)
            {
                errors.AddRange(e.Errors);
            }
            catch (InsufficientExecutionStackException)
            {
                // Too deep to walk for names: its errors stand, it has no symbols.
            }
        }
        var builtins = BuiltinNameSet;
        foreach (var symbol in symbols)
        {
            if (symbol.Definition is null) symbol.Kind = builtins.Contains(symbol.Name) ? ScriptSymbolKind.Builtin : ScriptSymbolKind.Undefined;
        }
        // Stable, so that errors at one place keep the order they were found in (syntax before resolution).
        List<ScriptDiagnostic> sorted = [.. errors.OrderBy(e => e.Span.Line).ThenBy(e => e.Span.Column)];
        return new ScriptAnalysis(source, sorted, symbols) { HasSymbols = bound, Parsed = parsed.Script is not null };
    }

    /// <summary>
    /// The variable whose name is written at a 1-based line and column (code points), and the place
    /// it is written there; a column just past the name counts, as an editor's caret stands there.
    /// </summary>
    public (ScriptSymbol Symbol, SourceSpan Span)? SymbolAt(int line, int column)
    {
        var occurrences = _occurrences.Value;
        int low = 0, high = occurrences.Count - 1;
        while (low <= high)
        {
            int middle = (low + high) / 2;
            var span = occurrences[middle].Span;
            if (span.Line < line || (span.Line == line && span.EndColumn < column)) low = middle + 1;
            else if (span.Line > line || span.Column > column) high = middle - 1;
            else return (occurrences[middle].Symbol, span);
        }
        return null;
    }

    /// <summary>
    /// The variables visible at a place, nearest first: the locals of the functions around it
    /// (innermost first, a name shadowing an outer one), then the script's globals. Builtins the
    /// script does not read are not among them: see <see cref="BuiltinNames"/>.
    /// </summary>
    public IReadOnlyList<ScriptSymbol> VisibleAt(int line, int column)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var visible = new List<ScriptSymbol>();
        // Locals of enclosing functions: the innermost scope is the smallest span holding the place.
        var locals = Symbols.Where(s => s.Scope is { } scope && Contains(scope, line, column) && s.Definition is not null)
            .OrderBy(s => Size(s.Scope!.Value));
        foreach (var symbol in locals.Concat(Symbols.Where(s => s.IsGlobal && s.Definition is not null)))
        {
            if (seen.Add(symbol.Name)) visible.Add(symbol);
        }
        return visible;
    }

    /// <summary>Whether <paramref name="name"/> can name a variable: a name that is not a keyword.</summary>
    public static bool IsValidName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
        && !Keywords.Contains(name);

    /// <summary>
    /// The edits that rename <paramref name="symbol"/> to <paramref name="newName"/>: every place its
    /// name is written, in this script only (a rename stays inside the variable's scope: another
    /// function's variable of the same name is another symbol). An <c>import</c> that bound it
    /// without <c>as</c> gets <c>as NEWNAME</c>, so the module it names stays the same.
    /// </summary>
    /// <exception cref="ArgumentException">The new name is no name, or the symbol is a builtin or undefined.</exception>
    public IReadOnlyList<(SourceSpan Span, string Text)> RenameEdits(ScriptSymbol symbol, string newName)
    {
        if (!IsValidName(newName)) throw new ArgumentException($"'{newName}' is not a name", nameof(newName));
        if (symbol.Kind is ScriptSymbolKind.Builtin or ScriptSymbolKind.Undefined)
            throw new ArgumentException($"'{symbol.Name}' is not defined in this script", nameof(symbol));
        return [.. symbol.References.Select(span => symbol._importsWithoutAlias.Contains(span)
            ? (new SourceSpan(span.Source, span.EndLine, span.EndColumn, span.EndLine, span.EndColumn), $" as {newName}")
            : (span, newName))];
    }

    internal static int Compare(SourceSpan a, SourceSpan b) => a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Column.CompareTo(b.Column);

    private static bool Contains(SourceSpan span, int line, int column) =>
        (line > span.Line || (line == span.Line && column >= span.Column)) && (line < span.EndLine || (line == span.EndLine && column <= span.EndColumn));

    private static long Size(SourceSpan span) => ((long)(span.EndLine - span.Line) << 20) + span.EndColumn - span.Column;
}
