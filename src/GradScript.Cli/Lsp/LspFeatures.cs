namespace GradScript.Cli.Lsp;

using System.Text.Json.Nodes;
using GradScript.Diagnostics;
using GradScript.Tooling;

/// <summary>
/// The answers to an editor's questions about an open document, each from the document's
/// <see cref="ScriptAnalysis"/>: diagnostics, hover, completion and signature help here;
/// navigation, rename and formatting in LspFeatures.Navigation.cs.
/// </summary>
internal sealed partial class LspFeatures(Dictionary<string, LspDocument> documents)
{
    private readonly LspModules _modules = new();

    // ------------------------------------------------------------------ diagnostics

    /// <summary>The <c>publishDiagnostics</c> parameters for a document: its errors, and warnings for names it never defines.</summary>
    public static JsonObject Diagnostics(LspDocument document)
    {
        var problems = document.Problems;
        var list = new JsonArray();
        foreach (var error in problems.Errors) list.Add((JsonNode)Diagnostic(error.Span, error.Message, severity: 1));
        foreach (var (name, span) in problems.UndefinedNames) list.Add((JsonNode)Diagnostic(span, $"name '{name}' is not defined", severity: 2));
        return new JsonObject { ["uri"] = document.Uri, ["version"] = document.Version, ["diagnostics"] = list };
    }

    private static JsonObject Diagnostic(SourceSpan span, string message, int severity) => new()
    {
        ["range"] = LspPositions.Range(span),
        ["severity"] = severity,
        ["source"] = "gradscript",
        ["message"] = message,
    };

    // ------------------------------------------------------------------ hover

    public JsonNode? Hover(JsonNode? parameters)
    {
        var (document, position) = DocumentAndPosition(parameters);
        if (MemberAt(document, position) is { } member)
        {
            var docs = BuiltinDocs.Find($"{member.Module}.{member.Name}");
            string text = docs.Count > 0 ? Describe(docs)
                : member.Symbol is { } found ? Describe(found, member.Module)
                : $"`{member.Name}` is not defined in module `{member.Module}`";
            return HoverResult(text, member.Span);
        }
        if (SymbolAt(document, position) is not { } at) return null;
        return HoverResult(Describe(at.Symbol, module: null), at.Span);
    }

    // The one documentation of builtins and standard functions (BuiltinDocs: also help(), :help and docs/builtins.md).
    private static string Describe(IReadOnlyList<BuiltinDoc> docs) =>
        string.Join("\n---\n", docs.Select(d => Code(d.Signature) + d.Doc));

    private static JsonObject HoverResult(string markdown, SourceSpan span) => new()
    {
        ["contents"] = new JsonObject { ["kind"] = "markdown", ["value"] = markdown },
        ["range"] = LspPositions.Range(span),
    };

    private static string Describe(ScriptSymbol symbol, string? module)
    {
        string where = symbol.Definition is { } d ? $" (line {d.Line})" : "";
        string owner = module is not null ? $" of module `{module}`" : symbol.Function is { } f ? $" of `{f}`" : "";
        return symbol.Kind switch
        {
            ScriptSymbolKind.Function => Code(symbol.Signature ?? symbol.Name) + $"function{owner}{where}" + (symbol.Documentation is { } doc ? $"\n\n{doc}" : ""),
            ScriptSymbolKind.Parameter => Code(symbol.Name) + $"parameter{owner}{where}",
            ScriptSymbolKind.Variable => Code(symbol.Name) + (symbol.IsGlobal ? "global variable" : "local variable") + $"{owner}{where}",
            ScriptSymbolKind.Module => Code(symbol.Signature ?? symbol.Name) + $"module{where}",
            ScriptSymbolKind.Builtin => BuiltinDocs.Find(symbol.Name) is { Count: > 0 } docs ? Describe(docs) : Code(symbol.Name) + "builtin",
            ScriptSymbolKind.Undefined => Code(symbol.Name) + "not defined in this script",
            _ => throw new System.Diagnostics.UnreachableException(symbol.Kind.ToString()),
        };
    }

    private static string Code(string text) => $"```gradscript\n{text}\n```\n";

    // ------------------------------------------------------------------ completion

