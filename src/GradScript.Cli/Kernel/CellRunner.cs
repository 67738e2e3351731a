namespace GradScript.Cli.Kernel;

using System.Text.Json.Nodes;
using GradScript.Cli.Graphs;
using GradScript.Cli.Repl;

/// <summary>
/// Runs notebook cells in one <see cref="ReplSession"/>, so variables, functions and imports live
/// from cell to cell and through errors exactly as at the REPL's prompt, and an interrupt stops the
/// running cell alone. What a cell does becomes iopub messages on <see cref="Publish"/>: printed
/// text as <c>stream</c>, the value of each top-level expression as <c>execute_result</c> (as the
/// REPL echoes each one), <c>plot</c> charts and <c>:graph</c> drawings as <c>display_data</c> with an
/// SVG picture and their text beside it, and a failure as <c>error</c> with the REPL's message,
/// source line and caret as its traceback.
/// </summary>
internal sealed class CellRunner
{
    private readonly ReplSession _session;
    private readonly Graphviz _graphviz;
    private readonly List<InputError> _errors = [];
    private CellOutput? _output;
    private bool _silent;

    /// <summary>A session with the given limits; <paramref name="publish"/> takes each iopub message's type and content.</summary>
    public CellRunner(RunLimits limits, Graphviz graphviz, Action<string, JsonObject> publish)
    {
        _graphviz = graphviz;
        Publish = publish;
        var display = new RichDisplay(_errors.Add, ShowChart, ShowGraph);
        // The session writes through these to whichever cell is running.
        var output = new ForwardingWriter(() => _output?.Out);
        var error = new ForwardingWriter(() => _output?.Error);
        _session = new ReplSession(limits, output, error, graphviz, progressWidth: ProgressWidth, display: display);
    }

    /// <summary>
    /// The width progress bars are cut to: notebooks wrap nothing, but a line wider than a
    /// notebook's output area scrolls, and tqdm's notebook-less bar assumes about this much.
    /// </summary>
    public const int ProgressWidth = 100;

    /// <summary>Takes each iopub message: its type and content.</summary>
    private Action<string, JsonObject> Publish { get; }

    /// <summary>How many cells have run with <c>store_history</c>; the next one's number is one more.</summary>
    public int ExecutionCount { get; private set; }

    /// <summary>The cells run so far, for <c>history_request</c>: their numbers and code.</summary>
    public List<(int Number, string Code)> History { get; } = [];

    /// <summary>The names defined in the session, builtins included.</summary>
    public IEnumerable<string> GlobalNames() => _session.GlobalNames();

    /// <summary>The session, for completion and inspection between cells.</summary>
    public ReplSession Session => _session;

    // The running cell's interrupt, from the moment its request is taken (before its code starts,
    // so an interrupt that comes early is not lost) to its reply; null between cells.
    private readonly Lock _gate = new();
    private CancellationTokenSource? _cellInterrupt;

    /// <summary>Stops the running cell, if any; its variables keep the values they had.</summary>
    public InterruptResult Interrupt()
    {
        lock (_gate)
        {
            if (_cellInterrupt is null) return _session.Interrupt();
            if (_cellInterrupt.IsCancellationRequested) return InterruptResult.AlreadyCancelled;
            _cellInterrupt.Cancel();
            return InterruptResult.Cancelled;
        }
    }

    /// <summary>Runs one cell and gives the content of its <c>execute_reply</c>.</summary>
    /// <param name="code">The cell's text.</param>
    /// <param name="silent">Nothing is published and the count does not move (a client's background query).</param>
    /// <param name="storeHistory">Whether the cell is counted and kept in the history.</param>
    public JsonObject Execute(string code, bool silent, bool storeHistory)
    {
        using var interrupt = new CancellationTokenSource();
        lock (_gate) _cellInterrupt = interrupt;
        try
        {
            return Execute(code, silent, storeHistory, interrupt.Token);
        }
        finally
        {
            lock (_gate) _cellInterrupt = null;
        }
    }

    private JsonObject Execute(string code, bool silent, bool storeHistory, CancellationToken interrupt)
    {
        if (!silent && storeHistory)
        {
            ExecutionCount++;
            History.Add((ExecutionCount, code));
        }
        int count = ExecutionCount;
        if (!silent) Publish("execute_input", new JsonObject { ["code"] = code, ["execution_count"] = count });

        _errors.Clear();
        _silent = silent;
        using (var output = new CellOutput((name, text) => { if (!silent) Publish("stream", new JsonObject { ["name"] = name, ["text"] = text }); }))
        {
            _output = output;
            try
            {
                _session.RunCell(code, $"<cell-{count}>", value => ShowResult(value, count), interrupt);
            }
            finally
            {
                _output = null;
            }
        }

        if (_errors.Count == 0) return new JsonObject { ["status"] = "ok", ["execution_count"] = count, ["user_expressions"] = new JsonObject(), ["payload"] = new JsonArray() };
        var failure = _errors[0];
        var error = ErrorContent(failure);
        if (!silent) Publish("error", ErrorContent(failure));
        error["status"] = "error";
        error["execution_count"] = count;
        return error;
    }

    /// <summary>The ename, evalue and traceback of an error.</summary>
    public static JsonObject ErrorContent(InputError failure) => new()
    {
        ["ename"] = failure.Name,
        ["evalue"] = failure.Message,
        ["traceback"] = new JsonArray([.. failure.Text.TrimEnd('\n').Split('\n').Select(line => (JsonNode)line)]),
    };

    private void ShowResult(ScriptValue value, int count)
    {
        if (_silent || Echo.Text(value) is not { } text) return;
        _output?.FlushAll();
        var data = new JsonObject { ["text/plain"] = text };
        // graph(v) gives DOT text: a notebook shows the picture, with the text kept for plain clients.
        if (value.AsString is { } dot && GraphPicture.IsDot(dot) && GraphPicture.Svg(_graphviz, dot) is { } svg) data["image/svg+xml"] = svg;
        Publish("execute_result", new JsonObject { ["execution_count"] = count, ["data"] = data, ["metadata"] = new JsonObject() });
    }

    private void ShowChart(Chart chart) =>
        Display(new JsonObject { ["text/plain"] = chart.Text.TrimEnd('\n'), ["image/svg+xml"] = SvgChart.Render(chart) });

    private void ShowGraph(string dot)
    {
        var data = new JsonObject { ["text/plain"] = dot.TrimEnd('\n') };
        if (GraphPicture.Svg(_graphviz, dot) is { } svg) data["image/svg+xml"] = svg;
        Display(data);
    }

    private void Display(JsonObject data)
    {
        if (_silent || _output is not { } output) return;
        output.FlushAll();
        Publish("display_data", new JsonObject { ["data"] = data, ["metadata"] = new JsonObject(), ["transient"] = new JsonObject() });
    }
}
