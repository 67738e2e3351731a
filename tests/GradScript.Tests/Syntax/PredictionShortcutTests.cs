namespace GradScript.Tests.Syntax;

using Antlr4.Runtime;
using Antlr4.Runtime.Atn;
using Antlr4.Runtime.Misc;
using GradScript.Diagnostics;
using GradScript.Syntax;
using GradScript.Syntax.Generated;
using Xunit;

/// <summary>
/// <see cref="GuardedPrediction"/> answers a decision from ANTLR's cached DFA when one token settles
/// it, without ANTLR's own prediction. Here every such answer, over every script of the repository
/// (the syntax errors of the golden corpus too) and in both of the parser's passes, is checked
/// against the prediction ANTLR makes itself: a shortcut that answered differently would parse
/// some script into another tree, or fail it where ANTLR would not.
/// </summary>
public class PredictionShortcutTests
{
    // Parses `text` with every one-token answer checked (GuardedPrediction throws InvalidOperationException
    // on a difference); syntax errors and nesting limits are the script's own business here.
    private static void ParseChecked(string text, bool fastPass)
    {
        var positions = new SourcePositions(new SourceText("t.grad", text));
        var lexer = ScriptParser.NewLexer(text);
        var source = new CheckedTokenSource(lexer, new SyntaxErrorCollector(positions), positions);
        var parser = new GradScriptParser(fastPass ? new LookaheadTokenStream(source, 16) : new CommonTokenStream(source)) { BuildParseTree = false };
        parser.GuardPredictions(checkShortcut: true);
        parser.RemoveErrorListeners();
        parser.Interpreter.PredictionMode = fastPass ? PredictionMode.SLL : PredictionMode.LL;
        parser.ErrorHandler = fastPass ? new FastFail() : new StatementRecovery();
        try
        {
            parser.program();
        }
        catch (ParseCanceledException) { }
        catch (NestingTooDeepException) { }
    }

    [Fact]
    public void OneTokenAnswersAreAntlrsOwnOnEveryScript()
    {
        var files = RepositoryScripts.Files();
        // Twice over: the first round fills the DFA that the shortcut reads.
        for (int round = 0; round < 2; round++)
        {
            foreach (string file in files)
            {
                string text = ScriptParser.Normalize(File.ReadAllText(file));
                if (ScriptParser.HasInvalidCharacters(text)) continue;
                ParseChecked(text, fastPass: true);
                ParseChecked(text, fastPass: false);
            }
        }
    }

    [Theory]
    [InlineData("x = a < b\nwhile a < b { x = f(a)[1].c ** -2 }\nfor i in 0..3 < print(i) >")]
    [InlineData("y = [v if v > 0 else -v for v in xs if v != 0]\nd = {k: v for k, v in zip(a, b)}")]
    [InlineData("def f(a, b=1, *c) { return }\nf(x=1, 2)\nz = (1 +\n 2")]
    public void OneTokenAnswersAreAntlrsOwnOnSpecialCases(string text)
    {
        ParseChecked(text, fastPass: true);
        ParseChecked(text, fastPass: true);
        ParseChecked(text, fastPass: false);
    }
}
