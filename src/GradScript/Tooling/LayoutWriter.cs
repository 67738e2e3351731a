namespace GradScript.Tooling;

using System.Diagnostics;
using System.Text;
using static GradScript.Syntax.Generated.GradScriptLexer;

/// <summary>
/// Writes a script's tokens out in the canonical layout (see <see cref="SourceFormatter"/>): the
/// tokens and the line breaks are the script's own, the blanks between them and each line's
/// indentation are decided here. Spacing is a rule over the kinds of two neighbouring tokens;
/// indentation follows a stack of the blocks and brackets open at the start of each line.
/// </summary>
internal sealed class LayoutWriter
{
    private const int IndentWidth = 4;

    private readonly List<LayoutToken> _tokens;
    private readonly HashSet<int> _angleDelimiters;
    private readonly StringBuilder _text = new();

    // What is open: a block's content is indented one step past the line its opener stands on, and
    // so are a bracket's continuation lines.
    private readonly List<Frame> _open = [];
    private int _outputLine;

    // The line being written.
    private int _lineStart = -1;   // -1: nothing written on it yet
    private int _indent;
    private int _previous = -1;    // the token written last on this line, or -1
    private bool _previousIsSign;  // it was a unary + or -
    private int _operand = -1;     // the token an operator after it would apply to, in this statement

    // Between lines.
    private int _blankLines;
    private bool _continues;       // the last line ended inside a statement
    private bool _joined;          // ... with a backslash
    private int _statementIndent;

    private readonly record struct Frame(TokenKind Kind, int ContentIndent, int OutputLine, int Opener = -1);

    private LayoutWriter(List<LayoutToken> tokens, HashSet<int> angleDelimiters) =>
        (_tokens, _angleDelimiters) = (tokens, angleDelimiters);

    /// <summary>The laid-out text of <paramref name="tokens"/>; empty, or ending with one newline.</summary>
    public static string Write(List<LayoutToken> tokens, HashSet<int> angleDelimiters)
    {
        var writer = new LayoutWriter(tokens, angleDelimiters);
        for (int i = 0; i < tokens.Count; i++) writer.Token(i);
        writer.EndLine();
        return writer._text.ToString();
    }

    private TokenKind KindAt(int i)
    {
        var kind = TokenKinds.Of(_tokens[i].Type);
        return kind == TokenKind.Angle && _angleDelimiters.Contains(i)
            ? (_tokens[i].Type == LT ? TokenKind.BlockOpen : TokenKind.BlockClose)
            : kind;
    }

    private void Token(int i)
    {
        var token = _tokens[i];
        var kind = KindAt(i);
        switch (kind)
        {
            case TokenKind.Newline:
                if (_lineStart >= 0) EndLine();
                else if (_joined)
                {
                    // A blank line after a backslash ends the joined line: it stays.
                    _text.Append('\n');
                    (_outputLine, _joined, _continues) = (_outputLine + 1, false, false);
                }
                else _blankLines++;
                return;
            case TokenKind.Comment:
                if (_lineStart < 0) StartLine(i, comment: true);
                else
                {
                    // A comment after code keeps its column where there is room, so aligned comments
                    // stay aligned; else it stands two blanks after the code.
                    _text.Append(' ', Math.Max(2, token.Column - CodePointsOnLine()));
                }
                _text.Append(token.Text);
                return;
            case TokenKind.LineJoin:
                if (_lineStart < 0) StartLine(i, comment: true);
                else _text.Append(' ');
                _text.Append('\\');
                EndLine();
                _continues = _joined = true;
                return;
            case TokenKind.Semicolon when Redundant(i):
                return;
        }

        if (_lineStart < 0) StartLine(i, comment: false);
        else if (_previous >= 0 && KindAt(_previous) == TokenKind.BlockClose && _tokens[_previous].Type == RBRACE && StartsStatement(kind, token))
        {
            // `if x { continue } print(x)`: one statement a line, but inside a block on one line a `;`.
            if (_open.Count > 0 && _open[^1].OutputLine == _outputLine)
            {
                _text.Append("; ");
                (_previous, _operand) = (-1, -1);
            }
            else
            {
                EndLine();
                StartLine(i, comment: false);
            }
        }
        else if (Space(i, kind)) _text.Append(' ');

        _text.Append(token.Text);
        bool sign = kind == TokenKind.Sign && (_operand < 0 || !TokenKinds.EndsOperand(KindAt(_operand)));
        switch (kind)
        {
            case TokenKind.Open or TokenKind.BlockOpen: _open.Add(new Frame(kind, _indent + 1, _outputLine, i)); break;
            case TokenKind.Close or TokenKind.BlockClose:
                if (_open.Count == 0) throw new UnreachableException($"an unmatched '{token.Text}' at {token.Line}:{token.Column + 1}");
                _open.RemoveAt(_open.Count - 1);
                break;
        }
        (_previous, _previousIsSign) = (i, sign);
        _operand = kind is TokenKind.Semicolon or TokenKind.BlockOpen or TokenKind.BlockClose ? -1 : i;
    }

