namespace GradScript.Tooling;

using System.Diagnostics;
using Antlr4.Runtime;
using GradScript.Syntax;
using GradScript.Syntax.Generated;

/// <summary>
/// One token of a script as the formatter sees it: the lexer's tokens with every newline (none
/// dropped inside brackets, no separators added), and also what the lexer skips but a layout must
/// keep, each as a token of its own: a comment (<see cref="GradScriptLexer.COMMENT"/>, its text
/// without trailing blanks) and a backslash line join (<see cref="GradScriptLexer.LINE_JOIN"/>).
/// <see cref="Line"/> is 1-based, <see cref="Column"/> 0-based, in code points, as ANTLR counts.
/// </summary>
internal readonly record struct LayoutToken(int Type, string Text, int Line, int Column);

/// <summary>Reads a script's text into <see cref="LayoutToken"/>s.</summary>
internal static class LayoutTokens
{
    /// <summary>
    /// Every token of <paramref name="text"/> (already normalised: <c>\n</c> line ends, no
    /// byte-order mark), in order, without the end-of-input token. The text must have lexed
    /// without errors, as a script that parsed has.
    /// </summary>
    public static List<LayoutToken> Read(string text)
    {
        var stream = StringCharStream.For(text);
        var lexer = new GradScriptLexer(stream);
        lexer.RemoveErrorListeners();
        // ANTLR's positions count code points; the gaps between tokens are cut from the string.
        var utf16 = Utf16Offsets(text);
        var tokens = new List<LayoutToken>();
        int end = 0;
        // Which `{` open dict displays, as the parser's lexer decides it (GradScriptLexer.OpensDict).
        var braces = new Stack<bool>();
        int previous = GradScriptLexer.NEWLINE, depth = 0;
        while (true)
        {
            var token = lexer.NextRawToken();
            int start = token.Type == TokenConstants.EOF ? text.Length : utf16(token.StartIndex);
            Trivia(text, end, start, tokens);
            if (token.Type == TokenConstants.EOF) return tokens;
            if (token.Type is GradScriptLexer.BAD_CHAR or GradScriptLexer.UNTERMINATED_STRING)
                throw new UnreachableException($"a lexical error at {token.Line}:{token.Column + 1} in a script that parsed");
            int type = token.Type;
            switch (type)
            {
                case GradScriptLexer.LPAREN or GradScriptLexer.LBRACKET: depth++; break;
                case GradScriptLexer.RPAREN or GradScriptLexer.RBRACKET: depth--; break;
                case GradScriptLexer.LBRACE when GradScriptLexer.OpensDict(previous, depth):
                    braces.Push(true);
                    (type, depth) = (GradScriptParser.LDICT, depth + 1);
                    break;
                case GradScriptLexer.LBRACE: braces.Push(false); break;
                case GradScriptLexer.RBRACE when braces.TryPop(out bool dict) && dict:
                    (type, depth) = (GradScriptParser.RDICT, depth - 1);
                    break;
            }
            if (type != GradScriptLexer.NEWLINE || depth == 0) previous = type;
            tokens.Add(new LayoutToken(type, token.Text, token.Line, token.Column));
            end = utf16(token.StopIndex + 1);
        }
    }

    // What lies between two tokens: blanks, line joins and a comment, which runs to the line's end
    // (the next token is then a newline or the end of input).
    private static void Trivia(string text, int from, int to, List<LayoutToken> tokens)
    {
        for (int i = from; i < to; i++)
        {
            switch (text[i])
            {
                case '#':
                    var (line, column) = Place(text, i);
                    tokens.Add(new LayoutToken(GradScriptLexer.COMMENT, text[i..to].TrimEnd(), line, column));
                    return;
                case '\\':
                    var (joinLine, joinColumn) = Place(text, i);
                    tokens.Add(new LayoutToken(GradScriptLexer.LINE_JOIN, "\\", joinLine, joinColumn));
                    i = text.IndexOf('\n', i);
                    break;
                case ' ' or '\t' or '\f':
                    break;
                default:
                    throw new UnreachableException($"'{text[i]}' between tokens");
            }
        }
    }

    // The 1-based line and 0-based code-point column of a UTF-16 index.
    private static (int Line, int Column) Place(string text, int index)
    {
        int lineStart = text.LastIndexOf('\n', Math.Max(0, index - 1), index) + 1;
        int line = 1 + text.AsSpan(0, lineStart).Count('\n');
        int column = 0;
        for (int i = lineStart; i < index; i++, column++)
            if (char.IsSurrogatePair(text, i)) i++;
        return (line, column);
    }

    // Maps ANTLR's code-point indexes to UTF-16 ones; the identity for text without surrogate pairs.
    private static Func<int, int> Utf16Offsets(string text)
    {
        if (text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0) return i => i;
        var offsets = new List<int>(text.Length + 1);
        for (int i = 0; i < text.Length; i++)
        {
            offsets.Add(i);
            if (char.IsSurrogatePair(text, i)) i++;
        }
        offsets.Add(text.Length);
        return i => offsets[Math.Min(i, offsets.Count - 1)];
    }
}
