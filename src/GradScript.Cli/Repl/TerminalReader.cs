namespace GradScript.Cli.Repl;

using RadLine;
using Spectre.Console;

/// <summary>
/// Reads lines on a terminal with RadLine: cursor keys, Home/End (and Ctrl-A/Ctrl-E), word jumps
/// (Ctrl-Left/Right, Alt-B/Alt-F), history on Up/Down saved in <see cref="History"/>, Tab
/// completion (after <c>nn.</c>, of the module's members), Ctrl-L to clear the screen, and syntax
/// colouring unless colour is off. Each read is one line: an unfinished input continues at a new
/// <c>... </c> prompt, as in Python, and each line is its own history entry. An entered line too
/// long for the terminal is left wrapped in full, not cut at its edge.
/// <para>
/// Ctrl-C reaches the process as a signal, not a key; <see cref="Interrupt"/> cancels the read in
/// progress, which leaves the line on the screen as typed and starts a fresh input below it.
/// Ctrl-D is a key: on an empty line it ends the session, elsewhere it deletes the character
/// under the cursor.
/// </para>
/// </summary>
internal sealed class TerminalReader : ILineReader
{
    private readonly LineEditor _editor;
    private readonly ReplPrompt _prompt;
    private readonly History _history;
    private readonly Highlighter? _highlighter;
    private readonly IAnsiConsole _terminal;
    private readonly Lock _gate = new();
    private CancellationTokenSource? _reading;
    private bool _endOfInput;

    /// <summary>A reader on the process's terminal.</summary>
    /// <param name="history">Where entered lines are saved; its saved lines are loaded now.</param>
    /// <param name="names">The session's names now, for completion.</param>
    /// <param name="builtins">Builtin names, coloured as such.</param>
    /// <param name="color">Whether to colour the input.</param>
    /// <param name="members">The members of the module a name holds, for completion after <c>nn.</c>.</param>
    public TerminalReader(History history, Func<IEnumerable<string>> names, IEnumerable<string> builtins, bool color, Func<string, IEnumerable<string>?>? members = null)
    {
        _history = history;
        var terminal = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = color ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(Console.Out),
        });
        var highlighter = color ? new Highlighter(builtins) : null;
        _highlighter = highlighter;
        _terminal = terminal;
        _prompt = new ReplPrompt(highlighter);
        _editor = new LineEditor(terminal, new KeySource())
        {
            Prompt = _prompt,
            Completion = new Completion(names, members),
            Highlighter = highlighter,
        };
        BindKeys(_editor.KeyBindings);
        foreach (var line in history.Load()) _editor.History.Add(line);
    }

    /// <inheritdoc/>
    public ReadResult Read(string prompt)
    {
        _prompt.Text = prompt;
        _endOfInput = false;
        var reading = new CancellationTokenSource();
        lock (_gate) _reading = reading;
        string? line;
        try
        {
            line = _editor.ReadLine(reading.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            // Cancelled while RadLine waited between keys: it has not moved to a new line.
            Console.Out.Write("\n");
            return ReadResult.Interrupted;
        }
        finally
        {
            lock (_gate) _reading = null;
        }
        if (line is not null)
        {
            if (!Fits(prompt, line)) RedrawWrapped(prompt, line);
            _history.Add(line);
            return new ReadResult(ReadStatus.Line, line);
        }
        return _endOfInput ? ReadResult.EndOfInput : ReadResult.Interrupted;
    }

    // RadLine scrolls a line longer than the terminal sideways while it is edited, and leaves it
    // drawn from its start, cut at the terminal's edge, once it is entered. Such a line is drawn
    // again in full over that one, for the terminal to wrap, so scrollback shows what was run. The
    // width is the one RadLine cut the line at.
    private bool Fits(string prompt, string line) => prompt.Length + line.Length < _terminal.Profile.Width - 1;

    private void RedrawWrapped(string prompt, string line)
    {
        string text = _highlighter is { } highlighter ? Coloured(line, highlighter.StylesOf(line)) : line;
        Console.Out.Write($"\u001b[1A\u001b[2K\r{prompt}{text}\n");
    }

    // The line in its colours, written by Spectre.Console as RadLine writes it, on a console wide
    // enough that it adds no line breaks of its own.
    private static string Coloured(string line, Style?[] styles)
    {
        var paragraph = new Paragraph();
        for (int start = 0; start < line.Length;)
        {
            int end = start + 1;
            while (end < line.Length && styles[end] == styles[start]) end++;
            paragraph.Append(line[start..end], styles[start]);
            start = end;
        }
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.Yes, ColorSystem = ColorSystemSupport.Standard, Out = new AnsiConsoleOutput(writer) });
        console.Profile.Width = line.Length + 1;
        console.Write(paragraph);
        return writer.ToString();
    }

    /// <inheritdoc/>
    public bool Interrupt()
    {
        lock (_gate) _reading?.Cancel();
        return true;
    }

    // RadLine's defaults suit a multi-line editor (Up/Down move between lines, Ctrl-Up/Down walk
    // history); lines here are edited one at a time, so Up/Down walk history, as in every shell.
    private void BindKeys(KeyBindings keys)
    {
        keys.Add<PreviousHistoryCommand>(ConsoleKey.UpArrow);
        keys.Add<NextHistoryCommand>(ConsoleKey.DownArrow);
        keys.Add(ConsoleKey.Tab, () => new TabCommand());
        keys.Add<MoveHomeCommand>(ConsoleKey.A, ConsoleModifiers.Control);
        keys.Add<MoveEndCommand>(ConsoleKey.E, ConsoleModifiers.Control);
        keys.Add<PreviousWordCommand>(ConsoleKey.B, ConsoleModifiers.Alt);
        keys.Add<NextWordCommand>(ConsoleKey.F, ConsoleModifiers.Alt);
        keys.Add(ConsoleKey.D, ConsoleModifiers.Control, () => new EndOfInputCommand(this));
        keys.Add<ClearScreenCommand>(ConsoleKey.L, ConsoleModifiers.Control);
    }

    /// <summary>Ctrl-L: clears the screen, as in a shell; RadLine then draws the line being edited at the top.</summary>
    private sealed class ClearScreenCommand : LineEditorCommand
    {
        public override void Execute(LineEditorContext context) => Console.Out.Write("\u001b[H\u001b[2J");
    }

    /// <summary>Ctrl-D: the end of input on an empty line, otherwise delete forward.</summary>
    private sealed class EndOfInputCommand(TerminalReader reader) : LineEditorCommand
    {
        public override void Execute(LineEditorContext context)
        {
            if (context.Buffer.Length > 0)
            {
                new DeleteCommand().Execute(context);
                return;
            }
            reader._endOfInput = true;
            context.Submit(SubmitAction.Cancel);
        }
    }
}

