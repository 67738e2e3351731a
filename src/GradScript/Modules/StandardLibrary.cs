namespace GradScript;

using System.Reflection;

/// <summary>
/// The modules that ship with GradScript, written in GradScript: <c>nn</c> (neurons, layers and
/// MLPs as micrograd's nn.py), <c>losses</c> (mse, hinge, binary cross-entropy) and <c>data</c>
/// (moons and linear data). Imported by bare name: <c>import "nn"</c>. Their sources are in the
/// library's Modules folder and docs/stdlib.md describes them.
/// </summary>
public sealed class StandardLibrary : IModuleResolver
{
    /// <summary>The one instance.</summary>
    public static StandardLibrary Instance { get; } = new();

    private StandardLibrary() { }

    /// <summary>The names of the standard modules.</summary>
    public static IReadOnlyList<string> Names { get; } = ["data", "losses", "nn"];

    /// <inheritdoc />
    public ModuleSource? Resolve(string specifier, string importer)
    {
        if (!Names.Contains(specifier)) return null;
        using var stream = typeof(StandardLibrary).Assembly.GetManifestResourceStream($"GradScript.Modules.{specifier}.grad")
            ?? throw new InvalidOperationException($"the standard module '{specifier}' is missing from {typeof(StandardLibrary).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return new ModuleSource($"<stdlib>/{specifier}.grad", reader.ReadToEnd());
    }
}
