namespace GradScript.Syntax;

using Antlr4.Runtime;
using GradScript.Diagnostics;
using GradScript.Syntax.Generated;

/// <summary>
/// Turns ANTLR token positions into <see cref="SourceSpan"/>s, and places inside a string token
/// into lines and columns (code points, as the lexer counts). An f-string's expression is parsed
/// on its own, so its positions are shifted to where it stands inside the string.
/// </summary>
internal sealed class SourcePositions(SourceText source, int lineOffset = 0, int firstLineColumnOffset = 0)
{
    public SourceText Source => source;

    public SourceSpan Span(IToken token)
    {
        var (line, column) = Shift(token.Line, token.Column + 1);
        int length = token.Type == TokenConstants.EOF ? 1 : Math.Max(1, token.StopIndex - token.StartIndex + 1);
        // Tokens keep to one line, but for a string continued by a backslash at a line's end.
        if (token.Type is GradScriptLexer.STRING or GradScriptLexer.FSTRING or GradScriptLexer.UNTERMINATED_STRING && Text(token).Contains('\n'))
        {
            var (endLine, endColumn) = Walk(token.Text, line, column, codePoints: length);
            return new SourceSpan(source, line, column, endLine, endColumn);
        }
        return new SourceSpan(source, line, column, line, column + length);
    }

    // A token's characters, without making a string of them when they can be read in place. (A
    // string closed by the lexer at a line's end has one more character, its quote, than it
    // spans: the same lines.)
    private static ReadOnlySpan<char> Text(IToken token) =>
        StringCharStream.TryGetChars(token, out var chars) ? chars : token.Text;

    /// <summary>The place of one character of a token: <c>token.Text[index]</c>, a UTF-16 index.</summary>
    public SourceSpan At(IToken token, int index)
    {
        var start = Span(token);
        var (line, column) = Walk(token.Text, start.Line, start.Column, utf16: index);
        return new SourceSpan(source, line, column, line, column + 1);
    }

    // Moves a place over text, up to a UTF-16 index or a number of code points: a surrogate pair
    // is one column, a newline (only ever after a backslash, in a string) starts the next line.
    private static (int Line, int Column) Walk(string text, int line, int column, int utf16 = int.MaxValue, int codePoints = int.MaxValue)
    {
        for (int i = 0, n = 0; i < text.Length && i < utf16 && n < codePoints; i++, n++)
        {
            if (text[i] == '\n')
            {
                (line, column) = (line + 1, 1);
                continue;
            }
            if (char.IsSurrogatePair(text, i)) i++;
            column++;
        }
        return (line, column);
    }

    public SourceSpan Span(IToken first, IToken last)
    {
        var start = Span(first);
        var end = Span(last);
        return last.Type == TokenConstants.EOF || end.Line < start.Line ? start : SourceSpan.Cover(start, end);
    }

    public SourceSpan Span(ParserRuleContext context) => Span(context.Start, context.Stop ?? context.Start);

    private (int Line, int Column) Shift(int line, int column) =>
        line == 1 ? (line + lineOffset, column + firstLineColumnOffset) : (line + lineOffset, column);
}
