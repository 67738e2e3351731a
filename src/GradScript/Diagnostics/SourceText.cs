namespace GradScript.Diagnostics;

/// <summary>
/// A script's text and the name it is reported under (a file name, <c>&lt;stdin&gt;</c>,
/// <c>&lt;repl&gt;</c> or what a host chose). Lines and columns are 1-based and count Unicode
/// code points, as the lexer does.
/// </summary>
public sealed class SourceText
{
    private int[]? _lineStarts;

    /// <summary>Creates a source; a leading byte-order mark is not part of the text.</summary>
    public SourceText(string name, string text)
    {
        Name = name;
        Text = text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
    }

    /// <summary>The name errors are reported under.</summary>
    public string Name { get; }

    /// <summary>The script's text, without a byte-order mark.</summary>
    public string Text { get; }

    /// <summary>The text of a 1-based line without its line end; empty past the end.</summary>
    public string GetLine(int line)
    {
        var starts = _lineStarts ??= ComputeLineStarts(Text);
        if (line < 1 || line > starts.Length) return "";
        int start = starts[line - 1];
        int end = line < starts.Length ? starts[line] : Text.Length;
        while (end > start && IsLineBreak(Text[end - 1])) end--;
        return Text[start..end];
    }

    private static bool IsLineBreak(char c) => c is '\n' or '\r' or '\u2028' or '\u2029';

    // Line ends as the lexer sees them: \n, \r\n, a lone \r, U+2028 and U+2029.
    private static int[] ComputeLineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
            if (IsLineBreak(c)) starts.Add(i + 1);
        }
        return starts.ToArray();
    }
}
