namespace GradScript;

/// <summary>
/// Modules from files, with paths relative to the importing file (or to the working directory for
/// a script that is not a file, such as <c>-e</c> code), and then, if given, from another resolver
/// such as <see cref="StandardLibrary"/> for bare names.
/// </summary>
/// <param name="fallback">Asked when no file of that path exists; null for none.</param>
/// <param name="scriptDirectory">
/// Where the importing script is when its name is no path (a golden test is reported under its file
/// name alone); null for the working directory.
/// </param>
public sealed class FileModuleResolver(IModuleResolver? fallback = null, string? scriptDirectory = null) : IModuleResolver
{
    /// <inheritdoc />
    public ModuleSource? Resolve(string specifier, string importer)
    {
        if (specifier.Length > 0 && specifier.EndsWith(".grad", StringComparison.Ordinal))
        {
            string path = RelativePath(specifier, importer);
            if (File.Exists(path))
            {
                // Named as the importer is: relative stays relative (without any "../" detour).
                string full = Path.GetFullPath(path);
                string name = Path.IsPathRooted(path) ? full : Path.GetRelativePath(".", full);
                return new ModuleSource(name, File.ReadAllText(path), full);
            }
        }
        return fallback?.Resolve(specifier, importer);
    }

    /// <summary>The full path of the file that <paramref name="specifier"/>, imported by <paramref name="importer"/>, names.</summary>
    public string PathOf(string specifier, string importer) => Path.GetFullPath(RelativePath(specifier, importer));

    private string RelativePath(string specifier, string importer)
    {
        // A script's name is its path when it came from a file; names such as <string> are not.
        string directory = importer.StartsWith('<') ? "" : Path.GetDirectoryName(importer) ?? "";
        if (directory.Length == 0) directory = scriptDirectory ?? "";
        return Path.Combine(directory, specifier);
    }
}
