namespace GradScript.Cli.Lsp;

using System.Text.Json.Nodes;
using GradScript.Diagnostics;
using GradScript.Tooling;

// Go to definition, references, document symbols, rename and formatting; and the lookups all the
// features share.
internal sealed partial class LspFeatures
{
    public JsonNode? Definition(JsonNode? parameters)
    {
        var (document, position) = DocumentAndPosition(parameters);
        if (ImportPathAt(document, position) is { } path)
            return _modules.FileOf(path, document) is { } file ? Location(new Uri(file).AbsoluteUri, LspPositions.Range(0, 0, 0, 0)) : null;
        if (MemberAt(document, position) is { } member)
        {
            if (member.Symbol?.Definition is not { } place || _modules.FileOf(member.Module, document) is not { } file) return null;
            return Location(new Uri(file).AbsoluteUri, LspPositions.Range(place));
        }
        if (SymbolAt(document, position)?.Symbol.Definition is not { } definition) return null;
        return Location(document.Uri, LspPositions.Range(definition));
    }

    public JsonNode? References(JsonNode? parameters)
    {
        var (document, position) = DocumentAndPosition(parameters);
        if (SymbolAt(document, position) is not { } at) return null;
        bool declaration = parameters?["context"]?["includeDeclaration"]?.GetValue<bool>() ?? true;
        return new JsonArray([.. at.Symbol.References
            .Where(span => declaration || span != at.Symbol.Definition)
            .Select(span => (JsonNode)Location(document.Uri, LspPositions.Range(span)))]);
    }

    public JsonNode DocumentSymbols(JsonNode? parameters)
    {
        var document = Document(parameters);
        var symbols = document.Analysis.Symbols.Where(s => s.Definition is not null).ToList();
        return new JsonArray([.. symbols.Where(s => s.IsGlobal).OrderBy(s => s.Definition!.Value.Line)
            .Select(s => (JsonNode)DocumentSymbol(s, symbols))]);
    }

    // A function holds its locals as children (the functions defined in it hold theirs).
    private static JsonObject DocumentSymbol(ScriptSymbol symbol, List<ScriptSymbol> all)
    {
        var definition = symbol.Definition!.Value;
        var node = new JsonObject
        {
            ["name"] = symbol.Name,
            // LSP's SymbolKind: Module 2, Function 12, Variable 13.
            ["kind"] = symbol.Kind switch { ScriptSymbolKind.Function => 12, ScriptSymbolKind.Module => 2, _ => 13 },
            ["range"] = LspPositions.Range(symbol.Extent ?? definition),
            ["selectionRange"] = LspPositions.Range(definition),
        };
        if (symbol.Signature is { } signature) node["detail"] = signature;
        if (symbol.Kind == ScriptSymbolKind.Function && symbol.Extent is { } extent)
        {
            var children = all.Where(s => s.Scope == extent).OrderBy(s => s.Definition!.Value.Line).Select(s => (JsonNode)DocumentSymbol(s, all));
            node["children"] = new JsonArray([.. children]);
        }
        return node;
    }

    public JsonNode? PrepareRename(JsonNode? parameters)
    {
        var (document, position) = DocumentAndPosition(parameters);
        if (SymbolAt(document, position) is not { } at || at.Symbol.Kind is ScriptSymbolKind.Builtin or ScriptSymbolKind.Undefined)
            throw new LspException(LspErrors.RequestFailed, "only a variable, parameter, function or module defined in this script can be renamed");
        return new JsonObject { ["range"] = LspPositions.Range(at.Span), ["placeholder"] = at.Symbol.Name };
    }

    public JsonNode? Rename(JsonNode? parameters)
    {
        var (document, position) = DocumentAndPosition(parameters);
        string newName = String(parameters, "newName");
        if (SymbolAt(document, position) is not { } at) throw new LspException(LspErrors.RequestFailed, "there is no name here to rename");
        if (!document.Analysis.HasSymbols) throw new LspException(LspErrors.RequestFailed, "cannot rename in a script that does not parse");
        IReadOnlyList<(SourceSpan Span, string Text)> edits;
        try
        {
            edits = document.Analysis.RenameEdits(at.Symbol, newName);
        }
        catch (ArgumentException e)
        {
            throw new LspException(LspErrors.RequestFailed, e.Message.Split(" (Parameter")[0]);
        }
        var changes = new JsonArray([.. edits.Select(e => (JsonNode)new JsonObject { ["range"] = LspPositions.Range(e.Span), ["newText"] = e.Text })]);
        return new JsonObject { ["changes"] = new JsonObject { [document.Uri] = changes } };
    }