/// <summary>
/// The terminal's keys as RadLine reads them, with two corrections. RadLine inserts any key that
/// has a printable character, modifiers or not, so Alt-B (which a terminal sends as Escape, b)
/// would type a <c>b</c>. Here a key pressed with Alt carries no character, and RadLine looks it up
/// in its key bindings instead, where Alt-B and Alt-F jump by words as in a shell. And a line
/// feed is Enter, as Ctrl-J is in readline: Enter typed ahead, while a line still runs, reaches
/// the terminal before the next read sets it up, and the terminal turns its carriage return into a
/// line feed, which RadLine would drop, running the line typed ahead together with the next one.
/// </summary>
internal sealed class KeySource : IInputSource
{
    /// <inheritdoc/>
    public bool ByPassProcessing => false;

    /// <inheritdoc/>
    public bool IsKeyAvailable() => Console.KeyAvailable;

    /// <inheritdoc/>
    public ConsoleKeyInfo ReadKey()
    {
        var key = Console.ReadKey(intercept: true);
        if (key.KeyChar == '\n') return new ConsoleKeyInfo('\r', ConsoleKey.Enter, shift: false, alt: false, control: false);
        if ((key.Modifiers & ConsoleModifiers.Alt) == 0) return key;
        return new ConsoleKeyInfo('\0', key.Key,
            shift: (key.Modifiers & ConsoleModifiers.Shift) != 0,
            alt: true,
            control: (key.Modifiers & ConsoleModifiers.Control) != 0);
    }
}
