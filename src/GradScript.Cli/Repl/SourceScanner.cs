namespace GradScript.Cli.Repl;

using GradScript.Tooling;

/// <summary>What a stretch of REPL input is, as far as colouring and completion care.</summary>
internal enum TokenKind
{
    /// <summary>Spaces, operators, brackets, anything not named below.</summary>
    Other,

    /// <summary>A reserved word: <c>def</c>, <c>while</c>, <c>true</c>, …</summary>
    Keyword,

    /// <summary>Any other name.</summary>
    Name,

    /// <summary>An int or float literal.</summary>
    Number,

    /// <summary>A string or f-string literal, quotes included, closed or not.</summary>
    String,

    /// <summary>From <c>#</c> to the end of the line.</summary>
    Comment,
}

/// <summary>One token of REPL input: its kind and where it is in the text.</summary>
internal readonly record struct Token(TokenKind Kind, int Start, int Length);

/// <summary>
/// A small, forgiving scanner of GradScript text for the REPL's editor: it colours a line and finds
/// the name under the cursor while the line is half typed, so it never fails, and it knows only
/// what those need (names, numbers, strings, comments, line joins). It mirrors the lexical rules of
/// docs/language.md §1 and the grammar; it is not the language's lexer, which stays behind the parser.
/// </summary>
internal static class SourceScanner
{
    /// <summary>The reserved words: the grammar's own list (<see cref="ScriptAnalysis.Keywords"/>).</summary>
    public static readonly IReadOnlySet<string> Keywords = ScriptAnalysis.Keywords.ToHashSet(StringComparer.Ordinal);

    /// <summary>The tokens of <paramref name="text"/>, in order, spaces and operators left out.</summary>
    public static IEnumerable<Token> Scan(string text)
    {
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            int start = i;
            if (c == '#')
            {
                while (i < text.Length && !IsLineBreak(text[i])) i++;
                yield return new Token(TokenKind.Comment, start, i - start);
            }
            else if (IsStringStart(text, i))
            {
                i = StringEnd(text, i);
                yield return new Token(TokenKind.String, start, i - start);
            }
            else if (IsNameStart(c))
            {
                while (i < text.Length && IsNamePart(text[i])) i++;
                var kind = Keywords.Contains(text[start..i]) ? TokenKind.Keyword : TokenKind.Name;
                yield return new Token(kind, start, i - start);
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                i = NumberEnd(text, i);
                yield return new Token(TokenKind.Number, start, i - start);
            }
            else
            {
                // `..` is one operator, so the `.1` of `0..10` is not a number.
                i += c == '.' && i + 1 < text.Length && text[i + 1] == '.' ? 2 : 1;
            }
        }
    }

    /// <summary>Whether a character can begin a name.</summary>
    public static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c == '_';

    /// <summary>Whether a character can continue a name.</summary>
    public static bool IsNamePart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private static bool IsLineBreak(char c) => c is '\n' or '\r' or '\u2028' or '\u2029';

    private static bool IsStringStart(string text, int i) =>
        text[i] is '"' or '\'' || (text[i] is 'f' or 'F' && i + 1 < text.Length && text[i + 1] is '"' or '\'');

    // Past the closing quote, or at the end of the line for an unterminated string. An escape may
    // take a line break with it, as the lexer's ESCAPE does.
    private static int StringEnd(string text, int i)
    {
        if (text[i] is 'f' or 'F') i++;
        char quote = text[i++];
        while (i < text.Length)
        {
            char c = text[i];
            if (c == quote) return i + 1;
            if (c == '\\') { i = Math.Min(i + 2, text.Length); continue; }
            if (IsLineBreak(c)) return i;
            i++;
        }
        return i;
    }

    // Digits with single underscores, a fraction, an exponent: as far as it looks like a number, and
    // never through `..`, so that `0..10` is two numbers.
    private static int NumberEnd(string text, int i)
    {
        i = DigitsEnd(text, i);
        if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1])) i = DigitsEnd(text, i + 1);
        if (i < text.Length && text[i] is 'e' or 'E')
        {
            int k = i + 1;
            if (k < text.Length && text[k] is '+' or '-') k++;
            if (k < text.Length && char.IsAsciiDigit(text[k])) i = DigitsEnd(text, k);
        }
        return i;
    }

    private static int DigitsEnd(string text, int i)
    {
        while (i < text.Length && (char.IsAsciiDigit(text[i]) || (text[i] == '_' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))) i++;
        return i;
    }
}
