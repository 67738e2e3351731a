namespace GradScript.Tests.Kernel;

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using GradScript.Cli.Kernel;
using NetMQ;
using NetMQ.Sockets;

/// <summary>
/// The real <c>gradscript kernel</c> in a process of its own, and a Jupyter client for it written
/// with NetMQ as jupyter_client is: DEALER sockets on shell and control, a SUB socket on iopub, a
/// REQ socket on the heartbeat, every message signed with the connection file's key. Every wait is
/// bounded (<see cref="Patience"/>), so a kernel that hangs fails the test instead of hanging it.
/// </summary>
internal sealed class KernelProcess : IDisposable
{
    /// <summary>How long any one answer may take: the suite's hang guard, so load never decides a verdict.</summary>
    public static readonly TimeSpan Patience = SmallStack.HangTimeout;

    private static readonly string Gradscript = Path.Combine(AppContext.BaseDirectory, "gradscript");

    private readonly string _directory = Directory.CreateTempSubdirectory("gradscript-kernel-").FullName;
    private readonly StringBuilder _log = new();
    private readonly MessageSigner _signer;
    private readonly string _session = Guid.NewGuid().ToString("N");
    private DealerSocket _shell, _control;
    private readonly SubscriberSocket _iopub = new();
    private readonly RequestSocket _heartbeat = new();
    private readonly ChannelPorts _ports;
    private readonly List<JupyterMessage> _published = [];

    /// <summary>Starts a kernel with a fresh key and free ports, and waits until it answers on every channel.</summary>
    /// <param name="key">The signing key.</param>
    /// <param name="environment">Variables set for the kernel's process (<c>JPY_PARENT_PID</c>).</param>
    /// <param name="sigintIgnored">Start the kernel with SIGINT ignored, as a client started in the background passes it on.</param>
    public KernelProcess(string key = "a-test-key", IReadOnlyDictionary<string, string>? environment = null, bool sigintIgnored = false)
    {
        Key = key;
        _signer = new MessageSigner(Encoding.UTF8.GetBytes(key));
        _ports = new ChannelPorts(FreePort(), FreePort(), FreePort(), FreePort(), FreePort());
        string connection = Path.Combine(_directory, "connection.json");
        File.WriteAllText(connection, new JsonObject
        {
            ["transport"] = "tcp", ["ip"] = "127.0.0.1", ["key"] = key, ["signature_scheme"] = "hmac-sha256",
            ["shell_port"] = _ports.Shell, ["iopub_port"] = _ports.Iopub, ["stdin_port"] = _ports.Stdin,
            ["control_port"] = _ports.Control, ["hb_port"] = _ports.Heartbeat,
        }.ToJsonString());
        // The shell ignores SIGINT and becomes the kernel (exec), which inherits that disposition.
        var start = sigintIgnored
            ? new ProcessStartInfo("/bin/sh", ["-c", "trap '' INT; exec \"$0\" \"$@\"", Gradscript, "kernel", "-f", connection])
            : new ProcessStartInfo(Gradscript, ["kernel", "-f", connection]);
        start.RedirectStandardError = start.RedirectStandardOutput = true;
        start.UseShellExecute = false;
        // The test host may itself run under a Jupyter client: only what a test asks for is passed on.
        start.Environment.Remove("JPY_PARENT_PID");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        Process = Process.Start(start) ?? throw new InvalidOperationException("gradscript did not start");
        Process.ErrorDataReceived += (_, e) => { lock (_log) _log.Append(e.Data).Append('\n'); };
        Process.BeginErrorReadLine();
        Process.BeginOutputReadLine();
        (_shell, _control) = Connect();
        _iopub.Connect(Address(_ports.Iopub));
        _iopub.SubscribeToAnyTopic();
        _heartbeat.Connect(Address(_ports.Heartbeat));
        WaitUntilReady();
    }

    /// <summary>The signing key.</summary>
    public string Key { get; }

