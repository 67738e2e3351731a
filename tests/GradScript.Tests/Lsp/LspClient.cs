namespace GradScript.Tests.Lsp;

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

/// <summary>
/// An editor as far as the tests need one: starts <c>gradscript lsp</c> as a process and speaks
/// LSP over its standard input and output, framing messages as the protocol does. Answers and
/// notifications are read on a thread of their own; a wait that runs out (a server that hangs)
/// fails the test rather than blocking it. The waits are generous, for a loaded machine: they only
/// bound a hang, and no verdict depends on how fast an answer comes.
/// </summary>
internal sealed class LspClient : IDisposable
{
    // The suite's hang guard: an answer that has not come by then never will, whatever the load.
    private static readonly TimeSpan Patience = SmallStack.HangTimeout;

    private readonly Process _process;
    private readonly BlockingCollection<JsonObject> _incoming = [];
    private readonly List<JsonObject> _notifications = [];
    private readonly StringBuilder _stderr = new();
    private readonly Thread _reader;
    private int _nextId;

    public LspClient()
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "gradscript"), ["lsp", "--stdio"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start)!;
        _process.ErrorDataReceived += (_, e) => { lock (_stderr) _stderr.AppendLine(e.Data); };
        _process.BeginErrorReadLine();
        _reader = new Thread(ReadAll) { IsBackground = true };
        _reader.Start();
    }

    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }

    /// <summary>Sends a request and returns its response (the whole message, result or error).</summary>
    public JsonObject Request(string method, JsonNode? parameters = null)
    {
        int id = ++_nextId;
        Send(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters });
        return Next(m => m["id"] is JsonValue v && v.TryGetValue(out int i) && i == id, $"the answer to {method}");
    }

    /// <summary>Sends a request and returns its result, failing on an error.</summary>
    public JsonNode? Result(string method, JsonNode? parameters = null)
    {
        var response = Request(method, parameters);
        Assert.True(response["error"] is null, $"{method} failed: {response["error"]?.ToJsonString()}");
        return response["result"];
    }

    public void Notify(string method, JsonNode? parameters = null) =>
        Send(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = parameters });

    public void Send(JsonObject message) => SendRaw(Encoding.UTF8.GetBytes(message.ToJsonString()));

    /// <summary>Sends bytes as one framed message, whatever they hold.</summary>
    public void SendRaw(byte[] body)
    {
        var input = _process.StandardInput.BaseStream;
        input.Write(Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"));
        input.Write(body);
        input.Flush();
    }

    /// <summary>Sends bytes with no framing of their own.</summary>
    public void SendBytes(byte[] bytes)
    {
        _process.StandardInput.BaseStream.Write(bytes);
        _process.StandardInput.BaseStream.Flush();
    }

    /// <summary>The next <c>publishDiagnostics</c> for <paramref name="uri"/>.</summary>
    public JsonArray Diagnostics(string uri) =>
        (JsonArray)Next(m => m["method"]?.GetValue<string>() == "textDocument/publishDiagnostics" && m["params"]!["uri"]!.GetValue<string>() == uri,
            $"diagnostics for {uri}")["params"]!["diagnostics"]!;

    public void Initialize()
    {
        var result = Result("initialize", new JsonObject { ["processId"] = null, ["rootUri"] = null, ["capabilities"] = new JsonObject() });
        Assert.NotNull(result?["capabilities"]);
        Notify("initialized", new JsonObject());
    }

    public void Open(string uri, string text) =>
        Notify("textDocument/didOpen", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri, ["languageId"] = "gradscript", ["version"] = 1, ["text"] = text },
        });

    /// <summary>The protocol's way out: <c>shutdown</c>, then <c>exit</c>; the exit status.</summary>
    public int ShutdownAndExit()
    {
        Assert.Null(Result("shutdown"));
        Notify("exit");
        return WaitForExit();
    }

    /// <summary>Closes the input and waits for the process to end; its exit status.</summary>
    public int CloseAndWait()
    {
        _process.StandardInput.Close();
        return WaitForExit();
    }

    public int WaitForExit()
    {
        Assert.True(_process.WaitForExit(Patience), "the server did not end");
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public bool HasExited => _process.HasExited;

    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>The next message the server sends that <paramref name="wanted"/> accepts.</summary>
    public JsonObject Next(Func<JsonObject, bool> wanted, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !_incoming.TryTake(out var message, left))
                throw new Xunit.Sdk.XunitException($"no {what} from the server; its stderr:\n{Stderr}");
            if (wanted(message)) return message;
            _notifications.Add(message);
        }
    }

    private void ReadAll()
    {
        var output = _process.StandardOutput.BaseStream;
        try
        {
            while (true)
            {
                int length = -1;
                string line;
                while ((line = ReadLine(output)) != "")
                {
                    if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                        length = int.Parse(line["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture);
                }
                var body = new byte[length];
                for (int read = 0; read < length;)
                {
                    int n = output.Read(body, read, length - read);
                    if (n == 0) throw new EndOfStreamException();
                    read += n;
                }
                _incoming.Add((JsonObject)JsonNode.Parse(body)!);
            }
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or ObjectDisposedException)
        {
            _incoming.CompleteAdding();
        }
    }

    private static string ReadLine(Stream stream)
    {
        var line = new StringBuilder();
        while (true)
        {
            int b = stream.ReadByte();
            if (b < 0) throw new EndOfStreamException();
            if (b == '\n') return line.ToString().TrimEnd('\r');
            line.Append((char)b);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
