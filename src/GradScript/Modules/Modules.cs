namespace GradScript.Runtime;

using GradScript.Diagnostics;

/// <summary>
/// The modules one engine has imported, by key: each runs once, the first time it is imported, and
/// later imports share it. A module that imports itself, directly or not, is an error at the import
/// that closes the cycle, as it would see itself half made.
/// </summary>
internal sealed class Modules(Interpreter interpreter, IModuleResolver? resolver)
{
    private readonly Dictionary<string, ModuleValue?> _loaded = new(StringComparer.Ordinal);

    // Says where a file was looked for, when the resolver reads files, and which modules are standard.
    private ScriptRuntimeException NotFound(string specifier, SourceSpan at)
    {
        string standard = string.Join(", ", StandardLibrary.Names);
        if (resolver is FileModuleResolver files && specifier.EndsWith(".grad", StringComparison.Ordinal))
            return new ScriptRuntimeException($"no module \"{specifier}\": there is no file {files.PathOf(specifier, at.Source.Name)}", at,
                hint: "a module's path is relative to the folder of the script that imports it");
        return new ScriptRuntimeException($"no module \"{specifier}\"", at,
            hint: Suggestions.DidYouMean(specifier, StandardLibrary.Names) ?? $"import a .grad file by its path (\"lib/helpers.grad\"), or a standard module by its name: {standard}");
    }

    public ModuleValue Import(string specifier, string bindingName, SourceSpan at)
    {
        if (resolver is null)
            throw new ScriptRuntimeException($"cannot import \"{specifier}\": this engine has no module resolver (the host must set EngineOptions.ModuleResolver)", at);
        var source = resolver.Resolve(specifier, at.Source.Name) ?? throw NotFound(specifier, at);
        string key = source.Key ?? source.Name;
        if (_loaded.TryGetValue(key, out var existing))
            return existing ?? throw new ScriptRuntimeException($"import cycle: \"{specifier}\" is being imported already", at);

        _loaded[key] = null;
        try
        {
            var module = new ModuleValue(bindingName, Run(Pipeline.Compile(new SourceText(source.Name, source.Text), interactive: false)));
            _loaded[key] = module;
            return module;
        }
        catch (ScriptRuntimeException e) when (AddFrame(e, at))
        {
            throw; // never reached: the filter only records the import while the exception passes
        }
        finally
        {
            if (_loaded[key] is null) _loaded.Remove(key);
        }
    }

    private Dictionary<string, GlobalCell> Run(CompiledScript script)
    {
        var globals = new Dictionary<string, GlobalCell>(StringComparer.Ordinal);
        GlobalCell Cell(string name)
        {
            if (!globals.TryGetValue(name, out var cell)) globals[name] = cell = new GlobalCell(name);
            return cell;
        }
        Builtins.Install(Cell);
        var cells = script.Program.GlobalNames.Select(Cell).ToArray();
        var frame = new Frame([], null, cells, interpreter);
        foreach (var instruction in script.Program.Body) instruction.Exec(frame);
        return globals;
    }

    private static bool AddFrame(ScriptRuntimeException e, SourceSpan at)
    {
        e.Frames.Add(("import", at));
        return false;
    }
}
