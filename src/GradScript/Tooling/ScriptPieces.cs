namespace GradScript.Tooling;

/// <summary>
/// Cuts a script's text into pieces at the lines where a top-level statement seems to begin: a line
/// that starts in column 1 with a name or a keyword (not <c>else</c> or <c>elif</c>, which continue
/// the statement before), outside every bracket, brace and string, after a line not joined to it
/// by a backslash. Comments and blank lines go with the statement before them.
/// </summary>
/// <remarks>
/// Only a guess from the characters, for speed: the incremental checker trusts a cut only where
/// the parser confirms it (every piece parses on its own, or the parse of the text around a broken
/// piece reaches the cut cleanly), so a wrong guess costs time, never a wrong answer. Each piece
/// ends with its newline, so each starts a line.
/// </remarks>
internal static class ScriptPieces
{
    /// <summary>
    /// The pieces of a text whose lines end with <c>\n</c> alone: each one's offset and its 1-based
    /// first line. <paramref name="angleAtLineEnd"/>: some line ends with <c>&lt;</c> or <c>&gt;</c>,
    /// where the parser decides between a comparison and an angle block by reading on over the
    /// lines after it, as far as it must (<c>while 1 &lt; n &gt;</c> parses alone, but not before
    /// <c>x = 1</c>): no cut after it can be trusted.
    /// </summary>
    public static List<(int Start, int Line)> Split(string text, out bool angleAtLineEnd)
    {
        angleAtLineEnd = false;
        var pieces = new List<(int Start, int Line)> { (0, 1) };
        int depth = 0, line = 1;
        char quote = '\0';
        char last = '\0';   // the line's last character so far outside comments and blanks
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quote != '\0')
            {
                if (c == '\\' && i + 1 < text.Length)
                {
                    // An escape; a backslash before the line's end continues the string on the next line.
                    if (text[++i] == '\n') line++;
                    continue;
                }
                if (c == quote || c == '\n') quote = '\0';
                if (c != '\n') continue;
            }
            switch (c)
            {
                case '\n':
                    line++;
                    if (last is '<' or '>') angleAtLineEnd = true;
                    if (depth == 0 && last != '\\' && i + 1 < text.Length && BeginsStatement(text, i + 1)) pieces.Add((i + 1, line));
                    last = '\0';
                    continue;
                case '#':
                    while (i + 1 < text.Length && text[i + 1] != '\n') i++;
                    continue;
                case '"' or '\'': quote = c; break;
                case '(' or '[' or '{': depth++; break;
                case ')' or ']' or '}': depth = Math.Max(0, depth - 1); break;
            }
            if (c is not (' ' or '\t' or '\f')) last = c;
        }
        return pieces;
    }

    // A name or keyword in column 1 that can begin a statement.
    private static bool BeginsStatement(string text, int at)
    {
        if (!(char.IsAsciiLetter(text[at]) || text[at] == '_')) return false;
        int end = at;
        while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_')) end++;
        var word = text.AsSpan(at, end - at);
        return !word.SequenceEqual("else") && !word.SequenceEqual("elif");
    }
}
