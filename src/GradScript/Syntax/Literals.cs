namespace GradScript.Syntax;

using System.Globalization;
using System.Text;
using Antlr4.Runtime;
using GradScript.Diagnostics;

/// <summary>
/// Decoding of literal tokens, with their errors placed on the offending characters. The parser
/// facade runs these on every token as it lexes, so a bad escape or an oversized integer is
/// reported even in a file whose parse fails; the AST builder uses them for the values.
/// </summary>
internal static class Literals
{
    /// <summary>The value of an int token; 0 (with an error) when it does not fit in 64 bits.</summary>
    public static long Integer(IToken token, SourcePositions positions, SyntaxErrorCollector errors)
    {
        if (long.TryParse(Digits(token), NumberStyles.None, CultureInfo.InvariantCulture, out long value)) return value;
        errors.Add("integer literal too large for 64 bits", positions.Span(token));
        return 0;
    }

    /// <summary>The value of a float token.</summary>
    public static double Float(IToken token) => double.Parse(Digits(token), NumberStyles.Float, CultureInfo.InvariantCulture);

    // A number token's text without its digit separators, read in place when it has none.
    private static ReadOnlySpan<char> Digits(IToken token)
    {
        var text = StringCharStream.TryGetChars(token, out var chars) ? chars : token.Text.AsSpan();
        return text.Contains('_') ? text.ToString().Replace("_", "") : text;
    }

    /// <summary>
    /// An integer literal's value as an object. Small ones, which most literals are, share their
    /// box (as CPython shares its small ints), so a script of many `1`s holds one boxed 1.
    /// </summary>
    public static object Box(long value) =>
        (ulong)(value - SmallestShared) < (ulong)SharedBoxes.Length ? SharedBoxes[value - SmallestShared] : value;

    private const int SmallestShared = -5;

    private static readonly object[] SharedBoxes = Enumerable.Range(SmallestShared, 262).Select(i => (object)(long)i).ToArray();

    /// <summary>The value of a string token (quotes removed, escapes decoded).</summary>
    public static string String(IToken token, SourcePositions positions, SyntaxErrorCollector errors) =>
        Unescape(token.Text[1..^1], token, 1, positions, errors);

    // `first` is the index in the token's text of text[0], for placing an error on a bad escape.
    public static string Unescape(string text, IToken token, int first, SourcePositions positions, SyntaxErrorCollector errors)
    {
        if (!text.Contains('\\')) return text;
        var result = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c != '\\' || i + 1 >= text.Length) { result.Append(c); continue; }
            char next = text[++i];
            switch (next)
            {
                case 'n': result.Append('\n'); break;
                case 't': result.Append('\t'); break;
                case 'r': result.Append('\r'); break;
                case '0': result.Append('\0'); break;
                case '\\' or '"' or '\'': result.Append(next); break;
                case '\n': break; // a backslash at the end of a line continues the string
                case 'u' when i + 1 < text.Length && text[i + 1] == '{':
                    int close = text.IndexOf('}', i + 2);
                    string hex = close < 0 ? "" : text[(i + 2)..close];
                    if (hex.Length is >= 1 and <= 6
                        && int.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int codePoint)
                        && codePoint <= 0x10FFFF && codePoint is < 0xD800 or > 0xDFFF)
                    {
                        result.Append(char.ConvertFromUtf32(codePoint));
                        i = close;
                    }
                    else
                    {
                        errors.Add("invalid \\u{…} escape: expected 1 to 6 hex digits naming a Unicode scalar value",
                            positions.At(token, first + i - 1));
                    }
                    break;
                case 'x' or 'u' or 'U':
                    // Python's \xhh, \uhhhh and \Uhhhhhhhh, the forms a list prints its strings' characters in.
                    int digits = next == 'x' ? 2 : next == 'u' ? 4 : 8;
                    string fixedHex = i + digits < text.Length ? text.Substring(i + 1, digits) : "";
                    if (fixedHex.Length == digits && fixedHex.All(char.IsAsciiHexDigit)
                        && int.TryParse(fixedHex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int scalar)
                        && scalar is >= 0 and <= 0x10FFFF and (< 0xD800 or > 0xDFFF))
                    {
                        result.Append(char.ConvertFromUtf32(scalar));
                        i += digits;
                    }
                    else
                    {
                        errors.Add($"invalid \\{next} escape: expected {digits} hex digits naming a Unicode scalar value",
                            positions.At(token, first + i - 1));
                    }
                    break;
                default:
                    errors.Add($"invalid escape sequence '\\{next}'", positions.At(token, first + i - 1));
                    break;
            }
        }
        return result.ToString();
    }
}
