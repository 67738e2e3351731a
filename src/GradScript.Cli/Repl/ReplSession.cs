namespace GradScript.Cli.Repl;

using System.Diagnostics.CodeAnalysis;
using GradScript.Cli.Graphs;
using GradScript.Diagnostics;
using GradScript.Tooling;

/// <summary>
/// The REPL without a terminal: lines go in through <see cref="Feed"/>, and echoes, printed output
/// and errors come out on two writers. One engine holds the session's variables from input to
/// input; an error, a limit or Ctrl-C (<see cref="Interrupt"/>) ends only the input it happened in.
/// <see cref="ReplLoop"/> puts a line reader in front of it; tests feed it strings.
/// <para>
/// Each input is compiled as a source of its own, named <c>&lt;repl-N&gt;</c> for the Nth, so its
/// lines count from 1 (as in Python's REPL): an error at <c>&lt;repl-3&gt;:2:5</c> is on the second
/// line of the third input, and a traceback's frames from different inputs can be told apart. Numbering across the session would put every earlier line in front of each input,
/// and parsing them all again made a long session slower with every line.
/// </para>
/// </summary>
internal sealed class ReplSession
{
    /// <summary>The prompt for a new input.</summary>
    public const string PrimaryPrompt = ">>> ";

    /// <summary>The prompt while an input is unfinished.</summary>
    public const string ContinuationPrompt = "... ";

    private readonly RunLimits _limits;
    private readonly int? _progressWidth;
    private readonly InputBuffer _input = new();
    private readonly InputRunner _runner;
    private readonly MetaCommands _commands;
    private readonly RichDisplay? _display;
    private int _inputs;

    /// <summary>Starts a session with a fresh engine.</summary>
    /// <param name="limits">The limits every input runs under (<c>--timeout</c> is per input).</param>
    /// <param name="output">Echoes, what scripts print, and meta-command output.</param>
    /// <param name="error">Errors.</param>
    /// <param name="graphviz">How <c>:graph</c> renders images.</param>
    /// <param name="progressWidth">The width of the terminal <paramref name="error"/> is on, for progress bars; null when it is none.</param>
    /// <param name="colorErrors">Whether errors are coloured for a terminal.</param>
    /// <param name="display">Where errors, charts and graphs go in a host that shows more than text; null on a terminal.</param>
    public ReplSession(RunLimits limits, TextWriter output, TextWriter error, Graphviz? graphviz = null, int? progressWidth = null,
        bool colorErrors = false, RichDisplay? display = null)
    {
        _limits = limits;
        _progressWidth = progressWidth;
        _display = display;
        Output = output;
        Error = error;
        _runner = new InputRunner(limits, output, error, colorErrors, display?.ShowError);
        _commands = new MetaCommands(this, graphviz ?? new Graphviz());
        Reset();
    }

    /// <summary>The prompt to show before the next line.</summary>
    public string Prompt => _input.IsEmpty ? PrimaryPrompt : ContinuationPrompt;

    /// <summary>Whether lines of an unfinished input are waiting for more.</summary>
    public bool HasPendingInput => !_input.IsEmpty;

    /// <summary>Set by <c>:quit</c>.</summary>
    public bool QuitRequested { get; internal set; }

    /// <summary>Whether an input is running now.</summary>
    public bool IsRunning => _runner.IsRunning;

    /// <summary>The engine holding the session's variables; <c>:reset</c> replaces it.</summary>
    internal Engine Engine { get; private set; }

    /// <summary>Where echoes, what scripts print and meta-command output go.</summary>
    internal TextWriter Output { get; }

    /// <summary>Where errors go.</summary>
    internal TextWriter Error { get; }

    /// <summary>Reads one line: a meta-command, or a line of code that runs once its input is complete.</summary>
    public void Feed(string line)
    {
        if (_input.AwaitsElse && !InteractiveInput.ContinuesIf(line))
        {
            // The if had no else after all: it runs now, and this line starts the next input (a
            // blank line only ends the if).
            RunHeldInput();
            if (string.IsNullOrWhiteSpace(line)) return;
        }
        var outcome = _runner.Run(token => Process(line, token));
        if (outcome == RunOutcome.Abandoned) Reset();
        CliConsole.FlushQuietly(Output);
    }

    /// <summary>
    /// Runs a notebook cell: its code as one input named <paramref name="sourceName"/>, so errors
    /// give the line within the cell, and any line starting with <c>:</c> where no statement is open as
    /// the meta-command it is. Stops at the first part that fails; <paramref name="echo"/> takes
    /// each top-level expression value. An unfinished statement at the end is a syntax error.
    /// </summary>
    /// <returns>How the cell ended: <see cref="RunOutcome.Finished"/> when every part ran.</returns>
    public RunOutcome RunCell(string cell, string sourceName, Action<ScriptValue> echo, CancellationToken stop = default)
    {
        var lines = cell.ReplaceLineEndings("\n").Split('\n');
        var outcome = RunOutcome.Finished;
        int start = 0;
        for (int i = 0; i <= lines.Length && outcome == RunOutcome.Finished; i++)
        {
            bool command = i < lines.Length && MetaCommands.IsCommand(lines[i]) && CodeIsComplete(lines, start, i);
            if (i < lines.Length && !command) continue;
            outcome = RunCode(lines, start, i, sourceName, echo, stop);
            if (command && outcome == RunOutcome.Finished)
            {
                string line = lines[i];
                outcome = _runner.Run(token => _commands.Execute(line, token), stop);
            }
            start = i + 1;
        }
        if (outcome == RunOutcome.Abandoned) Reset();
        CliConsole.FlushQuietly(Output);
        return outcome;
    }

