namespace GradScript.Cli;

using GradScript.Diagnostics;
using System.Text;

/// <summary>
/// Colours rendered diagnostics for a terminal, as compilers do: the place bold, <c>error:</c> red,
/// the caret line red, <c>help:</c> cyan, the stack's frames dim. It works on
/// <see cref="DiagnosticRenderer"/>'s text, line by line, so the words are the same with and without
/// colour; the command line paints only when standard error is a terminal and <c>NO_COLOR</c> is
/// not set.
/// </summary>
internal static class ErrorColors
{
    private const string Bold = "\u001b[1m", Red = "\u001b[1;31m", Cyan = "\u001b[1;36m", Dim = "\u001b[2m", Reset = "\u001b[0m";

    private static readonly string[] Kinds = [": runtime error: ", ": error: "];

    /// <summary>The diagnostics in <paramref name="text"/>, with colours.</summary>
    public static string Paint(string text)
    {
        var painted = new StringBuilder(text.Length + 64);
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (i > 0) painted.Append('\n');
            painted.Append(PaintLine(lines[i], afterSourceLine: i > 0 && IsSourceLine(lines, i - 1)));
        }
        return painted.ToString();
    }

    private static string PaintLine(string line, bool afterSourceLine)
    {
        if (line.Length == 0) return line;
        if (line.StartsWith("help: ", StringComparison.Ordinal)) return $"{Cyan}help:{Reset} {line["help: ".Length..]}";
        if (line.StartsWith("  at ", StringComparison.Ordinal) || line.StartsWith("  ... (", StringComparison.Ordinal)) return Dim + line + Reset;
        if (afterSourceLine && line.TrimStart().StartsWith('^')) return Red + line + Reset;
        foreach (string kind in Kinds)
        {
            int at = line.IndexOf(kind, StringComparison.Ordinal);
            if (at > 0 && !line.StartsWith("    ", StringComparison.Ordinal))
                return $"{Bold}{line[..at]}:{Reset} {Red}{kind[2..^1]}{Reset} {Bold}{line[(at + kind.Length)..]}{Reset}";
        }
        return line;
    }

    // The four-space-indented source line the caret line follows (a headline never starts with spaces).
    private static bool IsSourceLine(string[] lines, int i) => lines[i].StartsWith("    ", StringComparison.Ordinal) && i > 0;
}
