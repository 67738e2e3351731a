namespace GradScript.Cli.Lsp;

using System.Text.Json.Nodes;
using GradScript.Diagnostics;

/// <summary>
/// Between GradScript's places (1-based lines and columns counting code points) and LSP's (0-based
/// lines, characters counting UTF-16 units, the protocol's default encoding).
/// </summary>
internal static class LspPositions
{
    /// <summary>An LSP position object read as (line, character).</summary>
    public static (int Line, int Character) Read(JsonNode? position)
    {
        if (position?["line"] is not JsonValue line || position["character"] is not JsonValue character
            || !line.TryGetValue(out int l) || !character.TryGetValue(out int c) || l < 0 || c < 0)
            throw new LspException(LspErrors.InvalidParams, "a position needs a line and a character, both whole numbers from 0");
        return (l, c);
    }

    /// <summary>The 1-based code-point column of a UTF-16 character offset in a line.</summary>
    public static int Column(string line, int character)
    {
        int column = 1;
        for (int i = 0; i < character && i < line.Length; i++, column++)
            if (char.IsSurrogatePair(line, i)) i++;
        return column;
    }

    /// <summary>The UTF-16 character offset of a 1-based code-point column in a line.</summary>
    public static int Character(string line, int column)
    {
        int i = 0;
        for (int n = 1; n < column && i < line.Length; n++) i += char.IsSurrogatePair(line, i) ? 2 : 1;
        return i + Math.Max(0, column - 1 - CodePoints(line, i));
    }

    private static int CodePoints(string line, int upTo)
    {
        int n = 0;
        for (int i = 0; i < upTo; i++, n++)
            if (char.IsSurrogatePair(line, i)) i++;
        return n;
    }

    public static JsonObject Position(int line, int character) => new() { ["line"] = line, ["character"] = character };

    public static JsonObject Range(int line, int character, int endLine, int endCharacter) =>
        new() { ["start"] = Position(line, character), ["end"] = Position(endLine, endCharacter) };

    /// <summary>A span as an LSP range.</summary>
    public static JsonObject Range(SourceSpan span)
    {
        var source = span.Source;
        int startLine = Math.Max(0, span.Line - 1), endLine = Math.Max(startLine, span.EndLine - 1);
        return Range(startLine, Character(source.GetLine(startLine + 1), span.Column),
            endLine, Character(source.GetLine(endLine + 1), span.EndColumn));
    }
}
