namespace GradScript.Tests.Properties;

using GradScript.Ast;
using GradScript.Diagnostics;
using GradScript.Syntax;
using Xunit.Abstractions;

/// <summary>
/// The AST printer on the cases where a printer goes wrong (precedence, associativity, literals,
/// quotes inside f-strings), with its exact output; and the span-blind equality the round-trip
/// property relies on, which must see every difference but the places.
/// </summary>
public class AstPrinterTests(ITestOutputHelper output)
{
    private static ScriptNode Parse(string text) => ScriptParser.Parse(new SourceText("t.grad", text));

    private static string PrintExpression(string text) => AstPrinter.Print(((ExprStmt)Parse(text).Body.Single()).Expression);

    [Theory]
    [InlineData("-2^2", "-2 ^ 2")]
    [InlineData("(-2)^2", "(-2) ^ 2")]
    [InlineData("2^3^2", "2 ^ 3 ^ 2")]
    [InlineData("(2^3)^2", "(2 ^ 3) ^ 2")]
    [InlineData("2^-1", "2 ^ -1")]
    [InlineData("a-(b-c)", "a - (b - c)")]
    [InlineData("(a-b)-c", "a - b - c")]
    [InlineData("a/(b*c)", "a / (b * c)")]
    [InlineData("-(a+b)", "-(a + b)")]
    [InlineData("- -a", "--a")]
    [InlineData("not a == b", "not a == b")]
    [InlineData("(not a) == b", "(not a) == b")]
    [InlineData("(a < b) == c", "(a < b) == c")]
    [InlineData("(0..2)..3", "(0..2)..3")]
    [InlineData("0..n+1", "0..n + 1")]
    [InlineData("a or b and c", "a or b and c")]
    [InlineData("(a or b) and c", "(a or b) and c")]
    [InlineData("a and (b and c)", "a and (b and c)")]
    [InlineData("not not a", "not not a")]
    [InlineData("f(x)(y)[0]", "f(x)(y)[0]")]
    [InlineData("(a+b)[0]", "(a + b)[0]")]
    [InlineData("f(1, k=2, j=a or b)", "f(1, k=2, j=a or b)")]
    [InlineData("f(k=[1,2,],)", "f(k=[1, 2])")]
    [InlineData("nn.forward(m, x)[0]", "nn.forward(m, x)[0]")]
    [InlineData("(a + b).c", "(a + b).c")]
    [InlineData("-m.x ^ 2", "-m.x ^ 2")]
    public void OperatorsGetTheBracketsTheyNeedAndNoMore(string source, string printed)
    {
        Assert.Equal(printed, PrintExpression(source));
        AstRoundTrip.AssertRoundTrip(Parse(source));
    }

    [Theory]
    [InlineData(".5", "0.5")]
    [InlineData("1.0", "1.0")]
    [InlineData("1e16", "1e+16")]
    [InlineData("1e-5", "1e-05")]
    [InlineData("1_000.000_1", "1000.0001")]
    [InlineData("1e999", "1e999")]
    [InlineData("5e-324", "5e-324")]
    [InlineData("007", "7")]
    [InlineData("9223372036854775807", "9223372036854775807")]
    [InlineData("\"a\\\"b'c\\\\\\t\\0\\u{7}\\u{2028}😀\"", "\"a\\\"b'c\\\\\\t\\0\\u{7}\\u{2028}😀\"")]
    [InlineData("'it\\'s'", "\"it's\"")]
    [InlineData("none", "none")]
    public void LiteralsPrintAsTextThatReadsBackTheSame(string source, string printed)
    {
        Assert.Equal(printed, PrintExpression(source));
        AstRoundTrip.AssertRoundTrip(Parse(source));
    }

    [Theory]
    [InlineData("f'{x:>5} {{lit}} }}'", "f\"{x:>5} {{lit}} }}\"")]
    [InlineData("f\"{'ab'} {'c'}\"", "f\"{'ab'} {'c'}\"")]
    [InlineData("f\"{ {'a': 1}['a'] } {d['k']!r:>5} {x=}\"", "f\"{ {'a': 1}['a']} {d['k']!r:>5} x={x!r}\"")]
    [InlineData("f\"{f'{x:.1f}!'}\"", "f\"{f'{x:.1f}!'}\"")]
    [InlineData("f\"tab\\t{1 + 2}\"", "f\"tab\\t{1 + 2}\"")]
    [InlineData("f\"\\u{7}\\u{1F600}{x}\"", "f\"\\u{7}😀{x}\"")]
    // No backslash may stand inside a field: a control character the parser took there as it was
    // (a property seed found a backspace) is written back as it was, not escaped.
    [InlineData("f\"{'k\u0008'}\"", "f\"{'k\u0008'}\"")]
    [InlineData("f\"{'a\tb'} {f'{1}\u0001'}\"", "f\"{'a\tb'} {f'{1}\u0001'}\"")]
    public void FStringsKeepTheirQuotesApart(string source, string printed)
    {
        Assert.Equal(printed, PrintExpression(source));
        AstRoundTrip.AssertRoundTrip(Parse(source));
    }