    public JsonNode Formatting(JsonNode? parameters)
    {
        var document = Document(parameters);
        string formatted;
        try
        {
            formatted = SourceFormatter.Format(document.Text, document.Name);
        }
        catch (ScriptSyntaxException e)
        {
            throw new LspException(LspErrors.RequestFailed, $"cannot format a script with syntax errors: {e.Errors[0]}");
        }
        if (formatted == document.Text) return new JsonArray();
        return new JsonArray(new JsonObject { ["range"] = document.WholeRange(), ["newText"] = formatted });
    }

    // ------------------------------------------------------------------ shared lookups

    public LspDocument Document(JsonNode? parameters)
    {
        string uri = String(parameters?["textDocument"], "uri");
        return documents.TryGetValue(uri, out var document)
            ? document
            : throw new LspException(LspErrors.InvalidParams, $"the document {uri} is not open");
    }

    private (LspDocument Document, (int Line, int Character) Position) DocumentAndPosition(JsonNode? parameters) =>
        (Document(parameters), LspPositions.Read(parameters?["position"]));

    private static (ScriptSymbol Symbol, SourceSpan Span)? SymbolAt(LspDocument document, (int Line, int Character) position) =>
        document.Analysis.SymbolAt(position.Line + 1, LspPositions.Column(document.LineText(position.Line), position.Character));

    /// <summary>The name after <c>module.</c> at a position: which module, the member's name and place, and the member if the module has it.</summary>
    private (string Module, string Name, SourceSpan Span, ScriptSymbol? Symbol)? MemberAt(LspDocument document, (int Line, int Character) position)
    {
        string line = document.LineText(position.Line);
        int at = Math.Min(position.Character, line.Length);
        int start = WordStart(line, at), end = at;
        while (end < line.Length && IsNamePart(line[end])) end++;
        if (start == end || start < 2 || line[start - 1] != '.') return null;
        if (ReceiverModule(document, position.Line, line, start - 1) is not { } module) return null;
        string name = line[start..end];
        var span = new SourceSpan(document.Source, position.Line + 1, LspPositions.Column(line, start), position.Line + 1, LspPositions.Column(line, end));
        return (module, name, span, _modules.Members(module, document).FirstOrDefault(m => m.Name == name));
    }

    /// <summary>
    /// The specifier of the module named just before the <c>.</c> at <paramref name="dot"/>, if it is
    /// one: a name the script imports (looked up by name, as modules are imported at top level, so
    /// that it is found while the line being typed does not parse).
    /// </summary>
    private static string? ReceiverModule(LspDocument document, int line, string text, int dot)
    {
        int start = WordStart(text, dot);
        if (start == dot) return null;
        string name = text[start..dot];
        var at = document.Analysis.SymbolAt(line + 1, LspPositions.Column(text, start))?.Symbol;
        var symbol = at ?? document.Names.Symbols.Concat(document.Imports.Symbols).FirstOrDefault(s => s.Name == name && s.Kind == ScriptSymbolKind.Module);
        return symbol is { Kind: ScriptSymbolKind.Module, ModuleSpecifier: { } specifier } ? specifier : null;
    }

    // The specifier of `import "…"` when the position is inside its string.
    private static string? ImportPathAt(LspDocument document, (int Line, int Character) position)
    {
        string line = document.LineText(position.Line);
        string trimmed = line.TrimStart();
        if (!trimmed.StartsWith("import ", StringComparison.Ordinal)) return null;
        int open = line.IndexOfAny(['"', '\'']);
        if (open < 0) return null;
        int close = line.IndexOf(line[open], open + 1);
        if (close < 0 || position.Character <= open || position.Character > close) return null;
        return line[(open + 1)..close];
    }

    private static int WordStart(string text, int end)
    {
        int start = end;
        while (start > 0 && IsNamePart(text[start - 1])) start--;
        return start;
    }

    private static bool IsNamePart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private static JsonObject Location(string uri, JsonObject range) => new() { ["uri"] = uri, ["range"] = range };

    /// <summary>A required string member of a parameters object.</summary>
    public static string String(JsonNode? node, string name) =>
        node?[name] is JsonValue value && value.TryGetValue(out string? text)
            ? text
            : throw new LspException(LspErrors.InvalidParams, $"'{name}' is missing or not a string");

    public static JsonObject Notification(string method, JsonObject parameters) =>
        new() { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = parameters };
}
