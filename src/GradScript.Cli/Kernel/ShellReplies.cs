namespace GradScript.Cli.Kernel;

using System.Text.Json.Nodes;
using GradScript.Cli.Repl;

/// <summary>
/// The contents of the replies that need no running: <c>kernel_info</c>, <c>complete</c>,
/// <c>inspect</c>, <c>is_complete</c> and <c>history</c>. Each reads the session as the REPL's own
/// features do: completion offers what Tab offers, is_complete is the REPL's "ended early"
/// decision, and inspection shows the same description as the REPL's help.
/// </summary>
internal static class ShellReplies
{
    /// <summary>The language's name in kernel_info and the kernelspec.</summary>
    public const string Language = "gradscript";

    /// <summary>The reply to kernel_info_request.</summary>
    public static JsonObject KernelInfo() => new()
    {
        ["status"] = "ok",
        ["protocol_version"] = JupyterMessage.ProtocolVersion,
        ["implementation"] = "gradscript",
        ["implementation_version"] = HelpText.Version,
        ["language_info"] = new JsonObject
        {
            ["name"] = Language,
            ["version"] = HelpText.Version,
            ["mimetype"] = "text/x-gradscript",
            ["file_extension"] = ".grad",
            // Python's highlighting fits GradScript's comments, strings and numbers well enough.
            ["pygments_lexer"] = "python",
            ["codemirror_mode"] = "python",
        },
        ["banner"] = $"GradScript {HelpText.Version}: a differentiable scripting language",
        ["help_links"] = new JsonArray(),
    };

    /// <summary>
    /// The reply to complete_request: the names the REPL's Tab offers for the name before the
    /// cursor, or after <c>module.</c> the standard module's functions.
    /// </summary>
    public static JsonObject Complete(string code, int cursorPosition, IEnumerable<string> names)
    {
        int cursor = CodeCursor.Index(code, cursorPosition);
        int start = CodeCursor.NameStart(code, cursor);
        string stem = code[start..cursor];
        // After `nn.` the candidates are the standard module's functions, not the globals.
        IReadOnlyList<string> matches = CodeCursor.ModuleBefore(code, start) is { } module
            ? [.. BuiltinDocs.ModuleMembers(module).Select(d => d.ShortName).Where(n => n.StartsWith(stem, StringComparison.Ordinal)).Order(StringComparer.Ordinal)]
            : stem.Length == 0 ? [] : Completion.Candidates("", stem, names);
        return new JsonObject
        {
            ["status"] = "ok",
            ["matches"] = new JsonArray([.. matches.Select(m => (JsonNode)m)]),
            ["cursor_start"] = CodeCursor.CodePoints(code, start),
            ["cursor_end"] = cursorPosition,
            ["metadata"] = new JsonObject(),
        };
    }

    /// <summary>The reply to inspect_request: what the name at the cursor is.</summary>
    public static JsonObject Inspect(string code, int cursorPosition, ReplSession session)
    {
        string? text = Inspection.Describe(code, CodeCursor.Index(code, cursorPosition), session);
        var data = new JsonObject();
        if (text is not null) data["text/plain"] = text;
        return new JsonObject { ["status"] = "ok", ["found"] = text is not null, ["data"] = data, ["metadata"] = new JsonObject() };
    }

    /// <summary>
    /// The reply to is_complete_request: <c>incomplete</c> exactly when the REPL would show its
    /// <c>... </c> prompt (a block, bracket or call still open, a trailing operator or backslash),
    /// with the indentation the next line wants; otherwise <c>complete</c>, syntax errors included,
    /// as the REPL runs such an input and reports them.
    /// </summary>
    public static JsonObject IsComplete(string code)
    {
        if (!InputBuffer.NeedsMore(code)) return new JsonObject { ["status"] = "complete" };
        string last = code.Split('\n').LastOrDefault(l => l.Trim().Length > 0) ?? "";
        string indent = last[..(last.Length - last.TrimStart().Length)];
        if (last.TrimEnd().EndsWith('{')) indent += TabCommand.Indent;
        return new JsonObject { ["status"] = "incomplete", ["indent"] = indent };
    }

    /// <summary>The reply to history_request: the cells of this session, the last <c>n</c> of them for a <c>tail</c> request.</summary>
    public static JsonObject History(IReadOnlyList<(int Number, string Code)> cells, string accessType, int count)
    {
        var chosen = accessType == "tail" && count >= 0 ? cells.Skip(Math.Max(0, cells.Count - count)) : cells;
        var history = new JsonArray([.. chosen.Select(c => (JsonNode)new JsonArray(0, c.Number, c.Code))]);
        return new JsonObject { ["status"] = "ok", ["history"] = history };
    }
}
