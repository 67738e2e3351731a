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

    private static string DescribeCharacter(string text)
    {
        int codePoint = char.ConvertToUtf32(text, 0);
        bool visible = !char.IsControl(text, 0) && !char.IsWhiteSpace(text, 0) && codePoint is not (0xFEFF or 0x200B);
        return visible ? $"'{text}' (U+{codePoint:X4})" : $"U+{codePoint:X4}";
    }
}
