namespace GradScript.Cli.Kernel;

using GradScript.Cli.Repl;

/// <summary>
/// A place in a cell's code as the protocol gives it (<c>cursor_pos</c>, counted in Unicode code
/// points since protocol 5.2) and the name being typed there.
/// </summary>
internal static class CodeCursor
{
    /// <summary>The UTF-16 index of code point <paramref name="codePoints"/>, clamped to the text.</summary>
    public static int Index(string code, int codePoints)
    {
        int index = 0;
        for (int n = 0; n < codePoints && index < code.Length; n++)
            index += char.IsHighSurrogate(code[index]) && index + 1 < code.Length ? 2 : 1;
        return index;
    }

    /// <summary>The code-point count of the first <paramref name="index"/> UTF-16 units.</summary>
    public static int CodePoints(string code, int index)
    {
        int count = 0;
        for (int i = 0; i < index; i++)
        {
            if (!(char.IsLowSurrogate(code[i]) && i > 0 && char.IsHighSurrogate(code[i - 1]))) count++;
        }
        return count;
    }

    /// <summary>Where the name ending at <paramref name="index"/> starts (its own index when none does).</summary>
    public static int NameStart(string code, int index)
    {
        int start = index;
        while (start > 0 && SourceScanner.IsNamePart(code[start - 1])) start--;
        return start;
    }

    /// <summary>The whole name around <paramref name="index"/>, or "" when the cursor is on none.</summary>
    public static string NameAt(string code, int index)
    {
        int start = NameStart(code, index), end = index;
        while (end < code.Length && SourceScanner.IsNamePart(code[end])) end++;
        string name = code[start..end];
        return name.Length > 0 && SourceScanner.IsNameStart(name[0]) ? name : "";
    }

    /// <summary>The name before a dot just before <paramref name="start"/> (<c>nn</c> in <c>nn.ml</c>), or null.</summary>
    public static string? ModuleBefore(string code, int start)
    {
        if (start == 0 || code[start - 1] != '.') return null;
        int moduleStart = NameStart(code, start - 1);
        string module = code[moduleStart..(start - 1)];
        return module.Length > 0 && SourceScanner.IsNameStart(module[0]) ? module : null;
    }
}