    public JsonNode Completion(JsonNode? parameters)
    {
        var (document, position) = DocumentAndPosition(parameters);
        string before = document.TextBefore(position);
        var items = new JsonArray();
        // After `module.`: the module's public names.
        int stem = WordStart(before, before.Length);
        if (stem > 1 && before[stem - 1] == '.' && ReceiverModule(document, position.Line, before, stem - 1) is { } module)
        {
            foreach (var member in _modules.Members(module, document))
                items.Add((JsonNode)Item(member.Name, KindOf(member), BuiltinDocs.Find($"{module}.{member.Name}").FirstOrDefault()?.Signature ?? member.Signature));
            return new JsonObject { ["isIncomplete"] = false, ["items"] = items };
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int line = position.Line + 1, column = LspPositions.Column(document.LineText(position.Line), position.Character);
        foreach (var symbol in document.Names.VisibleAt(line, column))
        {
            if (seen.Add(symbol.Name)) items.Add((JsonNode)Item(symbol.Name, KindOf(symbol), symbol.Signature));
        }
        foreach (string name in ScriptAnalysis.BuiltinNames)
        {
            if (seen.Add(name)) items.Add((JsonNode)Item(name, BuiltinDocs.Find(name) is [{ Kind: BuiltinKind.Constant }, ..] ? 21 : 3, BuiltinDocs.Find(name).FirstOrDefault()?.Signature ?? "builtin"));
        }
        foreach (string keyword in ScriptAnalysis.Keywords)
        {
            if (seen.Add(keyword)) items.Add((JsonNode)Item(keyword, 14, null));
        }
        return new JsonObject { ["isIncomplete"] = false, ["items"] = items };
    }

    private static JsonObject Item(string label, int kind, string? detail)
    {
        var item = new JsonObject { ["label"] = label, ["kind"] = kind };
        if (detail is not null) item["detail"] = detail;
        return item;
    }

    // LSP's CompletionItemKind: Function 3, Variable 6, Module 9, Keyword 14, Constant 21.
    private static int KindOf(ScriptSymbol symbol) => symbol.Kind switch
    {
        ScriptSymbolKind.Function or ScriptSymbolKind.Builtin => 3,
        ScriptSymbolKind.Module => 9,
        ScriptSymbolKind.Variable or ScriptSymbolKind.Parameter or ScriptSymbolKind.Undefined => 6,
        _ => throw new System.Diagnostics.UnreachableException(symbol.Kind.ToString()),
    };

    // ------------------------------------------------------------------ signature help

    public JsonNode? SignatureHelp(JsonNode? parameters)
    {
        var (document, position) = DocumentAndPosition(parameters);
        string before = document.TextBefore(position);
        // The innermost open call on this line: its bracket, and how many commas stand at its level.
        int depth = 0, commas = 0, open = -1;
        for (int i = before.Length - 1; i >= 0 && open < 0; i--)
        {
            switch (before[i])
            {
                case ')' or ']': depth++; break;
                case '[' when depth > 0: depth--; break;
                case '(' when depth > 0: depth--; break;
                case '(': open = i; break;
                case ',' when depth == 0: commas++; break;
            }
        }
        if (open < 0) return null;
        int nameStart = WordStart(before, open);
        if (nameStart == open) return null;
        string name = before[nameStart..open];
        string? signature = null, documentation = null;
        bool member = nameStart > 1 && before[nameStart - 1] == '.';
        string? module = member ? ReceiverModule(document, position.Line, before, nameStart - 1) : null;
        var docs = member ? (module is null ? [] : BuiltinDocs.Find($"{module}.{name}")) : [];
        ScriptSymbol? function = member
            ? (module is null ? null : _modules.Members(module, document).FirstOrDefault(m => m.Name == name))
            : document.Names.SymbolAt(position.Line + 1, LspPositions.Column(before, open))?.Symbol;
        if (!member && function is { Kind: ScriptSymbolKind.Builtin }) docs = BuiltinDocs.Find(name);
        if (docs.FirstOrDefault(d => d.Kind == BuiltinKind.Function) is { } doc)
            (signature, documentation) = (doc.Signature, doc.Doc);
        else if (function is { Kind: ScriptSymbolKind.Function, Signature: { } own })
            (signature, documentation) = (own, function.Documentation);
        if (signature is null) return null;
        var labels = ParameterLabels(signature);
        return new JsonObject
        {
            ["signatures"] = new JsonArray(new JsonObject
            {
                ["label"] = signature,
                ["documentation"] = documentation,
                ["parameters"] = new JsonArray([.. labels.Select(l => (JsonNode)new JsonObject { ["label"] = l })]),
            }),
            ["activeSignature"] = 0,
            ["activeParameter"] = Math.Min(commas, Math.Max(0, labels.Count - 1)),
        };
    }

    // `def f(a, b=[1, 2])` → a, b=[1, 2]: commas inside a default's brackets do not split.
    private static List<string> ParameterLabels(string signature)
    {
        int open = signature.IndexOf('('), close = signature.LastIndexOf(')');
        string inner = open >= 0 && close > open ? signature[(open + 1)..close] : "";
        var labels = new List<string>();
        int depth = 0, start = 0;
        for (int i = 0; i < inner.Length; i++)
        {
            if (inner[i] is '(' or '[') depth++;
            else if (inner[i] is ')' or ']') depth--;
            else if (inner[i] == ',' && depth == 0)
            {
                labels.Add(inner[start..i].Trim());
                start = i + 1;
            }
        }
        if (inner.Trim().Length > 0) labels.Add(inner[start..].Trim());
        return labels;
    }
}
