namespace GradScript.Cli.Lsp;

/// <summary>The JSON-RPC and LSP error codes the server answers with.</summary>
internal static class LspErrors
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int MethodNotFound = -32601;
    public const int InvalidParams = -32602;
    public const int InternalError = -32603;
    public const int ServerNotInitialized = -32002;
    public const int RequestFailed = -32803;
}

/// <summary>A request that fails with a protocol error: its code and message go back to the client.</summary>
internal sealed class LspException(int code, string message) : Exception(message)
{
    public int Code { get; } = code;
}
