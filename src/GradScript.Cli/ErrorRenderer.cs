namespace GradScript.Cli;

using System.Text;
using GradScript.Diagnostics;

/// <summary>
/// Turns script errors into the text docs/language.md §9 pins: a <c>NAME:LINE:COL: error: MESSAGE</c>
/// (or <c>runtime error:</c>) headline, the source line indented by four spaces, a caret line under
/// the place, and for runtime errors one <c>  at FUNCTION (NAME:LINE:COL)</c> line per active
/// function, innermost first. Every line ends with <c>\n</c>. The REPL renders its errors here too.
/// </summary>
internal static class ErrorRenderer
{
    /// <summary>Identical consecutive stack frames shown before the rest of the run is summarised.</summary>
    public const int MaxRepeatedFrames = 3;

    private const string Indent = "    ";

    /// <summary>Every syntax error (up to <see cref="ScriptSyntaxException.MaxErrors"/>), in source order, each with its source line.</summary>
    public static string SyntaxErrors(IReadOnlyList<ScriptDiagnostic> errors)
    {
        var text = new StringBuilder();
        // In source order, as the engine documents them (its lexer's errors may come first).
        var ordered = errors.OrderBy(e => e.Line).ThenBy(e => e.Column).Take(ScriptSyntaxException.MaxErrors);
        foreach (var error in ordered)
            text.Append(SyntaxError(error));
        return text.ToString();
    }

    /// <summary>One syntax error: headline, source line, caret line.</summary>
    public static string SyntaxError(ScriptDiagnostic error) =>
        $"{error.Span}: error: {error.Message}\n{Snippet(error.Span)}{Help(error.Hint)}";

    /// <summary>A runtime error: headline, source line, caret line, the script's stack, then the hint if there is one.</summary>
    public static string RuntimeError(ScriptRuntimeException error) =>
        $"{error.Span}: runtime error: {error.Message}\n{Snippet(error.Span)}{StackTrace(error.ScriptStackTrace)}{Help(error.Hint)}";

    /// <summary>The <c>help: HINT</c> line that says how to fix a common mistake, as rustc and Elm end theirs.</summary>
    public static string Help(string? hint) => hint is null ? "" : $"help: {hint}\n";

    /// <summary>
    /// The span's first line, verbatim after four spaces, and a line with a caret under its column.
    /// The caret line copies the tabs of the source line so the caret lands under the right
    /// character in any tab width; a span that ends on the same line is underlined to its end.
    /// </summary>
    public static string Snippet(SourceSpan span)
    {
        string line = span.Source.GetLine(span.Line);
        var caret = new StringBuilder(Indent);
        int column = 1;
        int lineLength = 0;
        // Columns count code points, as the lexer does, so a surrogate pair is one column.
        foreach (var rune in line.EnumerateRunes())
        {
            lineLength++;
            if (column >= span.Column) continue;
            caret.Append(rune.Value == '\t' ? '\t' : ' ');
            column++;
        }
        // A place just past the end of the line (a missing token at the line end or end of file).
        for (; column < span.Column; column++) caret.Append(' ');

        int width = span.EndLine == span.Line ? span.EndColumn - span.Column : 1;
        int widthToLineEnd = Math.Max(1, lineLength - span.Column + 1);
        width = Math.Clamp(width, 1, widthToLineEnd);
        caret.Append('^').Append('~', width - 1);
        return $"{Indent}{line}\n{caret}\n";
    }

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