    // Whether a blank goes between the token written last and token `i`, of `kind`.
    private bool Space(int i, TokenKind kind)
    {
        var before = KindAt(_previous);
        if (kind is TokenKind.Comma or TokenKind.Semicolon or TokenKind.Close) return false;
        // `- -x`, not `--x`; but `-+x`.
        if (_previousIsSign) return kind == TokenKind.Sign && _tokens[i].Type == _tokens[_previous].Type;
        if (before == TokenKind.Open) return false;
        // `{"a": 1}` and `lambda x: x`, but `xs[1:2]` and `xs[::-1]`.
        if (kind == TokenKind.Colon) return false;
        if (before == TokenKind.Colon) return !(_open.Count > 0 && _open[^1].Opener >= 0 && _tokens[_open[^1].Opener].Type == LBRACKET);
        if (kind is TokenKind.Dot or TokenKind.DotDot || before is TokenKind.Dot or TokenKind.DotDot) return false;
        // `f(x=1)` and `def f(x=1)`, but `x = 1`.
        if ((kind == TokenKind.Assign || before == TokenKind.Assign) && (InsideBrackets || InLambdaParameters(i))) return false;
        if (kind == TokenKind.Open) return !TokenKinds.EndsOperand(before);
        if (_tokens[i].Type == CARET) return !SimplePower(i);
        if (_tokens[_previous].Type == CARET) return !SimplePower(_previous);
        return true;
    }

    // `x^2`, `2^-1`, `a.b^n`, but `(p - t) ^ 2` and `f(x) ^ 2`: as black hugs `**`, `^` goes without
    // blanks when both operands are names or numbers, the right one perhaps with a sign.
    private bool SimplePower(int caret)
    {
        static bool Simple(int type) => type is NAME or INT or FLOAT;
        if (caret == 0 || !Simple(_tokens[caret - 1].Type)) return false;
        int right = caret + 1;
        while (right < _tokens.Count && _tokens[right].Type is PLUS or MINUS) right++;
        return right < _tokens.Count && Simple(_tokens[right].Type)
            && (right + 1 == _tokens.Count || _tokens[right + 1].Type is not (LPAREN or LBRACKET));
    }

    // The column the line has reached, in code points as the lexer counts a comment's column.
    private int CodePointsOnLine()
    {
        int column = 0;
        for (int i = _lineStart; i < _text.Length; i++, column++)
        {
            if (char.IsHighSurrogate(_text[i]) && i + 1 < _text.Length && char.IsLowSurrogate(_text[i + 1])) i++;
        }
        return column;
    }

    // `lambda a, b=1: …`: the token at `i` stands between a `lambda` and its colon.
    private bool InLambdaParameters(int i)
    {
        for (int j = i - 1; j >= 0; j--)
        {
            switch (_tokens[j].Type)
            {
                case LAMBDA: return true;
                case COLON or NEWLINE or SEMI or LBRACE or RBRACE: return false;
            }
        }
        return false;
    }

    private bool InsideBrackets => _open.Count > 0 && _open[^1].Kind == TokenKind.Open;

    // What may follow a block's `}` on its line without starting another statement.
    private static bool StartsStatement(TokenKind kind, LayoutToken token) =>
        kind is not (TokenKind.Semicolon or TokenKind.Close or TokenKind.Comma or TokenKind.BlockClose) && token.Type is not (ELSE or ELIF);

    // A `;` that separates nothing: at a line's start or end, after an opener, before a closer or another `;`.
    private bool Redundant(int i)
    {
        if (_lineStart < 0) return !_joined;
        if (_previous >= 0 && KindAt(_previous) == TokenKind.BlockOpen) return true;
        if (i + 1 >= _tokens.Count) return true;
        return KindAt(i + 1) is TokenKind.Newline or TokenKind.Comment or TokenKind.BlockClose or TokenKind.Semicolon;
    }

    // Begins an output line at token `i`, indented for where it stands: a line that starts with
    // closers stands where the line of the outermost one's opener stood; a continuation of a
    // statement one step past the statement's first line; any other line at its block's or bracket's
    // content. A comment line takes the indentation of the code it stands among.
    private void StartLine(int i, bool comment)
    {
        if (_blankLines > 0 && _text.Length > 0) _text.Append('\n');
        _blankLines = 0;
        int closers = 0;
        // (A `;` between closers is passed over: it goes, and the closers meet.)
        for (int k = i; !comment && k < _tokens.Count && KindAt(k) is TokenKind.Close or TokenKind.BlockClose or TokenKind.Semicolon; k++)
        {
            if (KindAt(k) != TokenKind.Semicolon) closers++;
        }
        var enclosing = _open.Count > 0 ? _open[^1] : new Frame(TokenKind.BlockOpen, 0, -1);
        if (closers > 0) _indent = _open[^Math.Min(closers, _open.Count)].ContentIndent - 1;
        else if (enclosing.Kind == TokenKind.Open) _indent = enclosing.ContentIndent;
        else if (_continues) _indent = _statementIndent + 1;
        else
        {
            _indent = enclosing.ContentIndent;
            if (!comment)
            {
                _statementIndent = _indent;
                _operand = -1;
            }
        }
        _lineStart = _text.Length;
        _text.Append(' ', IndentWidth * _indent);
        _previous = -1;
        _previousIsSign = false;
    }

    private void EndLine()
    {
        if (_lineStart < 0) return;
        int end = _text.Length;
        while (end > _lineStart && _text[end - 1] == ' ') end--;
        _text.Length = end;
        _text.Append('\n');
        _outputLine++;
        _lineStart = -1;
        _joined = false;
        // A statement goes on past a line that ends in an operator (`in` and a conditional
        // expression's `if` and `else` among them), a comma or `=`; a line of only a comment
        // changes nothing.
        if (_previous < 0) return;
        _continues = KindAt(_previous) switch
        {
            TokenKind.Sign or TokenKind.Operator or TokenKind.Angle or TokenKind.Assign or TokenKind.CompoundAssign
                or TokenKind.Comma or TokenKind.DotDot => true,
            TokenKind.Keyword => _tokens[_previous].Type is AND or OR or IN or IF or ELSE,
            _ => false,
        };
    }
}
