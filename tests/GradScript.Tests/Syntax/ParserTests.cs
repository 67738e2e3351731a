namespace GradScript.Tests.Syntax;

using GradScript.Ast;
using GradScript.Diagnostics;
using GradScript.Syntax;

public class ParserTests
{
    private static ScriptNode Parse(string text) => ScriptParser.Parse(new SourceText("t.grad", text));

    private static Expr ParseExpression(string text) => ((ExprStmt)Parse(text).Body.Single()).Expression;

    private static IReadOnlyList<ScriptDiagnostic> Errors(string text) =>
        Assert.Throws<ScriptSyntaxException>(() => Parse(text)).Errors;

    [Fact]
    public void PowerBindsTighterThanUnaryMinusAndIsRightAssociative()
    {
        var negation = Assert.IsType<Unary>(ParseExpression("-2^2"));
        Assert.Equal(BinaryOp.Power, Assert.IsType<Binary>(negation.Operand).Op);

        var power = Assert.IsType<Binary>(ParseExpression("2^3^2"));
        Assert.IsType<Literal>(power.Left);
        Assert.Equal(BinaryOp.Power, Assert.IsType<Binary>(power.Right).Op);
    }

    [Fact]
    public void AdditiveChainsAreLeftAssociative()
    {
        var sum = Assert.IsType<Binary>(ParseExpression("1 - 2 + 3"));
        Assert.Equal(BinaryOp.Add, sum.Op);
        Assert.Equal(BinaryOp.Subtract, Assert.IsType<Binary>(sum.Left).Op);
    }

    [Fact]
    public void RangeBindsLooserThanAdditionAndTighterThanComparison()
    {
        var comparison = Assert.IsType<Binary>(ParseExpression("0..n+1 == r"));
        Assert.Equal(BinaryOp.Equal, comparison.Op);
        var range = Assert.IsType<RangeExpr>(comparison.Left);
        Assert.IsType<Binary>(range.Stop);
    }

    [Fact]
    public void ComparisonsDoNotChain()
    {
        var error = Errors("print(1 < 2 < 3)").First();
        Assert.Equal((1, 13), (error.Line, error.Column));
    }

    [Fact]
    public void SpansAreOneBasedAndCountCodePoints()
    {
        // The emoji is one code point (two UTF-16 units): `f` stands in column 6, `x` in column 8.
        var call = Assert.IsType<Call>(((ExprStmt)Parse("\"😀\"; f(x)").Body[1]).Expression);
        Assert.Equal((1, 6), (call.Span.Line, call.Span.Column));
        Assert.Equal(8, Assert.IsType<Name>(call.Arguments[0]).Span.Column);
    }

    [Fact]
    public void TheAngleBlockOneLinerParsesAsAForLoop()
    {
        var loop = Assert.IsType<For>(Parse("for epoch in 0..10 < l = (x*w - y)^2; backward(l); w -= 0.01*grad(w) >").Body.Single());
        Assert.IsType<RangeExpr>(loop.Iterable);
        Assert.Equal(3, loop.Body.Count);
        Assert.IsType<CompoundAssign>(loop.Body[2]);
    }

    [Fact]
    public void AnAngleBlockMayEndALineBeforeTheNextStatement()
    {
        var body = Parse("for i in 0..2 < x = i >\nprint(x)").Body;
        Assert.Equal(2, body.Count);
    }

    [Theory]
    [InlineData("for i in 0..2 < print(i) >\n[1, 2][-1] < 3")]
    [InlineData("for i in 0..2 < print(i) >\n(1) < 3")]
    [InlineData("while false < print(1) >\nx < 3 and y < 4")]
    public void AComparisonOnTheLineAfterAnAngleBlockIsTheNextStatement(string source)
    {
        // Found by AstRoundTrip: the header scan read past the block's closing `>` at the end of the
        // line and took the next line's `<` for the block's opener.
        var body = Parse(source).Body;
        Assert.Equal(2, body.Count);
        var loopBody = body[0] switch { For loop => loop.Body, While loop => loop.Body, var other => throw new Xunit.Sdk.XunitException($"not a loop: {other}") };
        Assert.Single(loopBody);
        Assert.IsType<ExprStmt>(body[1]);
    }

    [Fact]
    public void ADictDisplayAfterGreaterThanInAHeaderIsAnOperand()
    {
        // Found by AstRoundTrip: the header scan took `>` before a dict display for an angle block's end.
        var loop = Assert.IsType<While>(Parse("while k < 3 and w > {\"k\": 5.4}[\"k\"] {\n    k += 1\n}").Body.Single());
        Assert.IsType<Logical>(loop.Condition);
        Assert.Single(loop.Body);
    }

