namespace GradScript.Syntax;

using Antlr4.Runtime;
using GradScript.Diagnostics;

/// <summary>
/// Turns ANTLR token positions into <see cref="SourceSpan"/>s. An f-string's expression is parsed
/// on its own, so its positions are shifted to where it stands inside the string.
/// </summary>
internal sealed class SourcePositions(SourceText source, int lineOffset = 0, int firstLineColumnOffset = 0)
{
    public SourceText Source => source;

    public SourceSpan Span(IToken token)
    {
        var (line, column) = Shift(token.Line, token.Column + 1);
        // Tokens never span lines here (strings end at the line end), so the end is on the same line.
        int length = token.Type == TokenConstants.EOF ? 1 : Math.Max(1, token.StopIndex - token.StartIndex + 1);
        return new SourceSpan(source, line, column, line, column + length);
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