    [Fact]
    public void StatementsPrintOnePerLineWithBracedBlocks()
    {
        const string source = """
            def f(a, b=1) { global g; if a { return } else if b { g = a } else { return a }; }
            for i, x in zip(xs, ys) < no_grad { w -= 0.1*grad(w) }; xs[i] += x >
            while true { break }; a, b = 1, 2; continue
            import "lib/nn.grad"; import 'nn' as net
            """;
        const string printed = """
            def f(a, b=1) {
                global g
                if a {
                    return
                } else if b {
                    g = a
                } else {
                    return a
                }
            }
            for i, x in zip(xs, ys) {
                no_grad {
                    w -= 0.1 * grad(w)
                }
                xs[i] += x
            }
            while true {
                break
            }
            a, b = [1, 2]
            continue
            import "lib/nn.grad" as nn
            import "nn" as net

            """;
        var script = Parse(source);
        Assert.Equal(printed.ReplaceLineEndings("\n"), AstPrinter.Print(script));
        AstRoundTrip.AssertRoundTrip(script);
    }

    [Fact]
    public void AnyStringReadsBackAsItself()
    {
        var seen = new OutcomeTally();
        int cases = PropertyRun.Check(output, $"{nameof(AstPrinterTests)}.{nameof(AnyStringReadsBackAsItself)}", 3000,
            ScalarGenerators.AnyString, value =>
            {
                string printed = AstPrinter.Print(new Literal(value, default));
                if (HasLoneSurrogate(value))
                {
                    // Half of a surrogate pair is no text: the printer passes it on, the parser refuses it.
                    var error = Assert.Throws<ScriptSyntaxException>(() => Parse(printed));
                    Assert.Contains("half of a surrogate pair", error.Errors[0].Message);
                    seen.Add("a lone surrogate");
                    return;
                }
                Assert.Equal(value, ((Literal)((ExprStmt)Parse(printed).Body.Single()).Expression).Value);
                if (value.Any(c => c > 127)) seen.Add("non-ASCII");
                if (value.Any(char.IsSurrogate)) seen.Add("astral");
                if (value.Any(c => char.IsControl(c) || c is '\\' or '"')) seen.Add("escaped");
            });
        seen.Report(output);
        seen.AssertAtLeast(cases, "a lone surrogate", 0.05);
        seen.AssertAtLeast(cases, "non-ASCII", 0.4);
        seen.AssertAtLeast(cases, "astral", 0.3);
        seen.AssertAtLeast(cases, "escaped", 0.3);
    }

    [Fact]
    public void AnyFloatReadsBackToTheSameBits()
    {
        var seen = new OutcomeTally();
        int cases = PropertyRun.Check(output, $"{nameof(AstPrinterTests)}.{nameof(AnyFloatReadsBackToTheSameBits)}", 3000,
            ScalarGenerators.AnyDouble, value =>
            {
                string printed = AstPrinter.Print(new Literal(value, default));
                // A negative number prints as a minus before its magnitude: a negation of a literal.
                double parsed = ((ExprStmt)Parse(printed).Body.Single()).Expression switch
                {
                    Literal { Value: double d } => d,
                    Unary { Op: UnaryOp.Negate, Operand: Literal { Value: double d } } => -d,
                    var other => throw new Xunit.Sdk.XunitException($"{value:R} printed as {printed}, which reads back as {other}"),
                };
                Assert.True(BitConverter.DoubleToInt64Bits(value) == BitConverter.DoubleToInt64Bits(parsed),
                    $"{value:R} printed as {printed}, which reads back as {parsed:R}");
                if (double.IsNegative(value)) seen.Add("negative");
                if (double.IsSubnormal(value)) seen.Add("subnormal");
                if (printed.Contains('e')) seen.Add("exponent");
                if (double.IsFinite(value) && !printed.Contains('e') && Math.Abs(value) >= 1e15) seen.Add("fixed above 1e15");
                if (value != 0 && !printed.Contains('e') && Math.Abs(value) < 1e-3) seen.Add("fixed below 1e-3");
            });
        seen.Report(output);
        seen.AssertAtLeast(cases, "negative", 0.4);
        seen.AssertAtLeast(cases, "subnormal", 0.1);
        seen.AssertAtLeast(cases, "exponent", 0.4);
        seen.AssertAtLeast(cases, "fixed above 1e15", 0.01);
        seen.AssertAtLeast(cases, "fixed below 1e-3", 0.01);
    }

    [Fact]
    public void EqualityIgnoresPlacesAndBracketsButNothingElse()
    {
        Assert.Null(AstEquality.Difference(Parse("x = (1 + f(a))\n"), Parse("\n\n  x   =   1+f( a )")));
        Assert.Contains("Op", AstEquality.Difference(Parse("1 + 2"), Parse("1 - 2")));
        Assert.Contains("Int64", AstEquality.Difference(Parse("1"), Parse("1.0")));
        Assert.Contains("Identifier", AstEquality.Difference(Parse("f(a)"), Parse("f(b)")));
        Assert.Contains("Keywords", AstEquality.Difference(Parse("f(a, k=1)"), Parse("f(a)")));
        Assert.Contains("FormatSpec", AstEquality.Difference(Parse("f\"{x:>3}\""), Parse("f\"{x:>4}\"")));
        Assert.Contains("Else", AstEquality.Difference(Parse("if a { }"), Parse("if a { } else { }")));
    }

    private static bool HasLoneSurrogate(string s)
    {
        for (int i = 0; i < s.Length; i++)
        {
            if (char.IsSurrogatePair(s, i)) i++;
            else if (char.IsSurrogate(s[i])) return true;
        }
        return false;
    }
}