    [Fact]
    public void NewlinesInsideBracketsAndAfterOperatorsDoNotEndStatements()
    {
        var body = Parse("x = [1,\n 2]\ny = 1 +\n 2\nz = f(\n1,\n2)\nif x {\n}\nelse {\n}").Body;
        Assert.Equal(4, body.Count);
        Assert.NotNull(Assert.IsType<If>(body[3]).Else);
    }

    [Fact]
    public void AStatementMayFollowAClosingBraceOnTheSameLine()
    {
        var loop = Assert.IsType<For>(Parse("for i in xs { if i { continue } print(i) }").Body.Single());
        Assert.Equal(2, loop.Body.Count);
    }

    [Theory]
    [InlineData("1_000", 1000L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData(".5", 0.5)]
    [InlineData("1e-3", 0.001)]
    [InlineData("2.5E+4", 25000.0)]
    [InlineData("1e999", double.PositiveInfinity)]
    public void NumberLiteralsDecode(string text, object expected) =>
        Assert.Equal(expected, Assert.IsType<Literal>(ParseExpression(text)).Value);

    [Theory]
    [InlineData(@"'a\tb'", "a\tb")]
    [InlineData(@"""q\""\\""", "q\"\\")]
    [InlineData(@"'\u{1F600}'", "😀")]
    [InlineData(@"'\0\r\n'", "\0\r\n")]
    [InlineData("'é😀'", "é😀")]
    public void StringEscapesDecode(string text, string expected) =>
        Assert.Equal(expected, Assert.IsType<Literal>(ParseExpression(text)).Value);

    [Fact]
    public void FStringsSplitIntoTextAndExpressions()
    {
        var f = Assert.IsType<FString>(ParseExpression("f\"a{{ {x + 1:.2f} }}b\""));
        Assert.Equal("a{ ", f.Parts[0].Text);
        Assert.IsType<Binary>(f.Parts[1].Value);
        Assert.Equal(".2f", f.Parts[1].FormatSpec);
        Assert.Equal(" }b", f.Parts[2].Text);
    }

    [Theory]
    [InlineData("x = 1 +", 1, 8, "unexpected end of input")]
    [InlineData("x = 1 +\n", 2, 1, "unexpected end of input")]
    [InlineData("x = 1 y = 2", 1, 7, "expected a new line or ';' before 'y'")]
    [InlineData("print(1 2)", 1, 9, "unexpected '2'")]
    [InlineData("x = 1 \u00A0 2", 1, 7, "unexpected character U+00A0")]
    [InlineData("x = 1 @ 2", 1, 7, "unexpected character '@'")]
    [InlineData("s = 'abc", 1, 5, "unterminated string")]
    // The parser's own error here falls on the lexical error's place; no AST is built from the
    // recovered parse (that once ended in an internal error).
    [InlineData("print(ands')", 1, 11, "unterminated string")]
    [InlineData("x = 99999999999999999999", 1, 5, "integer literal too large")]
    [InlineData("s = 'a\\qb'", 1, 7, "invalid escape sequence '\\q'")]
    [InlineData("f() = 3", 1, 1, "cannot assign to a call")]
    [InlineData("def f(a, a) { }", 1, 10, "duplicate parameter 'a'")]
    [InlineData("f(a=1, 2)", 1, 8, "positional argument follows keyword argument")]
    [InlineData("print(f\"{1 +}\")", 1, 13, "unexpected end of input")]
    [InlineData("print(1 +", 1, 10, "unexpected end of input")]
    [InlineData("x = f\"{y\"", 1, 7, "f-string: expecting '}'")]
    [InlineData("{ { } }", 1, 1, "a block cannot stand alone")]
    [InlineData("x = 1\n{ print(x) }", 2, 1, "a block cannot stand alone")]
    [InlineData("if x { } { }", 1, 10, "a block cannot stand alone")]
    [InlineData("while x { { } }", 1, 11, "a block cannot stand alone")]
    public void SyntaxErrorsHaveAPlaceAndAMessage(string text, int line, int column, string message)
    {
        var error = Errors(text).First();
        Assert.Contains(message, error.Message);
        Assert.Equal((line, column), (error.Line, error.Column));
    }

    [Fact]
    public void EverySyntaxErrorIsReportedUpToTwenty()
    {
        var lines = Errors("x = )\ny = 1\nz = ]\nw = @").Select(e => e.Line).Distinct();
        Assert.Equal([1, 3, 4], lines);
        Assert.Equal(ScriptSyntaxException.MaxErrors, Errors(string.Join("\n", Enumerable.Repeat("x = )", 50))).Count);
    }

    [Fact]
    public void LineEndsOfEveryKindCountLines()
    {
        foreach (var end in new[] { "\n", "\r\n", "\r", "\u2028" })
        {
            var error = Errors($"x = 1{end}y = ){end}").First();
            Assert.Equal((2, 5), (error.Line, error.Column));
        }
    }

    [Fact]
    public void AByteOrderMarkIsIgnored() => Assert.Single(Parse("\uFEFFx = 1").Body);

    [Fact]
    public void LoneSurrogatesAreSyntaxErrorsAtTheirPlace()
    {
        // Found by the generated-program properties: a .NET string may hold half a surrogate pair,
        // which the lexer could not read; the parser threw an ArgumentException.
        var errors = Errors("s = \"😀\"\nx = \"a\uD800\" + \uDC00y");
        Assert.Equal([(2, 7), (2, 12)], errors.Select(e => (e.Line, e.Column)));
        Assert.All(errors, e => Assert.Contains("half of a surrogate pair", e.Message));
    }

    [Theory]
    [InlineData("(", ")")]
    [InlineData("[", "]")]
    public void AbsurdBracketNestingIsASyntaxErrorNotACrash(string open, string close)
    {
        var text = "x = " + string.Concat(Enumerable.Repeat(open, 100_000)) + "1" + string.Concat(Enumerable.Repeat(close, 100_000));
        Assert.Contains("too many nested brackets", Errors(text).Single().Message);
    }

    [Theory]
    [InlineData("-")]
    [InlineData("not ")]
    public void AbsurdUnaryNestingIsASyntaxErrorNotACrash(string op)
    {
        var text = "x = " + string.Concat(Enumerable.Repeat(op, 100_000)) + "1";
        Assert.Contains("too deeply nested", Errors(text).Single().Message);
    }

    [Fact]
    public void DeepNestingFailsCleanlyOnASmallStack()
    {
        var caught = SmallStack.Run(() => Parse("x = " + string.Concat(Enumerable.Repeat("-", 100_000)) + "1"), 256 * 1024);
        Assert.IsType<ScriptSyntaxException>(caught);
    }

    /// <summary>
    /// Linear time, counted rather than timed: with ANTLR's profiler on, no decision of the parser
    /// looks further ahead in a chain of 5,000 terms than in one of 500, and all its decisions
    /// together look at tokens in proportion to the chain's length. (A decision that scanned to the
    /// chain's end, e.g. for an `=` after it, would look 10 times further.)
    /// </summary>
    [Theory]
    [InlineData("x = ", "+", "")]
    [InlineData("", " and ", "")]
    [InlineData("", "+", "")]
    [InlineData("print(", "*", ")")]
    [InlineData("print(1, end=", "+", ")")]
    [InlineData("x = [0, ", "-", "]")]
    [InlineData("x = xs[", "+", "]")]
    [InlineData("if ", " or ", " { }")]
    [InlineData("while ", "+", " { }")]
    [InlineData("for i in ", "+", " { }")]
    [InlineData("def f() { return ", "*", " }")]
    [InlineData("def f(v = ", "+", ") { }")]
    [InlineData("x += ", "+", "")]
    [InlineData("x = m.f(", "*", ")")]
    [InlineData("x = a > ", "+", "")]
    [InlineData("x, y = 1, ", "+", "")]
    [InlineData("xs[", " + ", "] = 1")]
    public void AFlatChainParsesInLinearTime(string before, string op, string after)
    {
        string Chain(int terms) => before + string.Join(op, Enumerable.Repeat("a", terms)) + after;
        Assert.Single(Parse(Chain(100_000)).Body);
        var (shortMax, shortTotal) = Lookahead(Chain(500));
        var (longMax, longTotal) = Lookahead(Chain(5_000));
        Assert.True(longMax == shortMax && longMax <= 4, $"the deepest lookahead is {shortMax} tokens at 500 terms, {longMax} at 5,000");
        Assert.True(longTotal <= 11 * shortTotal, $"{shortTotal} tokens looked at for 500 terms, {longTotal} for 5,000");
    }

    // The deepest lookahead of any decision, and the tokens all decisions looked at, in SLL mode (the fast pass).
    private static (long Max, long Total) Lookahead(string text)
    {
        var parser = new GradScript.Syntax.Generated.GradScriptParser(new Antlr4.Runtime.CommonTokenStream(
            new GradScript.Syntax.Generated.GradScriptLexer(new Antlr4.Runtime.AntlrInputStream(text)))) { BuildParseTree = false, Profile = true };
        parser.Interpreter.PredictionMode = Antlr4.Runtime.Atn.PredictionMode.SLL;
        parser.RemoveErrorListeners();
        parser.program();
        Assert.Equal(0, parser.NumberOfSyntaxErrors);
        var decisions = parser.ParseInfo.getDecisionInfo();
        return (decisions.Max(d => Math.Max(d.SLL_MaxLook, d.LL_MaxLook)), decisions.Sum(d => d.SLL_TotalLook + d.LL_TotalLook));
    }
}
