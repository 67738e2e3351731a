namespace GradScript.Syntax;

using Antlr4.Runtime;
using GradScript.Syntax.Generated;

/// <summary>
/// Error recovery at statement granularity: after a syntax error the parser skips to the end of
/// the statement (a newline, a `;`, a closing brace or the end of input) and goes on with the next,
/// so one run reports every broken statement of a file, not the first one and a cascade.
/// </summary>
internal sealed class StatementRecovery : DefaultErrorStrategy
{
    // ANTLR's default deletes one "extraneous" token on entering a loop; after `x = )` that lets
    // the optional newlines after `=` swallow the statement's own line end, and the next statement
    // is then misreported. The error is reported where it happens instead, and Recover skips on.
    public override void Sync(Parser recognizer) { }

    public override void Recover(Parser recognizer, RecognitionException e)
    {
        var input = recognizer.InputStream;
        // Always move forward at least one token, or the same error would be found again.
        if (lastErrorIndex == input.Index && input.LA(1) != TokenConstants.EOF) recognizer.Consume();
        lastErrorIndex = input.Index;
        while (input.LA(1) is not (GradScriptLexer.NEWLINE or GradScriptLexer.SEMI or GradScriptLexer.RBRACE or TokenConstants.EOF))
            recognizer.Consume();
    }
}
