namespace GradScript.Cli;

using System.Text;
using DiffPlex;
using DiffPlex.Model;

/// <summary>
/// Unified diffs (<c>diff -u</c>, three lines of context) of expected against actual output, for
/// golden-test failures. DiffPlex finds the edits; the rendering is ours so that what a golden test
/// compares exactly is shown exactly: a missing final newline gets git's
/// <c>\ No newline at end of file</c>, and a carriage return shows as <c>␍</c>, so a CRLF
/// expectation does not look identical to the LF output it fails to match.
/// </summary>
internal static class Diffs
{
    /// <summary>Unchanged lines shown around each change.</summary>
    public const int ContextLines = 3;

    /// <summary>Diff lines shown at most; a script that printed something else entirely needs no more to see it.</summary>
    public const int MaxLines = 200;

    /// <summary>The unified diff turning <paramref name="expected"/> into <paramref name="actual"/>; empty when equal.</summary>
    public static string Unified(string expected, string actual, string expectedLabel, string actualLabel)
    {
        if (expected == actual) return "";
        var result = Differ.Instance.CreateDiffs(expected, actual, false, false, LineChunker.Instance);
        var lines = new List<string> { $"--- {expectedLabel}", $"+++ {actualLabel}" };
        foreach (var hunk in Hunks(result.DiffBlocks))
            AppendHunk(lines, hunk, result.PiecesOld, result.PiecesNew);

        var text = new StringBuilder();
        foreach (var line in lines.Take(MaxLines)) text.Append(line).Append('\n');
        if (lines.Count > MaxLines) text.Append($"... ({lines.Count - MaxLines} more diff lines)\n");
        return text.ToString();
    }

    /// <summary>Groups edit blocks whose unchanged gap is small enough to share their context.</summary>
    private static IEnumerable<List<DiffBlock>> Hunks(IEnumerable<DiffBlock> blocks)
    {
        List<DiffBlock>? hunk = null;
        foreach (var block in blocks)
        {
            if (hunk is not null && block.DeleteStartA - End(hunk[^1]) > 2 * ContextLines)
            {
                yield return hunk;
                hunk = null;
            }
            (hunk ??= []).Add(block);
        }
        if (hunk is not null) yield return hunk;
    }

    private static int End(DiffBlock block) => block.DeleteStartA + block.DeleteCountA;

    private static void AppendHunk(List<string> lines, List<DiffBlock> hunk, IReadOnlyList<string> old, IReadOnlyList<string> @new)
    {
        var first = hunk[0];
        var last = hunk[^1];
        int startA = Math.Max(0, first.DeleteStartA - ContextLines);
        int startB = first.InsertStartB - (first.DeleteStartA - startA);
        int endA = Math.Min(old.Count, End(last) + ContextLines);
        int endB = last.InsertStartB + last.InsertCountB + (endA - End(last));
        lines.Add($"@@ -{Range(startA, endA - startA)} +{Range(startB, endB - startB)} @@");

        int a = startA;
        foreach (var block in hunk)
        {
            for (; a < block.DeleteStartA; a++) AppendLine(lines, ' ', old[a]);
            for (int i = 0; i < block.DeleteCountA; i++) AppendLine(lines, '-', old[block.DeleteStartA + i]);
            for (int i = 0; i < block.InsertCountB; i++) AppendLine(lines, '+', @new[block.InsertStartB + i]);
            a = End(block);
        }
        for (; a < endA; a++) AppendLine(lines, ' ', old[a]);
    }

    // diff -u numbers lines from 1, except that an empty range names the line before it.
    private static string Range(int start, int count) => $"{(count == 0 ? start : start + 1)},{count}";

    private static void AppendLine(List<string> lines, char mark, string piece)
    {
        bool terminated = piece.EndsWith('\n');
        string text = terminated ? piece[..^1] : piece;
        lines.Add(mark + text.Replace("\r", "\u240D"));
        if (!terminated) lines.Add("\\ No newline at end of file");
    }

    /// <summary>Splits text into lines that keep their <c>\n</c>, so "a" and "a\n" differ.</summary>
    private sealed class LineChunker : IChunker
    {
        public static LineChunker Instance { get; } = new();

        public IReadOnlyList<string> Chunk(string text)
        {
            var pieces = new List<string>();
            int start = 0;
            while (start < text.Length)
            {
                int newline = text.IndexOf('\n', start);
                int end = newline < 0 ? text.Length : newline + 1;
                pieces.Add(text[start..end]);
                start = end;
            }
            return pieces;
        }
    }
}
