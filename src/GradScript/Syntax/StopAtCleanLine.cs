namespace GradScript.Syntax;

using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using GradScript.Syntax.Generated;

/// <summary>
/// Ends a full parse before a top-level statement on one of the given lines, once the parser
/// stands there exactly as it would at the start of a script of its own: the statement begins in
/// column 1, the token before it is the newline that ended the line before (so the lexer was
/// outside every bracket and string), and no error is being recovered from. From such a point on,
/// the parse of the rest, its errors included, is the parse of the rest as a script by itself;
/// the incremental checker has that already, from its last check.
/// </summary>
internal sealed class StopAtCleanLine(Parser parser, IReadOnlySet<int> lines) : IParseTreeListener
{
    /// <summary>Thrown out of the parse to end it; <see cref="Line"/> is where.</summary>
    public sealed class Stopped(int line) : Exception("the parse stopped at a clean line")
    {
        public int Line { get; } = line;
    }

    public void EnterEveryRule(ParserRuleContext context)
    {
        if (context is not GradScriptParser.StatementContext { Parent: GradScriptParser.ProgramContext } || context.Start is not { Column: 0 } start) return;
        if (!lines.Contains(start.Line) || parser.ErrorHandler.InErrorRecoveryMode(parser)) return;
        if (parser.InputStream is not BufferedTokenStream tokens || start.TokenIndex < 1) return;
        var before = tokens.Get(start.TokenIndex - 1);
        if (before.Type == GradScriptLexer.NEWLINE && before.Line == start.Line - 1) throw new Stopped(start.Line);
    }

    public void ExitEveryRule(ParserRuleContext context) { }

    public void VisitTerminal(ITerminalNode node) { }

    public void VisitErrorNode(IErrorNode node) { }
}
