namespace GradScript.Cli.Kernel;

using NetMQ;
using NetMQ.Sockets;

/// <summary>The five sockets of a Jupyter kernel.</summary>
internal enum Channel
{
    /// <summary>Requests from the client: execute, complete, inspect, …; replies go back on it.</summary>
    Shell,

    /// <summary>Output and status, published to every client.</summary>
    Iopub,

    /// <summary>Input the kernel asks the client for (not used: scripts do not read input).</summary>
    Stdin,

    /// <summary>Requests answered even while a cell runs: interrupt, shutdown, kernel_info.</summary>
    Control,

    /// <summary>Echoes whatever the client sends, so it knows the kernel is alive.</summary>
    Heartbeat,
}

/// <summary>
/// The kernel's ZeroMQ sockets (NetMQ), bound to the connection file's ports and served by one
/// poller thread, the only thread that touches them: what arrives on shell and control is handed to
/// <see cref="Received"/> there, the heartbeat is echoed there, and what other threads want sent is
/// queued (<see cref="Send"/>) and sent from there, in the order it was queued.
/// </summary>
internal sealed class KernelChannels : IDisposable
{
    /// <summary>How long closing waits for queued messages (a shutdown reply) to leave.</summary>
    private static readonly TimeSpan Linger = TimeSpan.FromSeconds(2);

    /// <summary>How long one send may wait for room in a peer's queue.</summary>
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(1);

    private readonly RouterSocket _shell = new(), _control = new(), _stdin = new();
    private readonly PublisherSocket _iopub = new();
    private readonly ResponseSocket _heartbeat = new();
    private readonly NetMQQueue<(Channel Channel, List<byte[]> Frames)> _outbox = new();
    private readonly NetMQPoller _poller;

    /// <summary>Binds every socket; a port in use is reported as a <see cref="KernelStartException"/>.</summary>
    /// <param name="connection">Where to bind.</param>
    /// <param name="received">Takes each multipart message from shell or control, on the poller thread.</param>
    public KernelChannels(ConnectionFile connection, Action<Channel, List<byte[]>> received)
    {
        Received = received;
        foreach (var socket in new NetMQSocket[] { _shell, _control, _stdin, _iopub, _heartbeat }) socket.Options.Linger = Linger;
        try
        {
            _shell.Bind(connection.Address(connection.Ports.Shell));
            _iopub.Bind(connection.Address(connection.Ports.Iopub));
            _stdin.Bind(connection.Address(connection.Ports.Stdin));
            _control.Bind(connection.Address(connection.Ports.Control));
            _heartbeat.Bind(connection.Address(connection.Ports.Heartbeat));
        }
        catch (Exception e) when (e is NetMQException or System.Net.Sockets.SocketException or ArgumentException)
        {
            Dispose();
            throw new KernelStartException($"cannot listen on {connection.Ip}: {e.Message}");
        }
        _shell.ReceiveReady += (_, e) => Take(Channel.Shell, e.Socket);
        _control.ReceiveReady += (_, e) => Take(Channel.Control, e.Socket);
        _stdin.ReceiveReady += (_, e) => e.Socket.TrySkipMultipartMessage();
        _heartbeat.ReceiveReady += (_, e) =>
        {
            var ping = new List<byte[]>();
            if (e.Socket.TryReceiveMultipartBytes(ref ping!)) e.Socket.SendMultipartBytes(ping);
        };
        _outbox.ReceiveReady += (_, _) => SendQueued();
        _poller = [_shell, _control, _stdin, _heartbeat, _outbox];
    }

    private Action<Channel, List<byte[]>> Received { get; }

    /// <summary>Queues a message to be sent on <paramref name="channel"/>; any thread may call it.</summary>
    public void Send(Channel channel, List<byte[]> frames)
    {
        if (!_outbox.IsDisposed) _outbox.Enqueue((channel, frames));
    }

    /// <summary>Serves the sockets on the calling thread until <see cref="Stop"/>, then sends what is still queued.</summary>
    public void Run()
    {
        _poller.Run();
        SendQueued();
    }

    /// <summary>Makes <see cref="Run"/> return soon; any thread may call it.</summary>
    public void Stop() => _poller.StopAsync();

    // A peer that does not take a message within the timeout (a full queue) loses it, rather than
    // stalling every channel.
    private void SendQueued()
    {
        while (_outbox.TryDequeue(out var message, TimeSpan.Zero))
            SocketOf(message.Channel).TrySendMultipartBytes(SendTimeout, message.Frames);
    }

    /// <summary>Closes the sockets, waiting up to <see cref="Linger"/> for what is still being sent.</summary>
    public void Dispose()
    {
        _poller?.Dispose();
        _outbox.Dispose();
        foreach (var socket in new NetMQSocket[] { _shell, _control, _stdin, _iopub, _heartbeat }) socket.Dispose();
        NetMQConfig.Cleanup(block: true);
    }

    private void Take(Channel channel, NetMQSocket socket)
    {
        var frames = new List<byte[]>();
        if (socket.TryReceiveMultipartBytes(ref frames!)) Received(channel, frames);
    }

    private NetMQSocket SocketOf(Channel channel) => channel switch
    {
        Channel.Shell => _shell,
        Channel.Iopub => _iopub,
        Channel.Stdin => _stdin,
        Channel.Control => _control,
        Channel.Heartbeat => _heartbeat,
        _ => throw new System.Diagnostics.UnreachableException($"unhandled channel {channel}"),
    };
}
