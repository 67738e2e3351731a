namespace GradScript.Syntax;

using Antlr4.Runtime;
using GradScript.Syntax.Generated;

/// <summary>
/// The grammar's token rules written out by hand, for the parser's fast pass: the same tokens as
/// ANTLR's generated lexer (type, start, stop, line and column, whitespace and comments skipped),
/// made by one loop over the characters instead of a DFA walk with a virtual call per character.
/// It reads only text without surrogate pairs, where a code point is one char; the literal tokens
/// (keywords, operators, brackets) come from the grammar's own vocabulary, so only the rules with
/// patterns are written here: numbers, strings, names, newlines, whitespace, comments, line joins
/// and the bad character. A test lexes every script of the repository and random text both ways
/// and compares the tokens; another fails if the grammar gains a token rule this does not know.
/// </summary>
internal sealed class TokenScanner
{
    /// <summary>The lexer rules this scanner implements; the grammar's must be exactly these.</summary>
    internal static readonly IReadOnlySet<string> PatternRules = new HashSet<string>(StringComparer.Ordinal)
    {
        "FLOAT", "INT", "FSTRING", "STRING", "UNTERMINATED_STRING", "NAME", "NEWLINE", "WS", "COMMENT",
        "LINE_JOIN", "BAD_CHAR", "DIGITS", "EXPONENT", "DQ_BODY", "SQ_BODY", "ESCAPE",
    };

    // The literal tokens by their first character, longest first (a longer match wins, as in ANTLR).
    private static readonly (string Text, int Type)[][] Punctuation = PunctuationTable();

    // The keywords: a name whose text is one is the keyword's token (the keyword rule comes first).
    private static readonly Dictionary<string, int> KeywordTypes = KeywordTable();

    private readonly string _text;
    private readonly Tuple<ITokenSource, ICharStream> _source;
    private int _position;
    private int _line = 1;
    private int _column;

    // Where tokens come from when the parser hands finished ones back (see TokenPool); else null.
    private readonly TokenPool? _pool;

    /// <param name="text">The text to read.</param>
    /// <param name="source">The lexer and input every token names.</param>
    /// <param name="recycles">Whether the parser hands tokens back through <see cref="Recycle"/>.</param>
    public TokenScanner(string text, Tuple<ITokenSource, ICharStream> source, bool recycles = false)
    {
        (_text, _source) = (text, source);
        if (recycles) _pool = new TokenPool(source);
    }

    /// <summary>The next token that is not skipped; the end-of-input token at the end, and after it.</summary>
    public IToken Next()
    {
        while (true)
        {
            if (_position >= _text.Length) return EndOfInput();
            int start = _position, line = _line, column = _column;
            int type = Scan();
            if (type != Skipped) return Issue(type, start, _position - 1, line, column);
        }
    }

    private CompactToken Issue(int type, int start, int stop, int line, int column) =>
        _pool?.Make(type, start, stop, line, column) ?? new CompactToken(_source, type, start, stop, line, column);

    /// <summary>The tokens before <paramref name="last"/>, a finished top-level statement's last, but <paramref name="kept"/>, may be reused (<see cref="TokenPool.Recycle"/>).</summary>
    public void Recycle(IToken last, IToken? kept) => _pool?.Recycle(last, kept);

    /// <summary>An end-of-input token where the scanner stands, as ANTLR's lexer emits one.</summary>
    public IToken EndOfInput() => new CompactToken(_source, TokenConstants.EOF, _position, _position - 1, _line, _column);

    private const int Skipped = -2;

