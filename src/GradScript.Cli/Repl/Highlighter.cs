namespace GradScript.Cli.Repl;

using RadLine;
using Spectre.Console;

/// <summary>
/// Colours the line being edited: keywords, builtin names, numbers, strings and comments.
/// <para>
/// RadLine hands a highlighter one token at a time (runs of letters and digits, and single other
/// characters), too little to tell a <c>#</c> in a string from a comment or <c>no_grad</c> from
/// <c>no _ grad</c>. So the prompt, which RadLine asks for just before it draws each line, gives
/// the highlighter the whole line first (<see cref="BeginLine"/>); the line is scanned once by
/// <see cref="SourceScanner"/>, and each token then takes the colour of the place it comes from.
/// Without the line, a token is coloured by itself, which is right for most keywords and numbers.
/// </para>
/// </summary>
internal sealed class Highlighter : IHighlighter
{
    private static readonly Style KeywordStyle = new(Color.Blue, decoration: Decoration.Bold);
    private static readonly Style BuiltinStyle = new(Color.Teal);
    private static readonly Style NumberStyle = new(Color.Olive);
    private static readonly Style StringStyle = new(Color.Green);
    private static readonly Style CommentStyle = new(Color.Grey);

    private readonly IReadOnlySet<string> _builtins;
    private string? _line;
    private Style?[] _styles = [];
    private int _position;

    /// <summary>A highlighter that shows <paramref name="builtins"/> in their own colour.</summary>
    public Highlighter(IEnumerable<string> builtins) => _builtins = builtins.ToHashSet(StringComparer.Ordinal);

    /// <summary>The line about to be drawn, or null when it is not known.</summary>
    public void BeginLine(string? line)
    {
        _line = line;
        _position = 0;
        _styles = line is null ? [] : StylesOf(line);
    }

    /// <inheritdoc/>
    public Style? Highlight(string token)
    {
        if (_line is null) return StyleOfToken(token);
        // RadLine leaves out spaces (and draws a long line from where it scrolled to): find the token.
        while (_position < _line.Length && char.IsWhiteSpace(_line[_position])) _position++;
        if (!_line.AsSpan(_position).StartsWith(token, StringComparison.Ordinal))
        {
            int found = _line.IndexOf(token, _position, StringComparison.Ordinal);
            if (found < 0) return StyleOfToken(token);
            _position = found;
        }
        var style = _styles[_position];
        _position += token.Length;
        return style;
    }

    /// <summary>The colour of each character of a line (null: the terminal's own).</summary>
    public Style?[] StylesOf(string line)
    {
        var styles = new Style?[line.Length];
        foreach (var token in SourceScanner.Scan(line))
        {
            var style = token.Kind switch
            {
                TokenKind.Keyword => KeywordStyle,
                TokenKind.Name when _builtins.Contains(line.Substring(token.Start, token.Length)) => BuiltinStyle,
                TokenKind.Number => NumberStyle,
                TokenKind.String => StringStyle,
                TokenKind.Comment => CommentStyle,
                _ => null,
            };
            Array.Fill(styles, style, token.Start, token.Length);
        }
        return styles;
    }

    private Style? StyleOfToken(string token)
    {
        if (SourceScanner.Keywords.Contains(token)) return KeywordStyle;
        if (_builtins.Contains(token)) return BuiltinStyle;
        return char.IsAsciiDigit(token[0]) ? NumberStyle : null;
    }
}

/// <summary>
/// The prompt RadLine draws before each line: <c>&gt;&gt;&gt; </c> or <c>... </c>, whichever the
/// session asks for. RadLine asks for it right before it draws a line's text, which is the moment
/// the <see cref="Highlighter"/> is told what that line is.
/// </summary>
/// <param name="highlighter">The highlighter to prepare, or null when colour is off.</param>
internal sealed class ReplPrompt(Highlighter? highlighter) : ILineEditorPrompt
{
    /// <summary>The prompt of the next read, with its trailing space.</summary>
    public string Text { get; set; } = ReplSession.PrimaryPrompt;

    /// <inheritdoc/>
    public (Markup Markup, int Margin) GetPrompt(ILineEditorState state, int line)
    {
        highlighter?.BeginLine(LineText(state, line));
        // A line after the first exists only when history brings back a pasted block.
        string text = line == 0 ? Text : ReplSession.ContinuationPrompt;
        // RadLine puts the margin after the prompt, so the prompt's own trailing space becomes it.
        return (new Markup(Markup.Escape(text.TrimEnd())), text.Length - text.TrimEnd().Length);
    }

    // RadLine 0.6 does not show the text to its prompt, but the state it passes is its editor
    // state, whose public GetBufferAt has it. Should a later RadLine change that, this gives null
    // and the highlighter colours token by token.
    // Compiled ahead of time, the tool keeps that method for reflection only when told to.
    [System.Diagnostics.CodeAnalysis.DynamicDependency("GetBufferAt(System.Int32)", "RadLine.LineEditorState", "RadLine")]
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2075",
        Justification = "The one type RadLine passes is kept by the DynamicDependency above; any other gives null, handled.")]
    private static string? LineText(ILineEditorState state, int line) =>
        state.GetType().GetMethod("GetBufferAt", [typeof(int)])?.Invoke(state, [line]) is LineBuffer buffer ? buffer.Content : null;
}
