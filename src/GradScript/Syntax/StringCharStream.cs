namespace GradScript.Syntax;

using Antlr4.Runtime;
using Antlr4.Runtime.Misc;

/// <summary>
/// The lexer's input read straight from the script's string. ANTLR's own stream copies the text
/// into an array of code points and builds every token's text with a StringBuilder; for a text
/// without surrogate pairs, where a code point is one char, neither is needed. Any other text goes
/// through ANTLR's stream, whose positions count code points as GradScript's do.
/// </summary>
internal sealed class StringCharStream : ICharStream
{
    private readonly string _text;
    private int _position;

    private StringCharStream(string text) => _text = text;

    /// <summary>A stream over <paramref name="text"/>, counting positions in code points.</summary>
    public static ICharStream For(string text) =>
        text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0 ? new StringCharStream(text) : CharStreams.fromString(text);

    /// <summary>
    /// The characters of a token read from a <see cref="StringCharStream"/>, without making a
    /// string of them; false for tokens from any other stream or of no characters. Only for tokens
    /// whose text is never replaced (names and numbers), as a token's own text is not consulted.
    /// </summary>
    public static bool TryGetChars(IToken token, out ReadOnlySpan<char> chars)
    {
        chars = default;
        if (token.InputStream is not StringCharStream stream || token.StartIndex < 0 || token.StopIndex < token.StartIndex
            || token.StopIndex >= stream._text.Length)
            return false;
        chars = stream._text.AsSpan(token.StartIndex, token.StopIndex - token.StartIndex + 1);
        return true;
    }

    public int Index => _position;

    public int Size => _text.Length;

    public string SourceName => IntStreamConstants.UnknownSourceName;

    public void Consume()
    {
        if (_position >= _text.Length) throw new InvalidOperationException("cannot consume EOF");
        _position++;
    }

    public int LA(int i)
    {
        int offset = i > 0 ? _position + i - 1 : _position + i;
        if (i == 0) return 0;
        return offset >= 0 && offset < _text.Length ? _text[offset] : IntStreamConstants.EOF;
    }

    // The whole text is in memory, so marks need not hold anything.
    public int Mark() => -1;

    public void Release(int marker) { }

    public void Seek(int index) => _position = Math.Min(index, _text.Length);

    public string GetText(Interval interval)
    {
        int start = Math.Min(interval.a, _text.Length);
        int length = Math.Min(interval.b - interval.a + 1, _text.Length - start);
        return length <= 0 ? "" : _text.Substring(start, length);
    }
}
