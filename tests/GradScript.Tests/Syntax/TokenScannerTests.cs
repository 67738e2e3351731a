namespace GradScript.Tests.Syntax;

using System.Text;
using Antlr4.Runtime;
using GradScript.Syntax;
using GradScript.Syntax.Generated;
using Xunit;

/// <summary>
/// The hand-written <see cref="TokenScanner"/> against ANTLR's lexer generated from the grammar,
/// the oracle: every script of the repository and random text made of the characters where token
/// rules meet (digits, dots, exponents, quotes, escapes, backslashes, operators, newlines) must
/// give the same tokens, with the same types, places, lines and columns.
/// </summary>
public class TokenScannerTests
{
    private static List<string> Scanned(string text)
    {
        var lexer = new GradScriptLexer(StringCharStream.For(text));
        var scanner = new TokenScanner(text, Tuple.Create<ITokenSource, ICharStream>(lexer, (ICharStream)lexer.InputStream));
        return Tokens(scanner.Next);
    }

    private static List<string> Lexed(string text)
    {
        var lexer = new GradScriptLexer(StringCharStream.For(text));
        lexer.RemoveErrorListeners();
        return Tokens(lexer.NextRawToken);
    }

    // Each token as one line of text, up to and with the end of input, and one more read after it.
    private static List<string> Tokens(Func<IToken> next)
    {
        var tokens = new List<string>();
        while (true)
        {
            var token = next();
            tokens.Add($"{GradScriptLexer.DefaultVocabulary.GetSymbolicName(token.Type)} {token.StartIndex}..{token.StopIndex} at {token.Line}:{token.Column} ch{token.Channel}");
            if (token.Type == TokenConstants.EOF) break;
        }
        var after = next();
        tokens.Add($"then {after.Type} {after.StartIndex} at {after.Line}:{after.Column}");
        return tokens;
    }

    private static void Same(string text)
    {
        var expected = Lexed(text);
        var actual = Scanned(text);
        Assert.True(expected.SequenceEqual(actual),
            $"text {System.Text.Json.JsonSerializer.Serialize(text)}:\nANTLR:   {string.Join(" | ", expected)}\nscanner: {string.Join(" | ", actual)}");
    }

    [Theory]
    [InlineData("")]
    [InlineData("x = 1.5e-3 + .5 - 1_000 * 2e8 // 3 ** 4")]
    [InlineData("1..3 1.e5 1e 1e+ 1_ 1__2 5.5..10 .5. ..5 x.y")]
    [InlineData("f\"a{b}\" F'c' f\"open\nname f \"a\\\"b\" 'it\\'s' \"tail\\")]
    [InlineData("a \\\n b \\ c \\  \n d # comment\r\n e\r f\u2028g\u2029")]
    [InlineData("a != b ! c <= >= < > == = += -= *= /= **= //= %= ^ @ $ é")]
    [InlineData("def no_grad_x(no_grad, definitely) { return lambda: none }")]
    public void GivesTheGeneratedLexersTokens(string text) => Same(text);

    [Fact]
    public void GivesTheGeneratedLexersTokensForEveryScriptOfTheRepository()
    {
        foreach (string file in RepositoryScripts.Files())
        {
            string text = ScriptParser.Normalize(File.ReadAllText(file));
            if (!ScriptParser.HasInvalidCharacters(text) && StringCharStream.For(text) is StringCharStream) Same(text);
        }
    }

    private const string Alphabet = "0123456789._eE+-xf\"'\\ \t\n#<=>*/!%^(){}[],:;abdnF\r\u00e9\u2028";

    [Fact]
    public void GivesTheGeneratedLexersTokensForRandomText()
    {
        var random = TestSeed.Random(nameof(GivesTheGeneratedLexersTokensForRandomText));
        var text = new StringBuilder();
        for (int n = 0; n < 20_000; n++)
        {
            text.Clear();
            int length = random.Next(0, 24);
            for (int i = 0; i < length; i++) text.Append(Alphabet[random.Next(Alphabet.Length)]);
            Same(text.ToString());
        }
    }

    [Fact]
    public void KnowsEveryTokenRuleOfTheGrammar()
    {
        // A literal token (a keyword, an operator) is read from the grammar's vocabulary; a rule with
        // a pattern must be written into the scanner, which this names when it is missing.
        var literalTypes = Enumerable.Range(1, ((Vocabulary)GradScriptLexer.DefaultVocabulary).getMaxTokenType())
            .Where(type => GradScriptLexer.DefaultVocabulary.GetLiteralName(type) is not null)
            .Select(type => GradScriptLexer.DefaultVocabulary.GetSymbolicName(type))
            .ToHashSet();
        var patternRules = GradScriptLexer.ruleNames.Where(rule => !literalTypes.Contains(rule)).ToHashSet();
        Assert.Equal(TokenScanner.PatternRules.Order(), patternRules.Order());
    }

    [Fact]
    public void RecyclesTheTokensBeforeTheOneGivenButTheOneKept()
    {
        const string text = "a = 1\nb = 2\nc = 3\n";
        var lexer = new GradScriptLexer(StringCharStream.For(text));
        var scanner = new TokenScanner(text, Tuple.Create<ITokenSource, ICharStream>(lexer, (ICharStream)lexer.InputStream), recycles: true);
        var first = Enumerable.Range(0, 8).Select(_ => scanner.Next()).ToList();  // a = 1 \n b = 2 \n
        scanner.Recycle(first[7], kept: first[0]);  // the second line's end: everything before it is free, but `a`
        var next = Enumerable.Range(0, 4).Select(_ => scanner.Next()).ToList();  // c = 3 \n
        Assert.All(next, token => Assert.Contains(token, first.Skip(1).Take(6)));
        Assert.DoesNotContain(first[0], next);
        Assert.Equal(new[] { "c", "=", "3", "\n" }, next.Select(token => token.Text));
        Assert.Equal(new[] { 3, 3, 3, 3 }, next.Select(token => token.Line));
        Assert.Equal("a", first[0].Text);
    }
}
