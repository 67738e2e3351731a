namespace GradScript.Cli.Kernel;

using System.Text.Json;
using System.Text.Json.Nodes;

/// <summary>
/// The kernelspec: a directory <c>kernels/gradscript</c> holding <c>kernel.json</c>, which tells
/// Jupyter the kernel's display name and language and the command that starts it, this very tool
/// with <c>kernel -f {connection_file}</c>. It is written where Jupyter looks: under a prefix
/// (<c>PREFIX/share/jupyter/kernels</c>), in the user's data directory, or system-wide.
/// </summary>
internal static class KernelSpec
{
    /// <summary>The kernel's name: its directory, and what <c>--kernel_name</c> selects.</summary>
    public const string KernelName = "gradscript";

    /// <summary>The name notebooks show.</summary>
    public const string DisplayName = "GradScript";

    /// <summary>The text of kernel.json for a tool started by <paramref name="launcher"/>.</summary>
    public static string Json(IReadOnlyList<string> launcher)
    {
        var argv = new JsonArray([.. launcher.Select(a => (JsonNode)a), "kernel", "-f", "{connection_file}"]);
        var spec = new JsonObject
        {
            ["argv"] = argv,
            ["display_name"] = DisplayName,
            ["language"] = ShellReplies.Language,
            // An interrupt_request reaches the kernel whatever wraps its process; SIGINT works too.
            ["interrupt_mode"] = "message",
            ["metadata"] = new JsonObject(),
        };
        return spec.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>
    /// How to start this tool again: its own executable, or <c>dotnet</c> and its assembly when it
    /// was started that way (<c>dotnet gradscript.dll</c>, <c>dotnet run</c>).
    /// </summary>
    public static IReadOnlyList<string> Launcher()
    {
        string process = Environment.ProcessPath ?? throw new InvalidOperationException("the path of this program is unknown");
        return Path.GetFileNameWithoutExtension(process) == "dotnet"
            // The assembly beside the process's files (Assembly.Location is empty in a single-file or
            // ahead-of-time compiled program, though that one never runs through dotnet).
            ? [process, Path.Combine(AppContext.BaseDirectory, typeof(KernelSpec).Assembly.GetName().Name + ".dll")]
            : [process];
    }

    /// <summary>The directory the kernelspec goes into.</summary>
    /// <param name="user">The user's Jupyter data directory.</param>
    /// <param name="prefix">A prefix; neither it nor <paramref name="user"/> means system-wide.</param>
    /// <param name="environment">Reads an environment variable (<c>JUPYTER_DATA_DIR</c>, <c>HOME</c>, …).</param>
    public static string Directory(bool user, string? prefix, Func<string, string?> environment)
    {
        string kernels = prefix is not null ? Path.Combine(Path.GetFullPath(prefix), "share", "jupyter", "kernels")
            : user ? Path.Combine(UserDataDirectory(environment), "kernels")
            : Path.Combine(SystemDataDirectory(environment), "kernels");
        return Path.Combine(kernels, KernelName);
    }

    /// <summary>Writes kernel.json into <paramref name="directory"/>, creating it; the path written.</summary>
    public static string Write(string directory, IReadOnlyList<string> launcher)
    {
        System.IO.Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, "kernel.json");
        File.WriteAllText(path, Json(launcher));
        return path;
    }

    // Jupyter's own rules (jupyter_core.paths): JUPYTER_DATA_DIR first, then the platform's place.
    private static string UserDataDirectory(Func<string, string?> environment)
    {
        if (environment("JUPYTER_DATA_DIR") is { Length: > 0 } data) return data;
        if (OperatingSystem.IsWindows()) return Path.Combine(environment("APPDATA") ?? "", "jupyter");
        string home = environment("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (OperatingSystem.IsMacOS()) return Path.Combine(home, "Library", "Jupyter");
        string share = environment("XDG_DATA_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(home, ".local", "share");
        return Path.Combine(share, "jupyter");
    }

    private static string SystemDataDirectory(Func<string, string?> environment) =>
        OperatingSystem.IsWindows()
            ? Path.Combine(environment("PROGRAMDATA") ?? "C:\\ProgramData", "jupyter")
            : "/usr/local/share/jupyter";
}