    /// <summary>The kernel's process.</summary>
    public Process Process { get; }

    /// <summary>What the kernel logged on standard error so far.</summary>
    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    /// <summary>
    /// Waits until the kernel has logged <paramref name="text"/>: its standard error is read as it
    /// comes, so a line written just before a reply can arrive after it.
    /// </summary>
    public void WaitForLog(string text)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!Log.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the kernel did not log '{text}' within {Patience.TotalSeconds} s:\n{Log}");
            Thread.Sleep(20);
        }
    }

    /// <summary>Sends a request on shell (or control) and returns it, for <see cref="Reply"/> and <see cref="Outputs"/>.</summary>
    public JupyterMessage Send(string type, JsonObject content, bool control = false)
    {
        var message = JupyterMessage.Create(_session, type, content, null, []);
        SendFrames(message.Encode(_signer), control);
        return message;
    }

    /// <summary>Sends raw frames on shell or control: a message built by hand, wrongly signed or malformed.</summary>
    public void SendFrames(List<byte[]> frames, bool control = false) =>
        (control ? _control : _shell).SendMultipartBytes(frames);

    /// <summary>Sends a request and waits for its reply.</summary>
    public JupyterMessage Request(string type, JsonObject content, bool control = false) => Reply(Send(type, content, control), control);

    /// <summary>The reply to <paramref name="request"/>, skipping replies to anything else.</summary>
    public JupyterMessage Reply(JupyterMessage request, bool control = false)
    {
        var socket = control ? _control : _shell;
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            var frames = new List<byte[]>();
            if (!socket.TryReceiveMultipartBytes(TimeSpan.FromMilliseconds(200), ref frames!)) continue;
            if (JupyterMessage.Decode(frames, _signer) is DecodeResult.Decoded { Message: var reply } && IsAnswerTo(reply, request)) return reply;
        }
        string state = Process.HasExited ? $"exited with {Process.ExitCode}" : "still running";
        throw new TimeoutException($"no reply to {request.Type} within {Patience.TotalSeconds} s; the kernel is {state} and logged:\n{Log}");
    }

    /// <summary>
    /// The iopub messages answering <paramref name="request"/>, up to its <c>status: idle</c>
    /// (which is left out), in the order they came.
    /// </summary>
    public List<JupyterMessage> Outputs(JupyterMessage request)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            var mine = _published.Where(m => IsAnswerTo(m, request)).ToList();
            int idle = mine.FindIndex(m => m.Type == "status" && m.Text("execution_state") == "idle");
            if (idle >= 0)
            {
                _published.RemoveAll(m => IsAnswerTo(m, request));
                return mine.Take(idle).ToList();
            }
            ReadPublished(TimeSpan.FromMilliseconds(200));
        }
        throw new TimeoutException($"no idle status after {request.Type} within {Patience.TotalSeconds} s; the kernel logged:\n{Log}");
    }

    /// <summary>The iopub messages answering <paramref name="request"/> so far, after waiting a little for more; they stay for <see cref="Outputs"/>.</summary>
    public List<JupyterMessage> PeekOutputs(JupyterMessage request)
    {
        ReadPublished(TimeSpan.FromMilliseconds(200));
        return _published.Where(m => IsAnswerTo(m, request)).ToList();
    }

    private void ReadPublished(TimeSpan wait)
    {
        var frames = new List<byte[]>();
        if (_iopub.TryReceiveMultipartBytes(wait, ref frames!) && JupyterMessage.Decode(frames, _signer) is DecodeResult.Decoded { Message: var message })
            _published.Add(message);
    }

    /// <summary>Runs a cell: its reply and its iopub output.</summary>
    public (JupyterMessage Reply, List<JupyterMessage> Outputs) Execute(string code)
    {
        var request = Send("execute_request", new JsonObject
        {
            ["code"] = code, ["silent"] = false, ["store_history"] = true, ["user_expressions"] = new JsonObject(), ["allow_stdin"] = false,
        });
        var reply = Reply(request);
        return (reply, Outputs(request));
    }

    /// <summary>The text printed to stdout in <paramref name="outputs"/>.</summary>
    public static string Stdout(IEnumerable<JupyterMessage> outputs) =>
        string.Concat(outputs.Where(m => m.Type == "stream" && m.Text("name") == "stdout").Select(m => m.Text("text")));

    /// <summary>Whether the heartbeat echoes a ping.</summary>
    public bool Beats()
    {
        byte[] ping = Encoding.ASCII.GetBytes("ping");
        if (!_heartbeat.TrySendFrame(Patience, ping)) return false;
        return _heartbeat.TryReceiveFrameBytes(Patience, out var echo) && echo.AsSpan().SequenceEqual(ping);
    }

    /// <summary>Drops the client's shell and control sockets and connects new ones, as a client that went away and another that came.</summary>
    public void Reconnect()
    {
        _shell.Dispose();
        _control.Dispose();
        (_shell, _control) = Connect();
    }

    /// <summary>Waits for the process to end; its exit status, or null when it did not end in time.</summary>
    public int? WaitForExit()
    {
        if (!Process.WaitForExit(Patience)) return null;
        // The output read asynchronously is complete only after the parameterless wait.
        Process.WaitForExit();
        return Process.ExitCode;
    }

    /// <summary>Ends the process if it still runs, closes the sockets and removes the connection file.</summary>
    public void Dispose()
    {
        if (!Process.HasExited) Process.Kill(entireProcessTree: true);
        Process.WaitForExit(Patience);
        foreach (var socket in new NetMQSocket[] { _shell, _control, _iopub, _heartbeat }) socket.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private (DealerSocket Shell, DealerSocket Control) Connect()
    {
        var shell = new DealerSocket();
        var control = new DealerSocket();
        foreach (var socket in new[] { shell, control }) socket.Options.Linger = TimeSpan.Zero;
        shell.Connect(Address(_ports.Shell));
        control.Connect(Address(_ports.Control));
        return (shell, control);
    }

    // A subscription takes a moment to reach the publisher: ask until a status for the question
    // comes back on iopub, as jupyter_client's wait_for_ready does.
    private void WaitUntilReady()
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            if (Process.HasExited) throw new InvalidOperationException($"the kernel exited with {Process.ExitCode}:\n{Log}");
            var request = Send("kernel_info_request", new JsonObject());
            var until = DateTime.UtcNow + TimeSpan.FromSeconds(1);
            while (DateTime.UtcNow < until)
            {
                ReadPublished(TimeSpan.FromMilliseconds(100));
                if (_published.Any(m => IsAnswerTo(m, request)))
                {
                    Reply(request);
                    Outputs(request);
                    _published.Clear();
                    return;
                }
            }
        }
        throw new TimeoutException($"the kernel did not become ready within {Patience.TotalSeconds} s:\n{Log}");
    }

    private static bool IsAnswerTo(JupyterMessage message, JupyterMessage request) =>
        message.ParentHeader["msg_id"]?.GetValue<string>() == request.Header["msg_id"]!.GetValue<string>();

    private static string Address(int port) => $"tcp://127.0.0.1:{port}";

    // Ports are taken in turn from below Linux's ephemeral range (32768-60999), starting at a random
    // place. A port the OS chose (port 0) came from that range, and the OS could hand it on to another
    // socket's outgoing connection before the kernel bound it: the kernel then exited with
    // AddressAlreadyInUse. No outgoing connection uses these, and no two kernels of a run share one.
    private static int _lastPort = Random.Shared.Next(0, PortRange);
    private const int FirstPort = 20000, PortRange = 12000;

    private static int FreePort()
    {
        while (true)
        {
            int port = FirstPort + (int)((uint)Interlocked.Increment(ref _lastPort) % PortRange);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException) { } // in use: the next one
        }
    }
}
