namespace GradScript.Syntax;

using Antlr4.Runtime;
using GradScript.Syntax.Generated;

/// <summary>
/// The lexer's tokens as the parser is to see them. Lexical errors (a stray character, an
/// unterminated string, a bad escape, an int too large) are reported here, and bad characters left
/// out so that the parser can still find the syntax errors after them. Tokens are read as the
/// parser asks for them, so lexical errors are found in source order as far as the parse gets.
/// </summary>
internal sealed class CheckedTokenSource(GradScriptLexer lexer, SyntaxErrorCollector errors, SourcePositions positions) : ITokenSource
{
    public IToken NextToken()
    {
        while (true)
        {
            var token = lexer.NextToken();
            switch (token.Type)
            {
                case GradScriptLexer.COLON when ColonBlockHeader(token) is { } header:
                    // Python's `if x > 1:`: one error that says how blocks are written; the parser's
                    // complaint about the missing '{' on this line would only repeat it.
                    errors.Add(Diagnostics.Hints.ColonBlockMessage, positions.Span(token), Diagnostics.Hints.ColonBlockHint(header));
                    errors.QuietUntilLineEnd(positions.Span(token).Line);
                    continue;
                case GradScriptLexer.BAD_CHAR:
                    errors.Add($"unexpected character {DescribeCharacter(token.Text)}", token);
                    continue;
                case GradScriptLexer.UNTERMINATED_STRING:
                    // Reported once here; the parser sees a string, closed where the line ends, so
                    // it reports nothing more and the builder can decode it (`"` alone has no body).
                    errors.Add("unterminated string: the line ends before its closing quote", token);
                    char quote = token.Text[char.IsLetter(token.Text[0]) ? 1 : 0];
                    return new CommonToken(token) { Type = GradScriptLexer.STRING, Text = token.Text + quote };
                // Only an escape can be bad: most strings have none, and are not decoded twice.
                case GradScriptLexer.STRING when !StringCharStream.TryGetChars(token, out var chars) || chars.Contains('\\'):
                    Literals.String(token, positions, errors);
                    break;
                case GradScriptLexer.INT:
                    Literals.Integer(token, positions, errors);
                    break;
            }
            return token;
        }
    }

    public int Line => lexer.Line;

    public int Column => lexer.Column;

    public ICharStream InputStream => (ICharStream)lexer.InputStream;

    public string SourceName => lexer.SourceName;

    public ITokenFactory TokenFactory
    {
        get => lexer.TokenFactory;
        set => lexer.TokenFactory = value;
    }

    private static readonly string[] BlockKeywords = ["if", "else", "elif", "while", "for", "def", "with", "try", "except", "finally", "class"];

    // The statement before a ':' that ends its line (comments aside) and starts with a keyword
    // that opens a block in Python, or null.
    private string? ColonBlockHeader(IToken colon)
    {
        var span = positions.Span(colon);
        string line = span.Source.GetLine(span.Line);
        int index = IndexOfColumn(line, span.Column);
        string rest = line[(index + 1)..].Trim();
        if (rest.Length > 0 && rest[0] != '#') return null;
        string header = line[..index].Trim();
        int end = header.IndexOfAny([' ', '(', '\t']);
        string keyword = end < 0 ? header : header[..end];
        return BlockKeywords.Contains(keyword) ? header : null;
    }

    // The index in a line of the character at a 1-based column counted in code points.
    private static int IndexOfColumn(string line, int column)
    {
        int index = 0;
        for (int c = 1; c < column && index < line.Length; c++) index += char.IsSurrogatePair(line, index) ? 2 : 1;
        return index;
    }

    private static string DescribeCharacter(string text)
    {
        int codePoint = char.ConvertToUtf32(text, 0);
        bool visible = !char.IsControl(text, 0) && !char.IsWhiteSpace(text, 0) && codePoint is not (0xFEFF or 0x200B);
        return visible ? $"'{text}' (U+{codePoint:X4})" : $"U+{codePoint:X4}";
    }
}
