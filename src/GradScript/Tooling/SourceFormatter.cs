namespace GradScript.Tooling;

using GradScript.Ast;
using GradScript.Diagnostics;
using GradScript.Syntax;

/// <summary>
/// GradScript's one canonical layout, as <c>gradscript fmt</c> and the language server apply it.
/// <list type="bullet">
/// <item>Tokens, line breaks, comments and the block forms are the script's own: a statement
/// written over several lines stays so, <c>{ … }</c> and <c>&lt; … &gt;</c> blocks stay as written,
/// numbers and strings keep their spelling.</item>
/// <item>Indentation is four spaces a block; a line inside brackets is indented one step past the
/// line that opened them, and a statement continued after an operator, a comma or a backslash one
/// step past its first line.</item>
/// <item>One blank around binary operators, <c>=</c>, keywords and inside a block's braces on one
/// line; none after a sign, inside brackets, before a comma, around <c>.</c> and <c>..</c>, before
/// the bracket of a call or an index, or around the <c>=</c> of a keyword argument or a default.</item>
/// <item>One statement a line unless the script wrote <c>;</c>; a statement that followed a block's
/// <c>}</c> on its line moves to the next (inside a block written on one line it gets a <c>;</c>);
/// a <c>;</c> that separates nothing goes.</item>
/// <item>At most one blank line in a row, none at the start or the end; no blanks at line ends; the
/// text ends with one newline.</item>
/// <item>A comment after code keeps its column when the code leaves room (aligned comments stay
/// aligned), else it stands two blanks after it; a comment on a line of its own is indented as the
/// code around it.</item>
/// <item>A script with a line <c># fmt: off</c> is left exactly as it is.</item>
/// </list>
/// Formatting changes no meaning: the result is parsed again and its tree compared with the
/// script's, and any difference is refused as a bug rather than written.
/// </summary>
public static class SourceFormatter
{
    /// <summary>The comment line that keeps a script out of formatting.</summary>
    public const string OffMarker = "# fmt: off";

    /// <summary>
    /// The canonical layout of <paramref name="text"/> (line ends become <c>\n</c>).
    /// </summary>
    /// <param name="text">The script.</param>
    /// <param name="name">The name its syntax errors are reported under.</param>
    /// <exception cref="ScriptSyntaxException">The script does not parse; nothing is formatted.</exception>
    /// <exception cref="InvalidOperationException">The formatter failed to keep the script's meaning (a bug in it).</exception>
    public static string Format(string text, string name = "<input>")
    {
        if (IsOff(text)) return text;
        var script = ScriptParser.Parse(new SourceText(name, text));
        var tokens = LayoutTokens.Read(ScriptParser.Normalize(text));
        string formatted = LayoutWriter.Write(tokens, AngleBlocks.Find(script, tokens));
        Verify(script, formatted, name);
        return formatted;
    }

    /// <summary>Whether <paramref name="text"/> has a line <c># fmt: off</c>, which keeps it as written.</summary>
    public static bool IsOff(string text)
    {
        for (int at = text.IndexOf(OffMarker, StringComparison.Ordinal); at >= 0; at = text.IndexOf(OffMarker, at + 1, StringComparison.Ordinal))
        {
            bool lineStart = text.AsSpan(0, at).TrimEnd(" \t").IsEmpty || text.AsSpan(0, at).TrimEnd(" \t")[^1] is '\n' or '\r';
            var rest = text.AsSpan(at + OffMarker.Length);
            int end = rest.IndexOfAny('\n', '\r');
            if (lineStart && (end < 0 ? rest : rest[..end]).Trim().IsEmpty) return true;
        }
        return false;
    }

    // The formatted text must parse to the same tree, spans aside: the printer spells every node
    // and refuses one it does not know, so a construct the formatter mishandles cannot pass quietly.
    private static void Verify(ScriptNode script, string formatted, string name)
    {
        ScriptNode again;
        try
        {
            again = ScriptParser.Parse(new SourceText(name, formatted));
        }
        catch (ScriptSyntaxException e)
        {
            throw new InvalidOperationException($"formatting {name} broke it ({e.Errors[0]}): a bug in the formatter, nothing was written", e);
        }
        if (AstPrinter.Print(script) != AstPrinter.Print(again))
            throw new InvalidOperationException($"formatting {name} changed its meaning: a bug in the formatter, nothing was written");
    }
}
