namespace GradScript.Cli.Repl;

using GradScript.Diagnostics;
using GradScript.Syntax;

/// <summary>
/// The lines of one REPL input while it is being typed, and the decision the prompt depends on:
/// run it now, or read another line (<c>... </c>). More is needed exactly when the parser's first
/// error is the end of the input (a block, bracket or call still open, an operator with nothing
/// after it) or the last line ends in a backslash that joins it to the next. Any other syntax
/// error is the user's to see at once, so the input is complete and its errors are reported.
/// </summary>
internal sealed class InputBuffer
{
    private readonly List<string> _lines = new();

    /// <summary>Whether no line has been typed since the last input ran.</summary>
    public bool IsEmpty => _lines.Count == 0;

    /// <summary>The lines so far, joined by <c>\n</c>.</summary>
    public string Text => string.Join('\n', _lines);

    /// <summary>How many lines the input has so far.</summary>
    public int LineCount => _lines.Count;

    /// <summary>Adds a typed line (without its line end).</summary>
    public void Add(string line) => _lines.Add(line);

    /// <summary>Forgets the lines typed so far.</summary>
    public void Clear() => _lines.Clear();

    /// <summary>Whether the lines so far are a complete input, to be run (or reported) now.</summary>
    public bool IsComplete => !NeedsMore(Text);

    /// <summary>Whether <paramref name="text"/> stops in the middle of something that the next line can finish.</summary>
    public static bool NeedsMore(string text)
    {
        if (SourceScanner.EndsWithLineJoin(text)) return true;
        // Parsing is cheap next to typing, and the parser is the only authority on what is open.
        return ScriptParser.TryParse(new SourceText(ReplSession.SourceName, text)).EndedEarly;
    }
}