    private static bool CodeIsComplete(string[] lines, int start, int end) =>
        !InputBuffer.NeedsMore(string.Join('\n', lines[start..end]));

    // Blank lines before the code put it at its line of the cell, as spaces put code at its column.
    private RunOutcome RunCode(string[] lines, int start, int end, string sourceName, Action<ScriptValue> echo, CancellationToken stop)
    {
        string code = string.Join('\n', lines[start..end]);
        if (string.IsNullOrWhiteSpace(code)) return RunOutcome.Finished;
        string text = new string('\n', start) + code;
        return _runner.Run(token => Engine.RunInteractive(Engine.CompileInteractive(text, sourceName), echo, token), stop);
    }

    /// <summary>Shows the DOT text of a graph: drawn by the host when it shows pictures, printed otherwise.</summary>
    internal void ShowGraph(string dot)
    {
        if (_display is { } display) display.ShowGraph(dot);
        else Output.Write(dot);
    }

    /// <summary>End of input: an <c>if</c> held for an <c>else</c> runs, and an unfinished input is reported as the syntax error it is.</summary>
    public void Finish()
    {
        if (_input.AwaitsElse)
        {
            RunHeldInput();
            return;
        }
        if (_input.IsEmpty) return;
        string text = _input.Text;
        _input.Clear();
        _runner.Run(_ => Compile(text));
        CliConsole.FlushQuietly(Output);
    }

    /// <summary>Ctrl-C: stops the running input, if there is one.</summary>
    public InterruptResult Interrupt() => _runner.Interrupt();

    /// <summary>Ctrl-C at the prompt: forgets the lines of an unfinished input.</summary>
    public void DiscardPendingInput() => _input.Clear();

    /// <summary>The names defined in the session now, builtins included, for completion.</summary>
    public IEnumerable<string> GlobalNames() => [.. ScriptAnalysis.BuiltinNames, .. Engine.GetGlobalNames()];

    /// <summary>The public functions and variables of the module the global <paramref name="name"/> holds, or null when it holds none.</summary>
    public IEnumerable<string>? ModuleMembers(string name) =>
        Engine.GetGlobalNames().Contains(name) ? Engine.GetGlobalValue(name).MemberNames : null;

    /// <summary><c>:reset</c>: a fresh engine; every variable is gone.</summary>
    [MemberNotNull(nameof(Engine))]
    internal void Reset()
    {
        Engine = new Engine(_limits.ToEngineOptions(Output, Error, CancellationToken.None, progressWidth: _progressWidth,
            showChart: _display?.ShowChart));
    }

    /// <summary>Writes an error message to standard error, after any pending output.</summary>
    internal void ReportError(string message) => _runner.Report(message);

    /// <summary>
    /// Compiles and runs code typed from <paramref name="column"/> of its line on (after a
    /// meta-command's name), handing each top-level expression value to <paramref name="echo"/>.
    /// </summary>
    internal void Run(string code, int column, Action<ScriptValue> echo, CancellationToken token)
    {
        Engine.RunInteractive(Compile(code, column), echo, token);
    }

    /// <summary>Shows an expression statement's value.</summary>
    internal void WriteEcho(ScriptValue value)
    {
        if (Echo.Text(value) is { } text) Output.Write(text + "\n");
    }

    // Runs an if held for a possible else.
    private void RunHeldInput()
    {
        string held = _input.Text;
        _input.Clear();
        var outcome = _runner.Run(token => Run(held, 1, WriteEcho, token));
        if (outcome == RunOutcome.Abandoned) Reset();
        CliConsole.FlushQuietly(Output);
    }

    private void Process(string line, CancellationToken token)
    {
        if (_input.IsEmpty && MetaCommands.IsCommand(line))
        {
            _commands.Execute(line, token);
            return;
        }
        _input.Add(line);
        if (!_input.IsComplete || _input.AwaitsElse) return;
        string text = _input.Text;
        _input.Clear();
        if (string.IsNullOrWhiteSpace(text)) return;
        Run(text, 1, WriteEcho, token);
    }

    // Spaces before the code put it at its column, so errors point where it was typed. Each input
    // is numbered (<repl-3>, as Python 3.13 names them), so a traceback's frames tell inputs apart.
    private CompiledScript Compile(string code, int column = 1) =>
        Engine.CompileInteractive(new string(' ', column - 1) + code, $"<repl-{++_inputs}>");
}
