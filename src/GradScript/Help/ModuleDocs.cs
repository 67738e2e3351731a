namespace GradScript;

/// <summary>
/// Reads the documentation of a standard module out of its source: the comment that opens the
/// file documents the module, the comment lines directly above a top-level <c>def</c> document
/// that function, and the <c>def</c> line gives its signature. The modules are ours, so their
/// layout is a convention a test holds them to: every public function has its comment.
/// </summary>
internal static class ModuleDocs
{
    /// <summary>The module's entry, then one per public function, in the order of the source.</summary>
    public static IEnumerable<BuiltinDoc> Read(string module)
    {
        var source = StandardLibrary.Instance.Resolve(module, "")
            ?? throw new InvalidOperationException($"'{module}' is not a standard module");
        string[] lines = source.Text.ReplaceLineEndings("\n").Split('\n');
        yield return new BuiltinDoc(module, $"import \"{module}\"", Paragraph(lines, 0, Comments(lines, 0)), "modules", BuiltinKind.Module);
        for (int i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("def ", StringComparison.Ordinal)) continue;
            string signature = Signature(lines, i);
            if (signature.StartsWith('_')) continue;
            int first = i;
            while (first > 0 && lines[first - 1].StartsWith('#')) first--;
            yield return new BuiltinDoc($"{module}.{signature[..signature.IndexOf('(')]}", $"{module}.{signature}",
                Paragraph(lines, first, i - first), module, BuiltinKind.Function);
        }
    }

    // The number of comment lines from `start` on.
    private static int Comments(string[] lines, int start)
    {
        int end = start;
        while (end < lines.Length && lines[end].StartsWith('#')) end++;
        return end - start;
    }

    // Comment lines joined into one paragraph, without their '#'.
    private static string Paragraph(string[] lines, int start, int count) =>
        string.Join(' ', lines.Skip(start).Take(count).Select(line => line.TrimStart('#').Trim()).Where(text => text.Length > 0));

    // "def name(a, b=1) {" gives "name(a, b=1)"; parameters may continue on the following lines.
    private static string Signature(string[] lines, int line)
    {
        var text = new System.Text.StringBuilder();
        int depth = 0;
        for (int i = line; i < lines.Length; i++)
        {
            string part = i == line ? lines[i]["def ".Length..] : " " + lines[i].Trim();
            foreach (char c in part)
            {
                text.Append(c);
                if (c == '(') depth++;
                else if (c == ')' && --depth == 0) return text.ToString().Replace("( ", "(");
            }
        }
        throw new InvalidOperationException($"the standard library's def on line {line + 1} has no closing ')'");
    }
}
