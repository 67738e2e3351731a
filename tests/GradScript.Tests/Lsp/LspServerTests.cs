namespace GradScript.Tests.Lsp;

using System.Text;
using System.Text.Json.Nodes;

/// <summary>
/// <c>gradscript lsp</c> as an editor drives it: a real process, spoken to over its standard input
/// and output. Each test checks one conversation, exact ranges and all.
/// </summary>
public class LspServerTests
{
    private const string Uri = "file:///tmp/gradscript-lsp-test/main.grad";

    private static JsonObject At(string uri, int line, int character) => new()
    {
        ["textDocument"] = new JsonObject { ["uri"] = uri },
        ["position"] = new JsonObject { ["line"] = line, ["character"] = character },
    };

    private static string Range(JsonNode? range) =>
        $"{range!["start"]!["line"]}:{range["start"]!["character"]}-{range["end"]!["line"]}:{range["end"]!["character"]}";

    [Fact]
    public void PublishesErrorsWithTheirRangesAndClearsThemWhenFixed()
    {
        using var client = new LspClient();
        client.Initialize();
        client.Open(Uri, "x = 1\nif x > 0 { return 2 }\nprint(y)\n");
        var diagnostics = client.Diagnostics(Uri);
        Assert.Equal(2, diagnostics.Count);
        Assert.Equal("1:11-1:19", Range(diagnostics[0]!["range"]));
        Assert.Equal(1, diagnostics[0]!["severity"]!.GetValue<int>());
        Assert.Equal("'return' outside a function", diagnostics[0]!["message"]!.GetValue<string>());
        Assert.Equal("2:6-2:7", Range(diagnostics[1]!["range"]));
        Assert.Equal("name 'y' is not defined", diagnostics[1]!["message"]!.GetValue<string>());

        // Two edits by range: `return 2` becomes `print(2)`, and `y` becomes `x`.
        client.Notify("textDocument/didChange", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = Uri, ["version"] = 2 },
            ["contentChanges"] = new JsonArray(
                new JsonObject { ["range"] = RangeObject(1, 11, 1, 19), ["text"] = "print(2)" },
                new JsonObject { ["range"] = RangeObject(2, 6, 2, 7), ["text"] = "x" }),
        });
        Assert.Empty(client.Diagnostics(Uri));
        client.Open(Uri + "2", "x = (1 +\n");
        var syntax = client.Diagnostics(Uri + "2");
        Assert.Single(syntax);
        Assert.Equal("1:0-1:1", Range(syntax[0]!["range"]));
    }

    private static JsonObject RangeObject(int line, int character, int endLine, int endCharacter) => new()
    {
        ["start"] = new JsonObject { ["line"] = line, ["character"] = character },
        ["end"] = new JsonObject { ["line"] = endLine, ["character"] = endCharacter },
    };

    [Fact]
    public void HoverShowsAFunctionsSignatureAndAVariablesDefinition()
    {
        using var client = new LspClient();
        client.Initialize();
        client.Open(Uri, "# the square of x\ndef sq(x, k=2) { return x ^ k }\nw = param(1.0)\nopt = sgd([w], lr=0.1)\nprint(sq(w))\n");
        client.Diagnostics(Uri);
        string hover = client.Result("textDocument/hover", At(Uri, 4, 7))!["contents"]!["value"]!.GetValue<string>();
        Assert.Contains("def sq(x, k=2)", hover);
        Assert.Contains("the square of x", hover);
        string variable = client.Result("textDocument/hover", At(Uri, 4, 9))!["contents"]!["value"]!.GetValue<string>();
        Assert.Contains("global variable (line 3)", variable);
        string sgd = client.Result("textDocument/hover", At(Uri, 3, 7))!["contents"]!["value"]!.GetValue<string>();
        Assert.Contains("sgd(params, lr", sgd);
        Assert.Null(client.Result("textDocument/hover", At(Uri, 4, 0 + 12)));
    }

    [Fact]
    public void CompletesModuleMembersAfterTheirDotAndNamesInScopeElsewhere()
    {
        using var client = new LspClient();
        client.Initialize();
        // As it is typed: the text parses, then a `.` makes it not parse, and names still complete.
        client.Open(Uri, "import \"nn\"\nm = nn\ndef f(alpha) {\n    beta = 1\n    \n}\n");
        Assert.Empty(client.Diagnostics(Uri));
        client.Notify("textDocument/didChange", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = Uri, ["version"] = 2 },
            ["contentChanges"] = new JsonArray(new JsonObject { ["range"] = RangeObject(1, 6, 1, 6), ["text"] = "." }),
        });
        Assert.NotEmpty(client.Diagnostics(Uri));
        var members = Labels(client.Result("textDocument/completion", At(Uri, 1, 7)));
        Assert.Contains("mlp", members);
        Assert.Contains("parameters", members);
        Assert.DoesNotContain("print", members);
        Assert.DoesNotContain(members, m => m.StartsWith('_'));
        var names = Labels(client.Result("textDocument/completion", At(Uri, 4, 4)));
        Assert.Contains("alpha", names);
        Assert.Contains("beta", names);
        Assert.Contains("nn", names);
        Assert.Contains("print", names);
        Assert.Contains("while", names);
        var outside = Labels(client.Result("textDocument/completion", At(Uri, 1, 0)));
        Assert.DoesNotContain("alpha", outside);
        // A file opened half-written has never parsed: its imports still give the module's names.
        client.Open(Uri + "2", "import \"losses\" as l\nx = l.\n");
        client.Diagnostics(Uri + "2");
        Assert.Contains("mse", Labels(client.Result("textDocument/completion", At(Uri + "2", 1, 6))));
    }

    private static List<string> Labels(JsonNode? result) =>
        [.. result!["items"]!.AsArray().Select(i => i!["label"]!.GetValue<string>())];

    [Fact]
    public void GoesToTheDefinitionOfACallAndOfAModuleMember()
    {
        using var client = new LspClient();
        client.Initialize();
        client.Open(Uri, "def f(a) { return a }\n\nprint(f(1))\n");
        client.Diagnostics(Uri);
        var location = client.Result("textDocument/definition", At(Uri, 2, 6));
        Assert.Equal(Uri, location!["uri"]!.GetValue<string>());
        Assert.Equal("0:4-0:5", Range(location["range"]));
        Assert.Null(client.Result("textDocument/definition", At(Uri, 2, 1)));
    }

    [Fact]
    public void RenamesALocalOnlyInItsScope()
    {
        using var client = new LspClient();
        client.Initialize();
        client.Open(Uri, "x = 1\ndef f(y) {\n    x = y\n    return x\n}\nprint(x)\n");
        client.Diagnostics(Uri);
        var result = client.Result("textDocument/rename", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = Uri },
            ["position"] = new JsonObject { ["line"] = 3, ["character"] = 11 },
            ["newName"] = "z",
        });
        var edits = result!["changes"]![Uri]!.AsArray();
        Assert.Equal(["2:4-2:5", "3:11-3:12"], edits.Select(e => Range(e!["range"])));
        Assert.All(edits, e => Assert.Equal("z", e!["newText"]!.GetValue<string>()));
        var bad = client.Request("textDocument/rename", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = Uri },
            ["position"] = new JsonObject { ["line"] = 3, ["character"] = 11 },
            ["newName"] = "while",
        });
        Assert.Equal(-32803, bad["error"]!["code"]!.GetValue<int>());
    }

    [Fact]
    public void ListsSymbolsAndFormats()
    {
        using var client = new LspClient();
        client.Initialize();
        client.Open(Uri, "def f(a) {\nb=a+1 # note\nreturn b\n}\nc=f(1)\n");
        client.Diagnostics(Uri);
        var symbols = client.Result("textDocument/documentSymbol", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = Uri } })!.AsArray();
        Assert.Equal(["f", "c"], symbols.Select(s => s!["name"]!.GetValue<string>()));
        Assert.Equal(["a", "b"], symbols[0]!["children"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()));
        var edits = client.Result("textDocument/formatting", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = Uri },
            ["options"] = new JsonObject { ["tabSize"] = 4, ["insertSpaces"] = true },
        })!.AsArray();
        Assert.Equal("def f(a) {\n    b = a + 1  # note\n    return b\n}\nc = f(1)\n", Assert.Single(edits)!["newText"]!.GetValue<string>());
    }

    [Fact]
    public void ShutdownThenExitEndsWithZero()
    {
        using var client = new LspClient();
        client.Initialize();
        Assert.Equal(0, client.ShutdownAndExit());
    }

    [Fact]
    public void AnswersMalformedJsonAndUnknownMethodsAndGoesOn()
    {
        using var client = new LspClient();
        Assert.Equal(-32002, ErrorCode(client.Request("textDocument/hover", At(Uri, 0, 0))));
        client.Initialize();
        client.SendRaw(Encoding.UTF8.GetBytes("{\"jsonrpc\": \"2.0\", \"id\": 7, \"method\": "));
        Assert.Equal(-32700, ErrorCode(client.Next(m => m["error"] is not null, "a parse error")));
        client.SendRaw(Encoding.UTF8.GetBytes(new string('[', 100_000) + new string(']', 100_000)));
        Assert.Equal(-32700, ErrorCode(client.Next(m => m["error"] is not null, "a parse error")));
        client.SendRaw(Encoding.UTF8.GetBytes("[1, 2]"));
        Assert.Equal(-32600, ErrorCode(client.Next(m => m["error"] is not null, "an invalid request")));
        Assert.Equal(-32601, ErrorCode(client.Request("gradscript/unknown")));
        client.Notify("gradscript/unknownNotification");
        Assert.Equal(-32602, ErrorCode(client.Request("textDocument/hover", new JsonObject { ["position"] = 3 })));
        Assert.Equal(-32602, ErrorCode(client.Request("textDocument/hover", At("file:///not/open.grad", 0, 0))));
        Assert.Null(client.Result("shutdown"));
    }

    private static int ErrorCode(JsonObject response) => response["error"]!["code"]!.GetValue<int>();

    [Fact]
    public void SurvivesAMillionDeepNesting()
    {
        using var client = new LspClient();
        client.Initialize();
        client.Open(Uri, "x = " + new string('(', 1_000_000) + "1" + new string(')', 1_000_000) + "\n");
        var diagnostics = client.Diagnostics(Uri);
        Assert.NotEmpty(diagnostics);
        client.Open(Uri + "2", "x = " + string.Concat(Enumerable.Repeat("-", 1_000_000)) + "1\n");
        Assert.NotEmpty(client.Diagnostics(Uri + "2"));
        // Still answering: a request after the bombs gets its answer, not an error.
        Assert.Null(client.Request("textDocument/hover", At(Uri + "2", 0, 0))["error"]);
        Assert.Equal(0, client.ShutdownAndExit());
    }

    [Fact]
    public void EndsCleanlyWhenTheClientDisconnectsMidRequest()
    {
        using var client = new LspClient();
        client.Initialize();
        // Half a message: a header promising 1000 bytes, and 10 of them.
        client.SendBytes(Encoding.ASCII.GetBytes("Content-Length: 1000\r\n\r\n{\"jsonrpc\""));
        Assert.Equal(1, client.CloseAndWait());
        Assert.DoesNotContain("Unhandled", client.Stderr);
    }

    // Decodes LSP's relative encoding into "line:character:length:type[+modifier…]" per token.
    private static List<string> Tokens(JsonNode? result, JsonObject legend)
    {
        var data = result!["data"]!.AsArray().Select(n => n!.GetValue<int>()).ToList();
        var types = legend["tokenTypes"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        var modifiers = legend["tokenModifiers"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        var tokens = new List<string>();
        int line = 0, start = 0;
        for (int i = 0; i < data.Count; i += 5)
        {
            (line, start) = (line + data[i], data[i] == 0 ? start + data[i + 1] : data[i + 1]);
            string named = string.Concat(modifiers.Where((_, bit) => (data[i + 4] & (1 << bit)) != 0).Select(m => "+" + m));
            tokens.Add($"{line}:{start}:{data[i + 2]}:{types[data[i + 3]]}{named}");
        }
        return tokens;
    }

    [Fact]
    public void ColoursNamesAsTheResolverBindsThemAndKeywordsWhileBroken()
    {
        using var client = new LspClient();
        var legend = client.Request("initialize", new JsonObject { ["capabilities"] = new JsonObject() })["result"]!["capabilities"]!["semanticTokensProvider"]!["legend"]!.AsObject();
        client.Notify("initialized", new JsonObject());
        // A surrogate pair before a name: characters are counted in UTF-16 units.
        client.Open(Uri, "def f(x) {\n    return x + pi\n}\ns = \"😀\"; y = f(s)\n");
        var tokens = Tokens(client.Result("textDocument/semanticTokens/full", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = Uri } }), legend);
        Assert.Equal(
            ["0:0:3:keyword", "0:4:1:function+declaration", "0:6:1:parameter+declaration", "1:4:6:keyword", "1:11:1:parameter",
             "1:15:2:variable+defaultLibrary+readonly", "3:0:1:variable+declaration", "3:10:1:variable+declaration", "3:14:1:function", "3:16:1:variable"],
            tokens);
        var range = Tokens(client.Result("textDocument/semanticTokens/range", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = Uri },
            ["range"] = RangeObject(1, 0, 2, 0),
        }), legend);
        Assert.Equal(["1:4:6:keyword", "1:11:1:parameter", "1:15:2:variable+defaultLibrary+readonly"], range);

        // While a line does not parse, names are not guessed at: keywords only.
        client.Notify("textDocument/didChange", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = Uri, ["version"] = 2 },
            ["contentChanges"] = new JsonArray(new JsonObject { ["range"] = RangeObject(1, 17, 1, 17), ["text"] = " +" }),
        });
        Assert.Equal(["0:0:3:keyword", "1:4:6:keyword"],
            Tokens(client.Result("textDocument/semanticTokens/full", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = Uri } }), legend));
        var unknown = client.Request("textDocument/semanticTokens/full", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = Uri + "x" } });
        Assert.NotNull(unknown["error"]);
        Assert.Equal(0, client.ShutdownAndExit());
    }
}
