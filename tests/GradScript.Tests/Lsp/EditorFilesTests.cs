namespace GradScript.Tests.Lsp;

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GradScript.Tooling;

/// <summary>
/// The VS Code extension's files against the language: its TextMate grammar colours every keyword
/// the grammar of the language has (the grammar file is a second spelling of that list, so it is
/// checked here rather than trusted), and its package names the grammar and the language it serves.
/// </summary>
public class EditorFilesTests
{
    private static string Extension(string file) => Path.Combine(GoldenCorpusTests.RepositoryRoot(), "editors", "vscode", file);

    [Fact]
    public void TheTextMateGrammarKnowsEveryKeyword()
    {
        var grammar = JsonNode.Parse(File.ReadAllText(Extension("syntaxes/gradscript.tmLanguage.json")))!;
        var patterns = grammar["repository"]!["keyword"]!["patterns"]!.AsArray()
            .Select(p => new Regex(p!["match"]!.GetValue<string>(), RegexOptions.CultureInvariant))
            .ToList();
        Assert.NotEmpty(ScriptAnalysis.Keywords);
        foreach (string keyword in ScriptAnalysis.Keywords)
            Assert.True(patterns.Any(p => p.Match(keyword) is { Success: true } m && m.Value == keyword), $"the TextMate grammar does not colour '{keyword}'");
    }

    [Fact]
    public void ThePackageServesGradFilesWithTheGrammar()
    {
        var package = JsonNode.Parse(File.ReadAllText(Extension("package.json")))!;
        var language = Assert.Single(package["contributes"]!["languages"]!.AsArray())!;
        Assert.Equal(".grad", Assert.Single(language["extensions"]!.AsArray())!.GetValue<string>());
        var grammar = Assert.Single(package["contributes"]!["grammars"]!.AsArray())!;
        Assert.True(File.Exists(Extension(grammar["path"]!.GetValue<string>())));
        Assert.Equal("source.gradscript", grammar["scopeName"]!.GetValue<string>());
        // The server's semantic tokens colour names whatever the theme's default.
        Assert.True(package["contributes"]!["configurationDefaults"]!["[gradscript]"]!["editor.semanticHighlighting.enabled"]!.GetValue<bool>());
    }
}
