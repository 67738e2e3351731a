namespace GradScript.Cli.Repl;

using RadLine;

/// <summary>
/// Tab completion of names: the session's globals (builtins included), keywords, and at the start
/// of a line the meta-commands. RadLine hands over the whitespace-delimited word at the cursor
/// (<c>print(gr</c>); the name being typed is its tail (<c>gr</c>), and each candidate is the whole
/// word with that tail completed, which is what RadLine puts in its place.
/// <para>
/// RadLine asks again on every Tab, with the word as the last Tab left it; when that word is one
/// this gave last time, the same list is given again, so repeated Tabs cycle through it
/// (<c>gr</c> → <c>grad</c> → <c>graph</c> → <c>grad</c>) instead of settling on the first.
/// </para>
/// </summary>
/// <param name="names">The names defined in the session now.</param>
/// <param name="members">The public members of the module a name holds now, or null when it holds no module (after <c>nn.</c>).</param>
internal sealed class Completion(Func<IEnumerable<string>> names, Func<string, IEnumerable<string>?>? members = null) : ITextCompletion
{
    private string[] _last = [];

    /// <inheritdoc/>
    public IEnumerable<string>? GetCompletions(string prefix, string word, string suffix)
    {
        if (word.Length > 0 && Array.IndexOf(_last, word) >= 0) return _last;
        var candidates = Candidates(prefix, word, names(), members);
        _last = candidates.ToArray();
        return _last.Length == 0 ? null : _last;
    }

    /// <summary>The completions of <paramref name="word"/>, the whitespace-delimited word at the cursor, sorted.</summary>
    public static IReadOnlyList<string> Candidates(string prefix, string word, IEnumerable<string> names, Func<string, IEnumerable<string>?>? members = null)
    {
        if (word.StartsWith(':') && prefix.Trim().Length == 0)
            return MetaCommands.All.Select(c => c.Name).Where(n => n.StartsWith(word, StringComparison.Ordinal)).ToList();

        int stemStart = word.Length;
        while (stemStart > 0 && SourceScanner.IsNamePart(word[stemStart - 1])) stemStart--;
        string stem = word[stemStart..];
        if (stem.Length == 0 || !SourceScanner.IsNameStart(stem[0])) return [];
        string head = word[..stemStart];
        // After `nn.` the candidates are the module's members, not the session's names.
        if (head.EndsWith('.'))
        {
            int moduleStart = head.Length - 1;
            while (moduleStart > 0 && SourceScanner.IsNamePart(head[moduleStart - 1])) moduleStart--;
            var inModule = members?.Invoke(head[moduleStart..^1]);
            if (inModule is null) return [];
            return inModule.Where(name => name.StartsWith(stem, StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal).Select(name => head + name).ToList();
        }
        return names.Concat(SourceScanner.Keywords)
            .Where(name => name.StartsWith(stem, StringComparison.Ordinal))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .Select(name => head + name)
            .ToList();
    }
}

/// <summary>
/// Tab: completes the name before the cursor, or, where there is none (the start of a line, after
/// a space), indents by four spaces, so blocks can be typed as they are written in files.
/// </summary>
internal sealed class TabCommand : LineEditorCommand
{
    /// <summary>The indentation one Tab inserts.</summary>
    public const string Indent = "    ";

    /// <inheritdoc/>
    public override void Execute(LineEditorContext context)
    {
        var buffer = context.Buffer;
        if (buffer.Position == 0 || char.IsWhiteSpace(buffer.Content[buffer.Position - 1]))
            new InsertCommand(Indent).Execute(context);
        else
            new AutoCompleteCommand(AutoComplete.Next).Execute(context);
    }
}
