namespace GradScript.Cli.Lsp;

using System.Text;
using System.Text.Json.Nodes;
using GradScript.Diagnostics;
using GradScript.Tooling;

/// <summary>
/// One open document: its text as the client last sent it, and the analysis of that text, made on
/// first need. Edits are applied as the client sends them (whole text or ranges, in UTF-16 units).
/// </summary>
internal sealed class LspDocument(string uri, string text, int version)
{
    private ScriptAnalysis? _analysis, _imports;
    private ScriptProblems? _problems;

    // Kept from change to change: it analyses again only the statements an edit touched.
    private readonly IncrementalChecker _checker = new();

    // The last text that parsed (its problems said so: every version's are found, for its
    // diagnostics), and the last analysis with symbols, of the text it was made of.
    private string? _parsedText;
    private (string Text, ScriptAnalysis Analysis)? _lastWithSymbols;

    public string Uri { get; } = uri;

    public string Text { get; private set; } = text;

    public int Version { get; private set; } = version;

    /// <summary>The name places in the document are reported under: its path, for a file.</summary>
    public string Name => System.Uri.TryCreate(Uri, UriKind.Absolute, out var parsed) && parsed.IsFile ? parsed.LocalPath : Uri;

    /// <summary>The analysis of the whole text as it is, made on first need: what hover, completion, navigation and colours read.</summary>
    public ScriptAnalysis Analysis
    {
        get
        {
            if (_analysis is null)
            {
                _analysis = ScriptAnalysis.Analyze(Text, Name);
                if (_analysis.HasSymbols) _lastWithSymbols = (Text, _analysis);
            }
            return _analysis;
        }
    }

    /// <summary>The text's errors and undefined names, as diagnostics show them: found again after a change only where it changed.</summary>
    public ScriptProblems Problems
    {
        get
        {
            if (_problems is null)
            {
                _problems = _checker.Check(Text, Name);
                if (_problems.Parsed) _parsedText = Text;
            }
            return _problems;
        }
    }

    /// <summary>The text's keywords and names for colours: from the pieces the last check reused where it could, else from the whole analysis.</summary>
    public IReadOnlyList<ScriptToken> Tokens => (Problems is { Parsed: true } ? _checker.Tokens(Text) : null) ?? ScriptTokens.Classify(Analysis);

    /// <summary>
    /// The analysis names are looked up in: the text's own, or while the text does not parse (as
    /// while a line is being typed: <c>m = nn.</c>) one of the last text that did, so hover and
    /// completion go on working.
    /// </summary>
    public ScriptAnalysis Names
    {
        get
        {
            if (Analysis.HasSymbols) return Analysis;
            if (_parsedText is null) return _lastWithSymbols?.Analysis ?? Analysis;
            if (_lastWithSymbols?.Text != _parsedText) _lastWithSymbols = (_parsedText, ScriptAnalysis.Analyze(_parsedText, Name));
            return _lastWithSymbols.Value.Analysis;
        }
    }

    public SourceText Source => _source ??= new SourceText(Name, Text);

    private SourceText? _source;

    /// <summary>
    /// The document's <c>import</c> lines analysed on their own: the modules it names, known even
    /// when it has never parsed as a whole (a file opened half-written).
    /// </summary>
    public ScriptAnalysis Imports => _imports ??= ScriptAnalysis.Analyze(
        string.Join("\n", Text.Split('\n').Where(line => line.TrimStart().StartsWith("import ", StringComparison.Ordinal))), Name);

    /// <summary>Applies <c>didChange</c>'s content changes in order.</summary>
    public void Change(JsonArray changes, int version)
    {
        foreach (var change in changes)
        {
            string newText = change?["text"]?.GetValue<string>() ?? throw new LspException(LspErrors.InvalidParams, "a content change has no text");
            if (change["range"] is not JsonObject range)
            {
                Text = newText;
                continue;
            }
            int start = Offset(LspPositions.Read(range["start"])), end = Offset(LspPositions.Read(range["end"]));
            if (end < start) throw new LspException(LspErrors.InvalidParams, "a content change's range ends before it starts");
            Text = string.Concat(Text.AsSpan(0, start), newText, Text.AsSpan(end));
        }
        Version = version;
        _analysis = _imports = null;
        _problems = null;
        _source = null;
    }

    /// <summary>The UTF-16 offset of an LSP position (line, UTF-16 character), clamped to the text.</summary>
    public int Offset((int Line, int Character) position)
    {
        int offset = 0;
        for (int line = 0; line < position.Line; line++)
        {
            int next = NextLineStart(offset);
            if (next < 0) return Text.Length;
            offset = next;
        }
        int lineEnd = offset;
        while (lineEnd < Text.Length && Text[lineEnd] is not ('\n' or '\r')) lineEnd++;
        return Math.Min(offset + position.Character, lineEnd);
    }

    private int NextLineStart(int from)
    {
        for (int i = from; i < Text.Length; i++)
        {
            if (Text[i] == '\n') return i + 1;
            if (Text[i] == '\r') return i + 1 < Text.Length && Text[i + 1] == '\n' ? i + 2 : i + 1;
        }
        return -1;
    }

    /// <summary>The text of a 0-based line, without its line end.</summary>
    public string LineText(int line) => Source.GetLine(line + 1);

    /// <summary>The text of the line up to an LSP position.</summary>
    public string TextBefore((int Line, int Character) position)
    {
        string line = LineText(position.Line);
        return line[..Math.Min(position.Character, line.Length)];
    }

    /// <summary>The document's whole range, for an edit that replaces it.</summary>
    public JsonObject WholeRange()
    {
        int lines = 0, lastLineStart = 0;
        for (int i = 0; i < Text.Length; i++)
        {
            if (Text[i] == '\n' || (Text[i] == '\r' && (i + 1 >= Text.Length || Text[i + 1] != '\n')))
            {
                lines++;
                lastLineStart = i + 1;
            }
        }
        return LspPositions.Range(0, 0, lines, Text.Length - lastLineStart);
    }

    public override string ToString() => new StringBuilder(Uri).Append('@').Append(Version).ToString();
}
