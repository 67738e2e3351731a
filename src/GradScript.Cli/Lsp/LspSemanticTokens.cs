namespace GradScript.Cli.Lsp;

using System.Text.Json.Nodes;
using GradScript.Tooling;

/// <summary>
/// <c>textDocument/semanticTokens/full</c> and <c>/range</c>: the document's keywords and names as
/// <see cref="ScriptTokens"/> classifies them (from the statements the last change left alone, as
/// its diagnostics were: editors ask for colours after every change), in LSP's relative encoding (five numbers a token:
/// line and start character after the token before, length, type and modifiers), with the legend
/// the <c>initialize</c> answer gives.
/// </summary>
internal static class LspSemanticTokens
{
    /// <summary>The token types, in legend order: a token's type is its index here.</summary>
    public static readonly string[] Types = ["keyword", "variable", "parameter", "function", "namespace"];

    /// <summary>The token modifiers, in legend order: bit i of a token's modifiers is the i-th.</summary>
    public static readonly string[] Modifiers = ["declaration", "defaultLibrary", "readonly"];

    private const int Declaration = 1, DefaultLibrary = 2, Readonly = 4;

    public static JsonObject Legend() => new()
    {
        ["tokenTypes"] = new JsonArray([.. Types.Select(t => (JsonNode)t)]),
        ["tokenModifiers"] = new JsonArray([.. Modifiers.Select(m => (JsonNode)m)]),
    };

    /// <summary>The encoded tokens of the document, of the lines from <paramref name="firstLine"/> to <paramref name="lastLine"/> (0-based) only, if given.</summary>
    public static JsonObject Encode(LspDocument document, int firstLine = 0, int lastLine = int.MaxValue)
    {
        // Five numbers a token, for tens of thousands of tokens: one array, not a JSON node per number.
        var data = new List<int>();
        int previousLine = 0, previousStart = 0;
        foreach (var token in document.Tokens)
        {
            int line = token.Span.Line - 1;
            if (line < firstLine || line > lastLine) continue;
            string text = document.LineText(line);
            int start = LspPositions.Character(text, token.Span.Column), end = LspPositions.Character(text, token.Span.EndColumn);
            var (type, modifiers) = Encoding(token.Kind);
            if (token.IsDefinition) modifiers |= Declaration;
            data.Add(line - previousLine);
            data.Add(line == previousLine ? start - previousStart : start);
            data.Add(end - start);
            data.Add(type);
            data.Add(modifiers);
            (previousLine, previousStart) = (line, start);
        }
        return new JsonObject { ["data"] = JsonValue.Create(data.ToArray(), LspJson.Default.Int32Array) };
    }

    private static (int Type, int Modifiers) Encoding(ScriptTokenKind kind) => kind switch
    {
        ScriptTokenKind.Keyword => (0, 0),
        ScriptTokenKind.Variable or ScriptTokenKind.Undefined => (1, 0),
        ScriptTokenKind.Parameter => (2, 0),
        ScriptTokenKind.Function => (3, 0),
        ScriptTokenKind.Module => (4, 0),
        ScriptTokenKind.BuiltinFunction => (3, DefaultLibrary),
        ScriptTokenKind.BuiltinConstant => (1, DefaultLibrary | Readonly),
        _ => throw new System.Diagnostics.UnreachableException(kind.ToString()),
    };
}

/// <summary>
/// Serialization code made when the tool is compiled, for the one value the server hands to the
/// serializer whole (the semantic tokens' numbers): compiled ahead of time (Native AOT), the tool
/// cannot make it at run time.
/// </summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(int[]))]
internal sealed partial class LspJson : System.Text.Json.Serialization.JsonSerializerContext;
