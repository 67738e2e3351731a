namespace GradScript.Cli.Lsp;

using System.Text.Json.Nodes;

/// <summary>What the server tells a client it can do, in its answer to <c>initialize</c>.</summary>
internal static class LspCapabilities
{
    public static JsonObject Initialize() => new()
    {
        ["capabilities"] = new JsonObject
        {
            ["positionEncoding"] = "utf-16",
            // Incremental: the client sends the ranges it changed, not a 10,000-line text per keystroke.
            ["textDocumentSync"] = new JsonObject { ["openClose"] = true, ["change"] = 2 },
            ["hoverProvider"] = true,
            ["completionProvider"] = new JsonObject { ["triggerCharacters"] = new JsonArray(".") },
            ["signatureHelpProvider"] = new JsonObject { ["triggerCharacters"] = new JsonArray("(", ",") },
            ["definitionProvider"] = true,
            ["referencesProvider"] = true,
            ["documentSymbolProvider"] = true,
            ["renameProvider"] = new JsonObject { ["prepareProvider"] = true },
            ["documentFormattingProvider"] = true,
            // Names as the resolver binds them, keywords as the lexer reads them; a range for a long file's visible part.
            ["semanticTokensProvider"] = new JsonObject { ["legend"] = LspSemanticTokens.Legend(), ["full"] = true, ["range"] = true },
        },
        ["serverInfo"] = new JsonObject { ["name"] = "gradscript", ["version"] = HelpText.Version },
    };
}
