namespace GradScript.Cli.Repl;

using GradScript.Tooling;

/// <summary>
/// The lines of one REPL input while it is being typed, and the decision the prompt depends on:
/// run it now, or read another line (<c>... </c>). <see cref="InteractiveInput.Check"/> decides: more
/// is needed exactly when the parser's first error is the end of the input (a block, bracket or call
/// still open, an operator with nothing after it) or the last line ends in a backslash that joins it
/// to the next. Any other syntax error is the user's to see at once, so the input is complete and its
/// errors are reported. An input that ends with a complete <c>if</c> is held (<see cref="AwaitsElse"/>)
/// until the next line shows whether an <c>else</c> follows, so that the REPL never runs what a file
/// would parse differently.
/// </summary>
internal sealed class InputBuffer
{
    private readonly List<string> _lines = new();
    private InputStatus _status = InputStatus.Complete;

    /// <summary>Whether no line has been typed since the last input ran.</summary>
    public bool IsEmpty => _lines.Count == 0;

    /// <summary>The lines so far, joined by <c>\n</c>.</summary>
    public string Text => string.Join('\n', _lines);

    /// <summary>How many lines the input has so far.</summary>
    public int LineCount => _lines.Count;

    /// <summary>Adds a typed line (without its line end).</summary>
    public void Add(string line)
    {
        _lines.Add(line);
        _status = InteractiveInput.Check(Text);
    }

    /// <summary>Forgets the lines typed so far.</summary>
    public void Clear()
    {
        _lines.Clear();
        _status = InputStatus.Complete;
    }

    /// <summary>Whether the lines so far are a complete input, to be run (or reported) now.</summary>
    public bool IsComplete => _status == InputStatus.Complete;

    /// <summary>
    /// Whether the input is complete but ends with an <c>if</c> whose block closed its last line: in a
    /// file the next line could still be its <c>else</c>, so it waits for that line (as Python's REPL
    /// waits for a blank line after a block).
    /// </summary>
    public bool AwaitsElse => !IsEmpty && _status == InputStatus.CompleteUnlessElse;

    /// <summary>Whether <paramref name="text"/> stops in the middle of something that the next line can finish.</summary>
    public static bool NeedsMore(string text) => InteractiveInput.Check(text) == InputStatus.Incomplete;
}
