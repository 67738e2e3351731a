namespace GradScript.Diagnostics;

using System.Text;

/// <summary>
/// Turns script errors into the text docs/language.md §9 pins: a <c>NAME:LINE:COL: error: MESSAGE</c>
/// (or <c>runtime error:</c>) headline, the source line indented by four spaces, a caret line under
/// the place, and for runtime errors one <c>  at FUNCTION (NAME:LINE:COL)</c> line per active
/// function, innermost first, and a <c>help: HINT</c> line when the error has a hint. Every line
/// ends with <c>\n</c>. The command line and the REPL print exactly this; hosts may show the same
/// text (<see cref="ScriptException.ToString"/> is <see cref="Render(ScriptException, int?)"/>).
/// </summary>
public static class DiagnosticRenderer
{
    /// <summary>The text of any script error: every syntax error, or the runtime error with its stack and hint.</summary>
    /// <param name="error">The error.</param>
    /// <param name="terminalWidth">The width of the terminal the text goes to, if it goes to one: longer source lines are cut to fit.</param>
    public static string Render(ScriptException error, int? terminalWidth = null) => error switch
    {
        ScriptSyntaxException syntax => SyntaxErrors(syntax.Errors, terminalWidth),
        ScriptRuntimeException runtime => RuntimeError(runtime, terminalWidth),
        _ => $"{error.Span}: error: {error.Message}\n{Snippet(error.Span, terminalWidth)}{Help(error.Hint)}",
    };

    /// <summary>Identical consecutive stack frames shown before the rest of the run is summarised.</summary>
    public const int MaxRepeatedFrames = 3;

    private const string Indent = "    ";

    /// <summary>
    /// The most columns of a source line a snippet shows when no terminal says otherwise: a longer
    /// line (a minified or generated script, a nesting bomb a million characters wide) is cut around
    /// the caret, each cut marked with <see cref="Cut"/>, as rustc and clang do.
    /// </summary>
    public const int MaxLineColumns = 200;

    /// <summary>The fewest columns a snippet keeps, however narrow the terminal.</summary>
    private const int MinLineColumns = 40;

    /// <summary>Stands for the part of a long line a snippet leaves out.</summary>
    public const string Cut = "...";

    /// <summary>Every syntax error (up to <see cref="ScriptSyntaxException.MaxErrors"/>), in source order, each with its source line.</summary>
    /// <param name="errors">The errors.</param>
    /// <param name="terminalWidth">The width of the terminal the text goes to, if it goes to one: longer source lines are cut to fit.</param>
    public static string SyntaxErrors(IReadOnlyList<ScriptDiagnostic> errors, int? terminalWidth = null)
    {
        var text = new StringBuilder();
        // In source order, as the engine documents them (its lexer's errors may come first).
        var ordered = errors.OrderBy(e => e.Line).ThenBy(e => e.Column).Take(ScriptSyntaxException.MaxErrors);
        foreach (var error in ordered)
            text.Append(SyntaxError(error, terminalWidth));
        return text.ToString();
    }

    /// <summary>One syntax error: headline, source line, caret line.</summary>
    public static string SyntaxError(ScriptDiagnostic error, int? terminalWidth = null) =>
        $"{error.Span}: error: {error.Message}\n{Snippet(error.Span, terminalWidth)}{Help(error.Hint)}";

    /// <summary>A runtime error: headline, source line, caret line, the script's stack, then the hint if there is one.</summary>
    public static string RuntimeError(ScriptRuntimeException error, int? terminalWidth = null) =>
        $"{error.Span}: runtime error: {error.Message}\n{Snippet(error.Span, terminalWidth)}{StackTrace(error.ScriptStackTrace)}{Help(error.Hint)}";

    /// <summary>The <c>help: HINT</c> line that says how to fix a common mistake, as rustc and Elm end theirs.</summary>
    public static string Help(string? hint) => hint is null ? "" : $"help: {hint}\n";

    /// <summary>
    /// The span's first line, verbatim after four spaces, and a line with a caret under its column.
    /// The caret line copies the tabs of the source line so the caret lands under the right
    /// character in any tab width; a span that ends on the same line is underlined to its end.
    /// A line wider than the terminal (or than <see cref="MaxLineColumns"/>) is cut to a window
    /// around the caret, with <see cref="Cut"/> where text was left out.
    /// </summary>
    public static string Snippet(SourceSpan span, int? terminalWidth = null)
    {
        // Columns count code points, as the lexer does, so a surrogate pair is one column.
        var runes = span.Source.GetLine(span.Line).EnumerateRunes().ToArray();
        int caretIndex = span.Column - 1;               // may be just past the line's end
        int columns = LineColumns(terminalWidth);
        int start = 0, end = runes.Length;
        if (runes.Length > columns)
        {
            // A third of the window before the caret, the rest after it, where the span goes on.
            int room = columns - 2 * Cut.Length;
            start = Math.Clamp(caretIndex - room / 3, 0, Math.Max(0, runes.Length + 1 - room));
            end = Math.Min(runes.Length, start + room);
        }

        var line = new StringBuilder(Indent);
        var caret = new StringBuilder(Indent);
        if (start > 0)
        {
            line.Append(Cut);
            caret.Append(' ', Cut.Length);
        }
        for (int i = start; i < end; i++)
        {
            line.Append(runes[i].ToString());
            if (i < caretIndex) caret.Append(runes[i].Value == '\t' ? '\t' : ' ');
        }
        if (end < runes.Length) line.Append(Cut);
        // A place just past the end of the line (a missing token at the line end or end of file).
        for (int i = Math.Max(end, start); i < caretIndex; i++) caret.Append(' ');

        int width = span.EndLine == span.Line ? span.EndColumn - span.Column : 1;
        int widthToLineEnd = Math.Max(1, end - caretIndex);
        width = Math.Clamp(width, 1, widthToLineEnd);
        caret.Append('^').Append('~', width - 1);
        return $"{line}\n{caret}\n";
    }

    // The columns of source a snippet shows: the terminal's width less the indent, within bounds.
    private static int LineColumns(int? terminalWidth) =>
        terminalWidth is { } width ? Math.Clamp(width - Indent.Length, MinLineColumns, MaxLineColumns) : MaxLineColumns;

    /// <summary>
    /// One <c>  at FUNCTION (NAME:LINE:COL)</c> line per frame of a script stack trace (the
    /// engine's <see cref="ScriptRuntimeException.ScriptStackTrace"/>: <c>at …</c> lines, innermost
    /// first, each place being the call). A run of more than <see cref="MaxRepeatedFrames"/>
    /// identical frames (deep recursion from one call site) keeps its first lines and says how many
    /// more there were.
    /// </summary>
    public static string StackTrace(string scriptStackTrace)
    {
        var frames = scriptStackTrace.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var text = new StringBuilder();
        for (int i = 0; i < frames.Length;)
        {
            int run = 1;
            while (i + run < frames.Length && frames[i + run] == frames[i]) run++;
            for (int k = 0; k < Math.Min(run, MaxRepeatedFrames); k++)
                text.Append("  ").Append(frames[i]).Append('\n');
            if (run > MaxRepeatedFrames)
                text.Append($"  ... ({run - MaxRepeatedFrames} more identical frame{(run - MaxRepeatedFrames == 1 ? "" : "s")})\n");
            i += run;
        }
        return text.ToString();
    }
}
