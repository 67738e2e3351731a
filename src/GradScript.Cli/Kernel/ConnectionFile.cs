namespace GradScript.Cli.Kernel;

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

/// <summary>
/// The connection file a Jupyter client writes before it starts a kernel: where the five channels
/// listen and the key that signs every message. Only TCP is served, and only HMAC-SHA256 signing
/// (what every current client writes); anything else is refused before a socket is opened.
/// </summary>
/// <param name="Ip">The address the channels bind to (127.0.0.1 from a local client).</param>
/// <param name="Ports">Each channel's port.</param>
/// <param name="Key">The signing key, as bytes of its UTF-8 text; empty means messages are not signed.</param>
internal sealed record ConnectionFile(string Ip, ChannelPorts Ports, byte[] Key)
{
    /// <summary>The only signature scheme served.</summary>
    public const string Scheme = "hmac-sha256";

    /// <summary>The address of a channel's port, as NetMQ binds it.</summary>
    public string Address(int port) => string.Create(CultureInfo.InvariantCulture, $"tcp://{Ip}:{port}");

    /// <summary>Reads and checks a connection file; the exception's message says what is wrong with it.</summary>
    /// <exception cref="KernelStartException">The file cannot be read, is not JSON, or asks for what is not served.</exception>
    public static ConnectionFile Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new KernelStartException($"cannot read the connection file '{path}': {e.Message}");
        }
        return Parse(text, path);
    }

    /// <summary>Parses a connection file's text (<paramref name="path"/> names it in messages).</summary>
    public static ConnectionFile Parse(string text, string path)
    {
        JsonObject json;
        try
        {
            json = JsonNode.Parse(text) as JsonObject ?? throw new KernelStartException($"the connection file '{path}' is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new KernelStartException($"the connection file '{path}' is not valid JSON: {e.Message}");
        }
        string transport = Text(json, "transport", path, "tcp");
        if (transport != "tcp") throw new KernelStartException($"transport '{transport}' is not supported (only tcp)");
        string scheme = Text(json, "signature_scheme", path, Scheme);
        if (scheme != Scheme) throw new KernelStartException($"signature scheme '{scheme}' is not supported (only {Scheme})");
        string ip = Text(json, "ip", path, "127.0.0.1");
        byte[] key = System.Text.Encoding.UTF8.GetBytes(Text(json, "key", path, ""));
        var ports = new ChannelPorts(
            Port(json, "shell_port", path), Port(json, "iopub_port", path), Port(json, "stdin_port", path),
            Port(json, "control_port", path), Port(json, "hb_port", path));
        return new ConnectionFile(ip, ports, key);
    }

    private static string Text(JsonObject json, string name, string path, string fallback)
    {
        if (!json.TryGetPropertyValue(name, out var node) || node is null) return fallback;
        return node.GetValueKind() == JsonValueKind.String
            ? node.GetValue<string>()
            : throw new KernelStartException($"'{name}' in the connection file '{path}' must be a string");
    }

    private static int Port(JsonObject json, string name, string path)
    {
        if (json[name] is JsonValue value && value.TryGetValue(out int port) && port is > 0 and <= 65535) return port;
        throw new KernelStartException($"'{name}' in the connection file '{path}' must be a port number from 1 to 65535");
    }
}

/// <summary>The five channels' ports.</summary>
internal sealed record ChannelPorts(int Shell, int Iopub, int Stdin, int Control, int Heartbeat);

/// <summary>Why the kernel could not start: reported on standard error before any socket is opened.</summary>
internal sealed class KernelStartException(string message) : Exception(message);
