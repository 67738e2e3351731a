namespace GradScript;

/// <summary>
/// Finds the text of a module a script imports (<c>import "lib/nn.grad"</c>). An engine without
/// one (<see cref="EngineOptions.ModuleResolver"/> null, the default) refuses every import, so a
/// host decides what its scripts may read. <see cref="StandardLibrary"/> and
/// <see cref="FileModuleResolver"/> are the two the command line uses.
/// </summary>
public interface IModuleResolver
{
    /// <summary>The module <paramref name="specifier"/> names, or null when there is none.</summary>
    /// <param name="specifier">The string after <c>import</c>, as written.</param>
    /// <param name="importer">The source name of the importing script (a path when it is a file).</param>
    ModuleSource? Resolve(string specifier, string importer);
}

/// <summary>A module's text.</summary>
/// <param name="Name">The name errors in the module are reported under (a path, for a file).</param>
/// <param name="Text">The module's source.</param>
/// <param name="Key">What makes two imports the same module (a full path, for a file); the name when null.</param>
public sealed record ModuleSource(string Name, string Text, string? Key = null);