    // Reads one token's characters; its type, or Skipped for whitespace, a comment or a line join.
    private int Scan()
    {
        string text = _text;
        int i = _position;
        char c = text[i];
        if (char.IsAsciiLetter(c) || c == '_')
        {
            if (c is 'f' or 'F' && i + 1 < text.Length && text[i + 1] is '"' or '\'') return String(i + 1, GradScriptLexer.FSTRING);
            int end = i + 1;
            while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_')) end++;
            var lookup = KeywordTypes.GetAlternateLookup<ReadOnlySpan<char>>();
            int type = end - i is >= 2 and <= 8 && lookup.TryGetValue(text.AsSpan(i, end - i), out int keyword) ? keyword : GradScriptLexer.NAME;
            return Advance(end, type);
        }
        if (char.IsAsciiDigit(c)) return Number(i);
        switch (c)
        {
            case '.' when i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]):
                return Number(i);
            case '"' or '\'':
                return String(i, GradScriptLexer.STRING);
            case ' ' or '\t' or '\f':
            {
                int end = i + 1;
                while (end < text.Length && text[end] is ' ' or '\t' or '\f') end++;
                Advance(end, 0);
                return Skipped;
            }
            case '#':
            {
                int end = i + 1;
                while (end < text.Length && text[end] is not ('\r' or '\n' or '\u2028' or '\u2029')) end++;
                Advance(end, 0);
                return Skipped;
            }
            case '\n' or '\u2028' or '\u2029':
                return Advance(i + 1, GradScriptLexer.NEWLINE);
            case '\r':
                return Advance(i + 1 < text.Length && text[i + 1] == '\n' ? i + 2 : i + 1, GradScriptLexer.NEWLINE);
            case '\\':
            {
                int end = i + 1;
                while (end < text.Length && text[end] is ' ' or '\t') end++;
                if (end < text.Length && text[end] is '\n' or '\r')
                {
                    Advance(text[end] == '\r' && end + 1 < text.Length && text[end + 1] == '\n' ? end + 2 : end + 1, 0);
                    return Skipped;
                }
                return Advance(i + 1, GradScriptLexer.BAD_CHAR);
            }
        }
        if (c < Punctuation.Length)
        {
            foreach (var (literal, type) in Punctuation[c])
            {
                if (string.CompareOrdinal(text, i, literal, 0, literal.Length) == 0) return Advance(i + literal.Length, type);
            }
        }
        return Advance(i + 1, GradScriptLexer.BAD_CHAR);
    }

    // INT or FLOAT from `i` (a digit, or a `.` before one): DIGITS, then `.` DIGITS and an
    // exponent, each taken only when it is complete, as the lexer's longest match backs off.
    private int Number(int i)
    {
        string text = _text;
        int end = text[i] == '.' ? i : Digits(i);
        bool isFloat = false;
        if (end + 1 < text.Length && text[end] == '.' && char.IsAsciiDigit(text[end + 1]))
        {
            end = Digits(end + 1);
            isFloat = true;
        }
        if (end < text.Length && text[end] is 'e' or 'E')
        {
            int digits = end + 1 < text.Length && text[end + 1] is '+' or '-' ? end + 2 : end + 1;
            if (digits < text.Length && char.IsAsciiDigit(text[digits]))
            {
                end = Digits(digits);
                isFloat = true;
            }
        }
        return Advance(end, isFloat ? GradScriptLexer.FLOAT : GradScriptLexer.INT);
    }

    // The end of DIGITS from `i`, a digit: digits, each perhaps after one `_`.
    private int Digits(int i)
    {
        string text = _text;
        int end = i + 1;
        while (end < text.Length)
        {
            if (char.IsAsciiDigit(text[end])) end++;
            else if (text[end] == '_' && end + 1 < text.Length && char.IsAsciiDigit(text[end + 1])) end += 2;
            else break;
        }
        return end;
    }

    // A string from its opening quote at `quoteAt`: `type` when it closes, else UNTERMINATED_STRING
    // up to the end of its line. An escape is a backslash and any one character, a newline too.
    private int String(int quoteAt, int type)
    {
        string text = _text;
        char quote = text[quoteAt];
        int end = quoteAt + 1;
        while (end < text.Length)
        {
            char c = text[end];
            if (c == quote) return Advance(end + 1, type);
            if (c == '\\')
            {
                if (end + 1 >= text.Length) break;
                end += 2;
                continue;
            }
            if (c is '\r' or '\n') break;
            end++;
        }
        return Advance(end, GradScriptLexer.UNTERMINATED_STRING);
    }

    // Moves to `end`, counting lines as ANTLR does (only '\n' starts one); returns `type`.
    private int Advance(int end, int type)
    {
        string text = _text;
        for (int k = _position; k < end; k++)
        {
            if (text[k] == '\n')
            {
                _line++;
                _column = 0;
            }
            else _column++;
        }
        _position = end;
        return type;
    }

    private static IEnumerable<(string Text, int Type)> Literals()
    {
        var vocabulary = GradScriptLexer.DefaultVocabulary;
        for (int type = 1; type <= ((Vocabulary)vocabulary).getMaxTokenType(); type++)
        {
            if (vocabulary.GetLiteralName(type) is { Length: > 2 } quoted) yield return (quoted[1..^1], type);
        }
    }

    private static bool IsWord(string literal) => literal.All(c => char.IsAsciiLetter(c) || c == '_');

    private static (string, int)[][] PunctuationTable()
    {
        var table = new List<(string, int)>[128];
        foreach (var (literal, type) in Literals().Where(l => !IsWord(l.Text)))
        {
            if (literal[0] >= table.Length) throw new InvalidOperationException($"the literal token '{literal}' is not ASCII");
            (table[literal[0]] ??= new()).Add((literal, type));
        }
        return table.Select(list => list is null ? [] : list.OrderByDescending(l => l.Item1.Length).ToArray()).ToArray();
    }

    private static Dictionary<string, int> KeywordTable()
    {
        var keywords = Literals().Where(l => IsWord(l.Text)).ToDictionary(l => l.Text, l => l.Type, StringComparer.Ordinal);
        if (keywords.Keys.Any(k => k.Length is < 2 or > 8)) throw new InvalidOperationException("a keyword's length is outside the scanner's quick check");
        return keywords;
    }
}
