namespace GradScript.Tests.Help;

using System.Text;
using GradScript.Runtime;
using GradScript.Tests.Embedding;

/// <summary>
/// BuiltinDocs is the one source of every builtin's and standard function's signature and doc: it
/// covers exactly what an engine offers, its signatures agree with what the functions accept, and
/// docs/builtins.md is its rendering.
/// </summary>
public class BuiltinDocsTests
{
    private const string Begin = "<!-- BEGIN generated from BuiltinDocs";
    private const string End = "<!-- END generated -->";

    [Fact]
    public void EveryBuiltinHasADocAndEveryDocABuiltin()
    {
        var globals = new Engine().Interpreter.Globals.Keys.ToHashSet();
        var documented = BuiltinDocs.Builtins.Select(d => d.Name).ToHashSet();
        var undocumented = globals.Except(documented).Order().ToList();
        Assert.True(undocumented.Count == 0,
            $"builtins without docs: {string.Join(", ", undocumented)}; add them to src/GradScript/Help/BuiltinDocs.Table.cs");
        Assert.Empty(documented.Except(globals));
    }

    [Fact]
    public void EverySignatureNamesTheKeywordsItsFunctionAccepts()
    {
        foreach (var function in Builtins.Functions)
        {
            var docs = BuiltinDocs.Find(function.Name);
            Assert.All(docs, d => Assert.StartsWith(function.Name + "(", d.Signature));
            foreach (string keyword in function.Keywords)
                Assert.True(docs.Any(d => System.Text.RegularExpressions.Regex.IsMatch(d.Signature, $@"[(, ]{keyword}[=,)]")),
                    $"{function.Name}: the signature does not show the keyword '{keyword}'");
        }
    }

    [Fact]
    public void EveryDocIsOneNonEmptyParagraph()
    {
        Assert.All(BuiltinDocs.All, d =>
        {
            Assert.True(d.Doc.Length > 10, $"{d.Name} has no doc");
            Assert.DoesNotContain('\n', d.Doc);
            Assert.EndsWith(".", d.Doc);
        });
    }

    [Fact]
    public void EveryPublicFunctionOfAStandardModuleIsDocumentedFromItsSource()
    {
        var engine = new Engine(new EngineOptions { ModuleResolver = StandardLibrary.Instance });
        foreach (string module in StandardLibrary.Names)
        {
            engine.Run($"import \"{module}\"");
            var functions = FunctionsOf(engine, module);
            Assert.Equal(functions, BuiltinDocs.ModuleMembers(module).Select(d => d.ShortName).Order());
            Assert.Single(BuiltinDocs.Find(module), d => d.Kind == BuiltinKind.Module);
        }
        Assert.Equal("nn.mlp(nin, nouts)", BuiltinDocs.Find("nn.mlp").Single().Signature);
        Assert.Equal("data.linear(n, w, b, noise=0.0, low=-1.0, high=1.0)", BuiltinDocs.Find("data.linear").Single().Signature);
        Assert.Equal("nn", BuiltinDocs.Find("nn.mlp").Single().Module);
        Assert.Empty(BuiltinDocs.Find("losses._check"));
    }

    private static List<string> FunctionsOf(Engine engine, string module) =>
        ((ModuleValue)engine.Interpreter.Globals[module].Value.Reference!).Globals
            .Where(g => g.Value.Value.Reference is GradScript.Runtime.Nodes.ScriptFunction && !g.Key.StartsWith('_'))
            .Select(g => g.Key).Order().ToList();

    [Fact]
    public void RenderWrapsTheParagraphUnderTheSignature()
    {
        string text = BuiltinDocs.Find("print").Single().Render(width: 40);
        string[] lines = text.TrimEnd('\n').Split('\n');
        Assert.Equal("print(*args, sep=\" \", end=\"\\n\")", lines[0]);
        Assert.All(lines.Skip(1), line => { Assert.StartsWith("    ", line); Assert.True(line.Length <= 40, line); });
        Assert.EndsWith("\n", text);
    }

    /// <summary>
    /// docs/builtins.md is rendered from BuiltinDocs. After changing a doc, regenerate it with
    /// <c>GRADSCRIPT_UPDATE_DOCS=1 dotnet test --filter BuiltinDocsTests</c>.
    /// </summary>
    [Fact]
    public void TheBuiltinsPageIsRenderedFromTheDocs()
    {
        string path = Path.Combine(IsolationTests.RepositoryRoot(), "docs", "builtins.md");
        string page = File.ReadAllText(path).ReplaceLineEndings("\n");
        int begin = page.IndexOf(Begin, StringComparison.Ordinal), end = page.IndexOf(End, StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, "docs/builtins.md lacks its generated section's markers");
        int from = page.IndexOf('\n', begin) + 1;
        string expected = Markdown();
        if (Environment.GetEnvironmentVariable("GRADSCRIPT_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, page[..from] + expected + page[end..]);
            return;
        }
        Assert.True(page[from..end] == expected,
            "docs/builtins.md is out of date with BuiltinDocs: run GRADSCRIPT_UPDATE_DOCS=1 dotnet test --filter BuiltinDocsTests");
    }

    private static string Markdown()
    {
        var text = new StringBuilder();
        foreach (var group in BuiltinDocs.All.Where(d => d.Kind != BuiltinKind.Module && d.Module is null).GroupBy(d => d.Group))
        {
            text.Append("\n## ").Append(char.ToUpperInvariant(group.Key[0])).Append(group.Key[1..]).Append("\n\n");
            foreach (var doc in group) text.Append("- `").Append(doc.Signature).Append("`: ").Append(doc.Doc).Append('\n');
        }
        text.Append("\n## Standard modules\n");
        foreach (string module in StandardLibrary.Names)
        {
            var header = BuiltinDocs.Find(module).Single(d => d.Kind == BuiltinKind.Module);
            text.Append("\n### ").Append(module).Append("\n\n`").Append(header.Signature).Append("`: ").Append(header.Doc).Append("\n\n");
            foreach (var doc in BuiltinDocs.ModuleMembers(module)) text.Append("- `").Append(doc.Signature).Append("`: ").Append(doc.Doc).Append('\n');
        }
        return text.Append('\n').ToString();
    }
}
