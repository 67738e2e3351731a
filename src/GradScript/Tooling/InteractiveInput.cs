namespace GradScript.Tooling;

using Antlr4.Runtime;
using GradScript.Ast;
using GradScript.Diagnostics;
using GradScript.Syntax;
using GradScript.Syntax.Generated;

/// <summary>What an interactive host should do with the lines typed so far (<see cref="InteractiveInput.Check"/>).</summary>
public enum InputStatus
{
    /// <summary>A whole input: run it now, or report its syntax errors now.</summary>
    Complete,

    /// <summary>It stops in the middle of something the next line can finish: a block, bracket or call still open, an operator with nothing after it, or a backslash that joins the last line to the next. Read another line.</summary>
    Incomplete,

    /// <summary>
    /// Complete, but it ends with an <c>if</c> whose last block closed the input and which has no final
    /// <c>else</c>: in a file the next line could still be its <c>else</c> or <c>elif</c>. Read another
    /// line; run the input before it unless <see cref="InteractiveInput.ContinuesIf"/> says that line
    /// belongs to it.
    /// </summary>
    CompleteUnlessElse,
}

/// <summary>
/// Answers a read-eval-print loop's question about text being typed: run it, or read another line?
/// The parser is the only authority on what is open, so each answer parses the text (cheap next to
/// typing). The <c>gradscript</c> REPL and the notebook kernel use it; so can any host's own REPL.
/// </summary>
public static class InteractiveInput
{
    private const string SourceName = "<input>";

    /// <summary>Whether <paramref name="text"/>, the lines typed so far joined by <c>\n</c>, is a whole input.</summary>
    /// <remarks>
    /// Text that starts with <c>else</c> or <c>elif</c>, an <c>else</c> with no <c>if</c> before it, is
    /// read to the end of its block too, so that it is reported whole and never run line by line.
    /// </remarks>
    public static InputStatus Check(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (LastToken(text) is { Type: GradScriptLexer.BAD_CHAR } last && last.Text == "\\") return InputStatus.Incomplete;
        var outcome = ScriptParser.TryParse(new SourceText(SourceName, text));
        if (outcome.EndedEarly) return InputStatus.Incomplete;
        if (ContinuesIf(text))
            return ScriptParser.TryParse(new SourceText(SourceName, "if false { }\n" + text)).EndedEarly ? InputStatus.Incomplete : InputStatus.Complete;
        return outcome is { Errors.Count: 0, Script.Body: [.., var final] } && EndsOpen(final) && LastToken(text) is { Type: GradScriptLexer.RBRACE }
            ? InputStatus.CompleteUnlessElse
            : InputStatus.Complete;
    }

    /// <summary>
    /// Whether <paramref name="line"/>, typed after an input that was <see cref="InputStatus.CompleteUnlessElse"/>,
    /// continues it: it starts with <c>else</c> or <c>elif</c>, or holds only a comment (which a file
    /// allows between an <c>if</c>'s <c>}</c> and its <c>else</c>). A blank line never does: it ends
    /// the <c>if</c>, as a blank line ends a block in Python's REPL.
    /// </summary>
    public static bool ContinuesIf(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var text = line.AsSpan().TrimStart(" \t\f");
        if (text.StartsWith("#")) return true;
        foreach (var keyword in (ReadOnlySpan<string>)["else", "elif"])
            if (text.StartsWith(keyword, StringComparison.Ordinal) && (text.Length == keyword.Length || !IsNamePart(text[keyword.Length])))
                return true;
        return false;
    }

    // An if whose chain of else-ifs ends without an else.
    private static bool EndsOpen(Stmt statement)
    {
        while (statement is If { Else: [If inner] }) statement = inner;
        return statement is If { Else: null };
    }

    private static bool HasLoneSurrogate(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsSurrogatePair(text, i)) i++;
            else if (char.IsSurrogate(text[i])) return true;
        }
        return false;
    }

    private static bool IsNamePart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    // The last token other than a line end (spaces and comments are skipped by the lexer), or null.
    private static IToken? LastToken(string text)
    {
        // The lexer reads code points and cannot take half of one; the parser reports such text.
        if (HasLoneSurrogate(text)) return null;
        var lexer = ScriptParser.NewLexer(ScriptParser.Normalize(text));
        IToken? last = null;
        for (var token = lexer.NextToken(); token.Type != TokenConstants.EOF; token = lexer.NextToken())
            if (token.Type != GradScriptLexer.NEWLINE) last = token;
        return last;
    }
}
