namespace GradScript.Tooling;

using Antlr4.Runtime;
using GradScript.Diagnostics;
using GradScript.Runtime;
using GradScript.Syntax;
using GradScript.Syntax.Generated;

/// <summary>What a word of a script is, for an editor's colours (LSP's semantic tokens).</summary>
public enum ScriptTokenKind
{
    /// <summary>A keyword of the language, <c>true</c>, <c>false</c> and <c>none</c> among them.</summary>
    Keyword,
    /// <summary>A variable the script binds.</summary>
    Variable,
    /// <summary>A function's parameter.</summary>
    Parameter,
    /// <summary>A function the script defines with <c>def</c>.</summary>
    Function,
    /// <summary>A module bound by <c>import</c>.</summary>
    Module,
    /// <summary>A builtin function (<c>print</c>, <c>grad</c>).</summary>
    BuiltinFunction,
    /// <summary>A builtin constant (<c>pi</c>) or <c>args</c>.</summary>
    BuiltinConstant,
    /// <summary>A name the script reads and never defines.</summary>
    Undefined,
}

/// <summary>One classified word: where it is written, what it is, and whether it defines its variable there.</summary>
/// <param name="Span">The word's place (one line).</param>
/// <param name="Kind">What it is.</param>
/// <param name="IsDefinition">Whether the variable is first bound here (assigned, a parameter, a <c>def</c>, an <c>import … as</c>).</param>
public readonly record struct ScriptToken(SourceSpan Span, ScriptTokenKind Kind, bool IsDefinition);

/// <summary>
/// Classifies a script's names as the resolver binds them (a parameter, a closure's variable, a
/// global, a builtin) and its keywords as the lexer reads them. A script that does not parse has
/// no bound names, only its keywords: a name's colour is never guessed.
/// </summary>
public static class ScriptTokens
{
    // The token types spelled as a word: the grammar is the one list of keywords.
    internal static readonly IReadOnlySet<int> KeywordTypes = KeywordTypesOfTheGrammar();

    private static readonly HashSet<string> BuiltinFunctionNames = Builtins.Functions.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>The script's keywords and bound names, in source order.</summary>
    public static IReadOnlyList<ScriptToken> Classify(ScriptAnalysis analysis) => [.. analysis.Words.Select(w => w.Token)];

    /// <summary>The script's keywords and bound names, in source order, each name with the variable it stands for.</summary>
    internal static List<(ScriptToken Token, ScriptSymbol? Symbol)> Words(ScriptAnalysis analysis)
    {
        var words = new List<(ScriptToken Token, ScriptSymbol? Symbol)>();
        foreach (var symbol in analysis.Symbols)
        {
            var kind = KindOf(symbol);
            foreach (var span in symbol.References)
            {
                // `import "nn"` binds `nn` without writing it: its place is the statement's, no word.
                if (span.Line != span.EndLine || span.EndColumn - span.Column != symbol.Name.Length) continue;
                words.Add((new ScriptToken(span, kind, span == symbol.Definition), symbol));
            }
        }
        words.AddRange(Keywords(analysis.Source).Select(k => (k, (ScriptSymbol?)null)));
        words.Sort((a, b) => ScriptAnalysis.Compare(a.Token.Span, b.Token.Span));
        return words;
    }

    internal static ScriptTokenKind KindOf(ScriptSymbol symbol) => symbol.Kind switch
    {
        ScriptSymbolKind.Variable => ScriptTokenKind.Variable,
        ScriptSymbolKind.Parameter => ScriptTokenKind.Parameter,
        ScriptSymbolKind.Function => ScriptTokenKind.Function,
        ScriptSymbolKind.Module => ScriptTokenKind.Module,
        ScriptSymbolKind.Builtin => BuiltinFunctionNames.Contains(symbol.Name) ? ScriptTokenKind.BuiltinFunction : ScriptTokenKind.BuiltinConstant,
        ScriptSymbolKind.Undefined => ScriptTokenKind.Undefined,
        _ => throw new System.Diagnostics.UnreachableException(symbol.Kind.ToString()),
    };

    // Every keyword the lexer reads, whether or not the script parses (but not in text no script
    // may hold, which the lexer cannot read).
    private static IEnumerable<ScriptToken> Keywords(SourceText source)
    {
        string text = ScriptParser.Normalize(source.Text);
        if (ScriptParser.HasInvalidCharacters(text)) yield break;
        var lexer = new GradScriptLexer(StringCharStream.For(text));
        lexer.RemoveErrorListeners();
        for (var token = lexer.NextRawToken(); token.Type != TokenConstants.EOF; token = lexer.NextRawToken())
        {
            if (!KeywordTypes.Contains(token.Type)) continue;
            int column = token.Column + 1;
            yield return new ScriptToken(new SourceSpan(source, token.Line, column, token.Line, column + token.Text.Length), ScriptTokenKind.Keyword, false);
        }
    }

    private static HashSet<int> KeywordTypesOfTheGrammar()
    {
        var vocabulary = GradScriptLexer.DefaultVocabulary;
        var types = new HashSet<int>();
        for (int type = 1; vocabulary.GetSymbolicName(type) is not null; type++)
        {
            if (vocabulary.GetLiteralName(type) is ['\'', .. var word, '\''] && word.All(c => char.IsAsciiLetter(c) || c == '_')) types.Add(type);
        }
        return types;
    }
}
