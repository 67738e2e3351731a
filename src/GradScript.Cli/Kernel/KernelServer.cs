namespace GradScript.Cli.Kernel;

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using GradScript.Cli.Graphs;
using GradScript.Cli.Repl;

/// <summary>
/// <c>gradscript kernel -f CONNECTION_FILE</c>: a Jupyter kernel (messaging protocol 5.3). The
/// sockets are served by <see cref="KernelChannels"/> on the calling thread; shell requests are
/// handled one after another on a thread of their own, so while a cell runs, control requests
/// (interrupt, shutdown) and the heartbeat are still answered. Each request is framed on iopub by
/// <c>status: busy</c> and <c>status: idle</c>, as clients expect. A message with a bad signature is
/// dropped and logged, never read further; a malformed one or one of an unknown type is logged and
/// ignored. Logs go to standard error, which the client shows or keeps.
/// </summary>
internal sealed class KernelServer
{
    private readonly MessageSigner _signer;
    private readonly TextWriter _log;
    private readonly string _session = Guid.NewGuid().ToString("N");
    private readonly BlockingCollection<JupyterMessage> _shellQueue = new();
    private readonly CellRunner _cells;
    private readonly KernelChannels _channels;
    private readonly Lock _logGate = new();
    private volatile JupyterMessage? _shellParent;

    /// <summary>Binds the channels of <paramref name="connection"/>.</summary>
    /// <exception cref="KernelStartException">A port cannot be bound.</exception>
    public KernelServer(ConnectionFile connection, RunLimits limits, TextWriter log)
    {
        _signer = new MessageSigner(connection.Key);
        _log = log;
        _cells = new CellRunner(limits, new Graphviz(), (type, content) => Publish(type, content, _shellParent));
        _channels = new KernelChannels(connection, Received);
    }

    /// <summary>The exit status: 0 after a shutdown request.</summary>
    public int ExitCode { get; private set; }

    /// <summary>Serves until a shutdown request; <paramref name="interrupts"/> (SIGINT) stop the running cell.</summary>
    public int Run(CtrlC? interrupts)
    {
        var shell = new Thread(ServeShell) { IsBackground = true, Name = "gradscript kernel shell" };
        shell.Start();
        // SIGINT is how a client interrupts a kernel whose spec asks for signals: it stops the cell alone.
        using var diverted = interrupts?.Divert(() =>
        {
            Log($"SIGINT: {Describe(_cells.Interrupt())}");
            return true;
        });
        using var parent = new ParentWatch(Environment.GetEnvironmentVariable(ParentWatch.Variable), pid =>
        {
            Log($"the client that started the kernel (process {pid}) is gone; shutting down");
            _channels.Stop();
        });
        Log($"kernel started (session {_session})");
        Publish("status", new JsonObject { ["execution_state"] = "starting" }, null);
        try
        {
            _channels.Run();
        }
        finally
        {
            _shellQueue.CompleteAdding();
            _channels.Dispose();
        }
        return ExitCode;
    }

    private void Received(Channel channel, List<byte[]> frames)
    {
        switch (JupyterMessage.Decode(frames, _signer))
        {
            case DecodeResult.BadSignature:
                Log($"dropped a message on {Name(channel)} with a bad signature");
                break;
            case DecodeResult.Malformed malformed:
                Log($"dropped a malformed message on {Name(channel)}: {malformed.Problem}");
                break;
            case DecodeResult.Decoded { Message: var message } when channel == Channel.Control:
                Handle(Channel.Control, message);
                break;
            case DecodeResult.Decoded { Message: var message }:
                if (!_shellQueue.IsAddingCompleted) _shellQueue.Add(message);
                break;
            default:
                throw new System.Diagnostics.UnreachableException("unhandled decode result");
        }
    }

    private void ServeShell()
    {
        foreach (var message in _shellQueue.GetConsumingEnumerable())
        {
            _shellParent = message;
            Handle(Channel.Shell, message);
        }
    }

    // Runs on the shell thread for shell requests and on the poller thread for control requests.
    private void Handle(Channel channel, JupyterMessage request)
    {
        Publish("status", new JsonObject { ["execution_state"] = "busy" }, request);
        try
        {
            var reply = Answer(request);
            if (reply is null) Log($"ignored a message of unknown type '{request.Type}' on {Name(channel)}");
            else Send(channel, request.Type.Replace("_request", "_reply", StringComparison.Ordinal), reply, request);
            if (request.Type == "shutdown_request") Shutdown();
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException)
        {
            // A content of the wrong shape (a number where text belongs) answers with an error, not a crash.
            Log($"could not answer a {request.Type}: {e.Message}");
            Send(channel, request.Type.Replace("_request", "_reply", StringComparison.Ordinal),
                new JsonObject { ["status"] = "error", ["ename"] = "BadRequest", ["evalue"] = e.Message, ["traceback"] = new JsonArray() }, request);
        }
        finally
        {
            Publish("status", new JsonObject { ["execution_state"] = "idle" }, request);
        }
    }

    private JsonObject? Answer(JupyterMessage request) => request.Type switch
    {
        "kernel_info_request" => ShellReplies.KernelInfo(),
        "execute_request" => _cells.Execute(request.Text("code"), request.Flag("silent", false), request.Flag("store_history", true)),
        "complete_request" => ShellReplies.Complete(request.Text("code"), request.Integer("cursor_pos"), _cells.GlobalNames()),
        "inspect_request" => ShellReplies.Inspect(request.Text("code"), request.Integer("cursor_pos"), _cells.Session),
        "is_complete_request" => ShellReplies.IsComplete(request.Text("code")),
        "history_request" => ShellReplies.History(_cells.History, request.Text("hist_access_type"), request.Integer("n", -1)),
        "comm_info_request" => new JsonObject { ["status"] = "ok", ["comms"] = new JsonObject() },
        "interrupt_request" => Interrupt(),
        "shutdown_request" => new JsonObject { ["status"] = "ok", ["restart"] = request.Flag("restart", false) },
        _ => null,
    };

    private JsonObject Interrupt()
    {
        Log($"interrupt_request: {Describe(_cells.Interrupt())}");
        return new JsonObject { ["status"] = "ok" };
    }

    // Each interrupt and what it found are logged: a cell that ran on after one is then told apart
    // from an interrupt that never arrived.
    private static string Describe(InterruptResult result) => result switch
    {
        InterruptResult.Cancelled => "stopping the running cell",
        InterruptResult.AlreadyCancelled => "the running cell is already stopping",
        InterruptResult.Idle => "no cell was running",
        _ => throw new UnreachableException(result.ToString()),
    };

    // The client restarts a kernel by starting a new process: this one ends either way.
    private void Shutdown()
    {
        Log("shutting down");
        ExitCode = ExitCodes.Success;
        _channels.Stop();
    }

    private void Send(Channel channel, string type, JsonObject content, JupyterMessage parent) =>
        _channels.Send(channel, JupyterMessage.Create(_session, type, content, parent, parent.Identities).Encode(_signer));

    private void Publish(string type, JsonObject content, JupyterMessage? parent) =>
        _channels.Send(Channel.Iopub, JupyterMessage.Create(_session, type, content, parent, [System.Text.Encoding.UTF8.GetBytes(type)]).Encode(_signer));

    private void Log(string message)
    {
        lock (_logGate)
        {
            _log.Write($"gradscript kernel: {message}\n");
            CliConsole.FlushQuietly(_log);
        }
    }

    private static string Name(Channel channel) => channel.ToString().ToLowerInvariant();
}
