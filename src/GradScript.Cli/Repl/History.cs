namespace GradScript.Cli.Repl;

/// <summary>
/// The REPL's history file, <c>~/.gradscript_history</c> (docs/repl.md): one entered line per
/// line of text, oldest first. Each line is appended as it is entered, so a session that is killed
/// keeps its history; the file is cut back to the newest <see cref="MaxEntries"/> when a session
/// loads it. History is a convenience: a file that cannot be read or written (a read-only home, no
/// home at all) costs the history, never the session.
/// </summary>
internal sealed class History
{
    /// <summary>How many lines are kept across sessions.</summary>
    public const int MaxEntries = 1000;

    /// <summary>The file's name in the home directory.</summary>
    public const string FileName = ".gradscript_history";

    private readonly string? _path;
    private string? _last;

    /// <summary>A history kept in <paramref name="path"/>; null keeps none.</summary>
    public History(string? path) => _path = path;

    /// <summary>
    /// The history file of the user whose home is <c>$HOME</c> (the profile folder when it is not
    /// set), or null when there is no home to keep it in.
    /// </summary>
    public static string? DefaultPath(Func<string, string?> environment)
    {
        string? home = environment("HOME");
        if (string.IsNullOrEmpty(home)) home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return string.IsNullOrEmpty(home) ? null : Path.Combine(home, FileName);
    }

    /// <summary>The saved lines, oldest first, at most <see cref="MaxEntries"/>; the file is trimmed to them.</summary>
    public IReadOnlyList<string> Load()
    {
        if (_path is null || !File.Exists(_path)) return [];
        try
        {
            var lines = File.ReadAllLines(_path).Where(line => line.Trim().Length > 0).ToList();
            if (lines.Count > MaxEntries)
            {
                lines = lines[^MaxEntries..];
                File.WriteAllLines(_path, lines);
            }
            _last = lines.LastOrDefault();
            return lines;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>Saves an entered line; blank lines and a repeat of the line before are not saved.</summary>
    public void Add(string line)
    {
        if (_path is null || line.Trim().Length == 0 || line == _last) return;
        // One entry per line of the file: a line with a line break in it (pasted) is saved in pieces.
        _last = line;
        try
        {
            File.AppendAllText(_path, line.ReplaceLineEndings("\n") + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // History is a convenience; the session goes on without it.
        }
    }
}
