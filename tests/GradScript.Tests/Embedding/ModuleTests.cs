namespace GradScript.Tests.Embedding;

/// <summary>Imports in a host: refused without a resolver, and served by whatever resolver the host gives.</summary>
public class ModuleTests
{
    private sealed class InMemory(Dictionary<string, string> modules) : IModuleResolver
    {
        public List<(string Specifier, string Importer)> Asked { get; } = new();

        public ModuleSource? Resolve(string specifier, string importer)
        {
            Asked.Add((specifier, importer));
            return modules.TryGetValue(specifier, out var text) ? new ModuleSource($"db:{specifier}", text) : null;
        }
    }

    [Fact]
    public void AnEngineWithoutAResolverRefusesEveryImport()
    {
        var error = Assert.Throws<ScriptRuntimeException>(() => new Engine().Run("import \"nn\"", "host.grad"));
        Assert.Equal((1, 1), (error.Line, error.Column));
        Assert.Contains("this engine has no module resolver", error.Message);
    }

    [Fact]
    public void TheStandardLibraryAloneServesItsModulesAndNoFiles()
    {
        var engine = new Engine(new EngineOptions { ModuleResolver = StandardLibrary.Instance });
        engine.Run("import \"losses\"\nl = losses.mse([1.0], [3.0])");
        Assert.Equal(4.0, engine.GetNumber("l"));
        var error = Assert.Throws<ScriptRuntimeException>(() => engine.Run("import \"lib/anything.grad\""));
        Assert.Contains("no module \"lib/anything.grad\"", error.Message);
    }

    [Fact]
    public void AHostResolverIsAskedWithTheImporterAndEachModuleRunsOncePerEngine()
    {
        var resolver = new InMemory(new() { ["stats"] = "runs = 1\ndef twice(x) { return 2 * x }", ["user"] = "import \"stats\"\ny = stats.twice(5)" });
        var engine = new Engine(new EngineOptions { ModuleResolver = resolver });
        engine.Run("import \"user\"\nimport \"stats\"\nr = user.y + stats.runs", "main.grad");
        Assert.Equal(11L, engine.GetGlobal("r"));
        Assert.Equal([("user", "main.grad"), ("stats", "db:user"), ("stats", "main.grad")], resolver.Asked);
        Assert.Equal(["r", "stats", "user"], engine.GetGlobalNames());
    }

    [Fact]
    public void ASyntaxErrorInAModuleIsReportedInTheModule()
    {
        var resolver = new InMemory(new() { ["broken"] = "x = (1 +" });
        var error = Assert.Throws<ScriptSyntaxException>(() => new Engine(new EngineOptions { ModuleResolver = resolver }).Run("import \"broken\""));
        Assert.Equal("db:broken", error.SourceName);
    }
}
