namespace GradScript.Syntax.Generated;

using Antlr4.Runtime;

internal partial class GradScriptLexer
{
    /// <summary>
    /// The next token exactly as the grammar's token rules make it: every newline, no separators
    /// added, no bracket counting. For tools that lay out text (the formatter), never the parser.
    /// </summary>
    internal IToken NextRawToken() => base.NextToken();
}
