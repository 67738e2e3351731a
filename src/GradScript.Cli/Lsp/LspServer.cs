namespace GradScript.Cli.Lsp;

using System.Text.Json;
using System.Text.Json.Nodes;

/// <summary>
/// <c>gradscript lsp</c>: a Language Server Protocol 3.17 server over standard input and output.
/// Messages are handled one at a time, in order, on one thread: every answer is computed from the
/// documents as the messages before it left them, and a change to a 10,000-line script is analysed
/// in milliseconds (tests/GradScript.Benchmarks), so nothing needs to run concurrently.
/// Nothing a client sends ends the server but <c>exit</c> or the end of its input: malformed JSON is
/// answered with a parse error, an unknown method with method-not-found, a failure inside a
/// request with an internal error, and the next message is read.
/// </summary>
internal sealed class LspServer
{
    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 128 };

    private readonly LspTransport _transport;
    private readonly TextWriter _log;
    private readonly Dictionary<string, LspDocument> _documents = new(StringComparer.Ordinal);
    private readonly LspFeatures _features;
    private bool _initialized, _shuttingDown;

    public LspServer(LspTransport transport, TextWriter log)
    {
        (_transport, _log) = (transport, log);
        _features = new LspFeatures(_documents);
    }

    /// <summary>Serves until <c>exit</c> or the end of input; the exit status the protocol asks for.</summary>
    public int Run()
    {
        while (true)
        {
            byte[]? body = _transport.Read();
            // The input ended (or can no longer be framed): 0 only after a shutdown, as for `exit`.
            if (body is null) return _shuttingDown ? ExitCodes.Success : ExitCodes.TestsFailed;
            if (Handle(body) is { } status) return status;
        }
    }

    // One message; an exit status when it was `exit`.
    private int? Handle(byte[] body)
    {
        JsonNode? message;
        try
        {
            message = JsonNode.Parse(body, documentOptions: JsonOptions);
        }
        catch (JsonException e)
        {
            SendError(null, LspErrors.ParseError, $"the message is not JSON: {e.Message}");
            return null;
        }
        if (message is not JsonObject request || request["method"] is not JsonValue methodValue || !methodValue.TryGetValue(out string? method))
        {
            // A response to a request of ours (we send none) is passed over; anything else is invalid.
            if (message is JsonObject { } response && response.ContainsKey("id") && (response.ContainsKey("result") || response.ContainsKey("error"))) return null;
            SendError(IdOf(message), LspErrors.InvalidRequest, "a request needs a method");
            return null;
        }
        var id = request["id"]?.DeepClone();
        bool isRequest = request.ContainsKey("id");
        if (method == "exit") return _shuttingDown ? ExitCodes.Success : ExitCodes.TestsFailed;
        try
        {
            var result = Dispatch(method, request["params"], isRequest);
            if (isRequest) Send(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["result"] = result });
        }
        catch (LspException e)
        {
            if (isRequest) SendError(id, e.Code, e.Message);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _log.WriteLine($"gradscript lsp: {method} failed: {e}");
            if (isRequest) SendError(id, LspErrors.InternalError, $"{method} failed: {e.Message}");
        }
        return null;
    }

    private static JsonNode? IdOf(JsonNode? message) =>
        message is JsonObject o && o["id"] is JsonValue id ? id.DeepClone() : null;

    private JsonNode? Dispatch(string method, JsonNode? parameters, bool isRequest)
    {
        if (method == "initialize")
        {
            _initialized = true;
            return LspCapabilities.Initialize();
        }
        if (!_initialized)
        {
            if (isRequest) throw new LspException(LspErrors.ServerNotInitialized, "the server has not been initialized");
            return null;
        }
        if (_shuttingDown && isRequest) throw new LspException(LspErrors.InvalidRequest, "the server is shutting down");
        switch (method)
        {
            case "initialized": return null;
            case "shutdown":
                _shuttingDown = true;
                return null;
            case "textDocument/didOpen": Open(parameters); return null;
            case "textDocument/didChange": Change(parameters); return null;
            case "textDocument/didClose": Close(parameters); return null;
            case "textDocument/didSave": return null;
            case "textDocument/hover": return _features.Hover(parameters);
            case "textDocument/completion": return _features.Completion(parameters);
            case "textDocument/signatureHelp": return _features.SignatureHelp(parameters);
            case "textDocument/definition": return _features.Definition(parameters);
            case "textDocument/references": return _features.References(parameters);
            case "textDocument/documentSymbol": return _features.DocumentSymbols(parameters);
            case "textDocument/prepareRename": return _features.PrepareRename(parameters);
            case "textDocument/rename": return _features.Rename(parameters);
            case "textDocument/formatting": return _features.Formatting(parameters);
            case "textDocument/semanticTokens/full": return LspSemanticTokens.Encode(_features.Document(parameters));
            case "textDocument/semanticTokens/range": return SemanticTokensInRange(parameters);
        }
        // Notifications a server may ignore ($/cancelRequest among them: each request is answered
        // before the next message is read, so there is never one in flight to cancel).
        if (!isRequest) return null;
        throw new LspException(LspErrors.MethodNotFound, $"unknown method '{method}'");
    }

    private JsonObject SemanticTokensInRange(JsonNode? parameters)
    {
        var range = parameters?["range"] ?? throw new LspException(LspErrors.InvalidParams, "semanticTokens/range needs a range");
        var (start, end) = (LspPositions.Read(range["start"]), LspPositions.Read(range["end"]));
        // A range ending at the start of a line does not reach into it.
        return LspSemanticTokens.Encode(_features.Document(parameters), start.Line, end.Character == 0 && end.Line > start.Line ? end.Line - 1 : end.Line);
    }

    private void Open(JsonNode? parameters)
    {
        var item = parameters?["textDocument"] ?? throw new LspException(LspErrors.InvalidParams, "didOpen needs a textDocument");
        string uri = LspFeatures.String(item, "uri");
        var document = new LspDocument(uri, LspFeatures.String(item, "text"), item["version"]?.GetValue<int>() ?? 0);
        _documents[uri] = document;
        Publish(document);
    }

    private void Change(JsonNode? parameters)
    {
        var document = _features.Document(parameters);
        if (parameters?["contentChanges"] is not JsonArray changes) throw new LspException(LspErrors.InvalidParams, "didChange needs contentChanges");
        document.Change(changes, parameters["textDocument"]?["version"]?.GetValue<int>() ?? document.Version + 1);
        Publish(document);
    }

    private void Close(JsonNode? parameters)
    {
        string uri = LspFeatures.String(parameters?["textDocument"], "uri");
        if (!_documents.Remove(uri)) return;
        Send(LspFeatures.Notification("textDocument/publishDiagnostics", new JsonObject { ["uri"] = uri, ["diagnostics"] = new JsonArray() }));
    }

    private void Publish(LspDocument document) =>
        Send(LspFeatures.Notification("textDocument/publishDiagnostics", LspFeatures.Diagnostics(document)));

    private void Send(JsonObject message) => _transport.Write(message.ToJsonString());

    private void SendError(JsonNode? id, int code, string message) =>
        Send(new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = id,
            ["error"] = new JsonObject { ["code"] = code, ["message"] = message },
        });
}
