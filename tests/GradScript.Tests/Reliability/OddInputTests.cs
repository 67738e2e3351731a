namespace GradScript.Tests.Reliability;

using System.Text;
using System.Text.RegularExpressions;
using GradScript.Cli;
using GradScript.Tests.Cli;

/// <summary>
/// Issue 6, item 2: text that editors, other encodings and hosts produce. Each row is a script and
/// exactly what it must give: its output, or its first error's place and message. Columns count code
/// points, so an emoji is one column. Where docs/language.md is silent the row does what Python does
/// (1e999 is inf, a NUL byte is refused anywhere), except that U+2028 and U+2029 end lines here, as
/// the grammar says, so they end a string or a comment too.
/// </summary>
public class OddInputTests
{
    private static readonly string LongName = new('n', 10_000);
    private static readonly string TenThousandDigits = "1" + new string('0', 9_999);

    /// <summary>Scripts that run, and their exact output.</summary>
    public static TheoryData<string, string, string> Runs() => new()
    {
        { "emoji in strings", "print(\"😀\", len(\"a😀b\"), \"😀\"[0] == \"😀\")", "😀 3 true\n" },
        { "NBSP in a string", "print(len(\"a\u00A0b\"))", "3\n" },
        { "a leading BOM", "\uFEFFprint(1)", "1\n" },
        { "\\r line ends", "print(1)\rprint(2)\r", "1\n2\n" },
        { "\\r\\n line ends", "print(1)\r\nprint(2)\r\n", "1\n2\n" },
        { "U+2028 line ends", "print(1)\u2028print(2)", "1\n2\n" },
        { "U+2029 ends a comment", "# note\u2029print(3)", "3\n" },
        { "a 10 000-character name", LongName + " = 41\nprint(" + LongName + " + 1)", "42\n" },
        { "a 10 000-digit float", "print(" + TenThousandDigits + ".0, -" + TenThousandDigits + ".5)", "inf -inf\n" },
        { "10 000 fraction digits", "print(0." + new string('3', 10_000) + ")", "0.3333333333333333\n" },
        { "an underflowing literal", "print(0." + new string('0', 10_000) + "1, 1e-999)", "0.0 0.0\n" },
        { "1e999", "print(1e999, -1e999, 1e999 - 1e999, 1e999 == inf)", "inf -inf nan true\n" },
        { "a 10 000-digit exponent", "print(1e" + new string('9', 10_000) + ", 1e-" + new string('9', 10_000) + ")", "inf 0.0\n" },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public void OddButValidInputRunsAsPythonWould(string what, string source, string output)
    {
        var printed = new StringWriter { NewLine = "\n" };
        new Engine(new EngineOptions { Output = printed }).Run(source, "odd.grad");
        Assert.True(output == printed.ToString(), $"{what}: printed {printed}");
    }

    /// <summary>Scripts that fail, with the place and message of their first error.</summary>
    public static TheoryData<string, string, int, int, string> Errors() => new()
    {
        { "an emoji as a name", "😀 = 1", 1, 1, "unexpected character '😀' (U+1F600)" },
        { "an error after an emoji", "s = \"😀😀\"; z = )", 1, 15, "unexpected ')', expected an expression" },
        { "a runtime error after an emoji", "s = \"😀\" + 1", 1, 9, "unsupported operand types for +: string and int" },
        { "a lone high surrogate in code", "x = 1 <U+D800>", 1, 7, "invalid text: U+D800 is half of a surrogate pair, not a character" },
        { "a lone low surrogate in a string", "x = 1\ns = \"😀<U+DC00>\"", 2, 7, "invalid text: U+DC00 is half of a surrogate pair, not a character" },
        { "a lone surrogate in a comment", "# <U+DBFF>\nprint(1)", 1, 3, "invalid text: U+DBFF is half of a surrogate pair, not a character" },
        { "a reversed pair", "s = \"<U+DC00><U+D800>\"", 1, 6, "invalid text: U+DC00 is half of a surrogate pair, not a character" },
        { "NUL in code", "x = 1\0", 1, 6, "a NUL character (U+0000) cannot appear in a script; in a string, write \\0" },
        { "NUL in a string", "x = 1\r\ns = \"a\0b\"", 2, 7, "a NUL character (U+0000) cannot appear in a script; in a string, write \\0" },
        { "NUL in a comment", "# a\0b\nprint(2)", 1, 4, "a NUL character (U+0000) cannot appear in a script; in a string, write \\0" },
        { "NBSP in code", "x =\u00A01", 1, 4, "unexpected character U+00A0" },
        { "a BOM after the start", "x = 1\n\uFEFFy = 2", 2, 1, "unexpected character U+FEFF" },
        { "an error after a leading BOM", "\uFEFFx = )", 1, 5, "unexpected ')', expected an expression" },
        { "\\r", "x = 1\ry = )", 2, 5, "unexpected ')', expected an expression" },
        { "\\r\\n", "x = 1\r\ny = )", 2, 5, "unexpected ')', expected an expression" },
        { "U+2028", "x = 1\u2028y = )", 2, 5, "unexpected ')', expected an expression" },
        { "a runtime error after \\r", "x = 1\ry = 1 // 0", 2, 7, "division by zero" },
        { "a runtime error after \\r\\n", "x = 1\r\n\r\ny = 1 // 0", 3, 7, "division by zero" },
        { "a runtime error after U+2029", "x = 1\u2029y = 1 // 0", 2, 7, "division by zero" },
        { "\\r inside a string", "s = \"a\rb\"", 1, 5, "unterminated string: the line ends before its closing quote" },
        { "U+2028 inside a string", "s = 'a\u2028b'", 1, 5, "unterminated string: the line ends before its closing quote" },
        { "an error after a long name", LongName + " = )", 1, 10_004, "unexpected ')', expected an expression" },
        { "a long undefined name", "print(" + LongName + ")", 1, 7, $"name '{LongName}' is not defined" },
        { "a 10 000-digit int", "x = " + TenThousandDigits, 1, 5, "integer literal too large for 64 bits" },
        { "a 10 000-digit int with _", "x = 1_" + TenThousandDigits, 1, 5, "integer literal too large for 64 bits" },
        { "int(1e999)", "x = int(1e999)", 1, 5, "int(): cannot convert inf to an integer" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void OddInputFailsCleanlyAtTheRightPlace(string what, string source, int line, int column, string message)
    {
        source = WithSurrogates(source);
        var error = Assert.ThrowsAny<ScriptException>(() => new Engine(new EngineOptions { Output = TextWriter.Null }).Run(source, "odd.grad"));
        Assert.True((line, column, message) == (error.Line, error.Column, error.Message),
            $"{what}: {error.Line}:{error.Column}: {(error.Message.Length > 200 ? error.Message[..200] + "…" : error.Message)}");
    }

    // xunit passes theory data through UTF-8, which turns an unpaired surrogate into U+FFFD; the rows
    // write one as <U+D800>.
    private static string WithSurrogates(string source) =>
        Regex.Replace(source, "<U\\+(D[89A-F][0-9A-F]{2})>", m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString());

    [Fact]
    public void EveryNulAndUnpairedSurrogateIsReportedAndNothingIsParsed()
    {
        var error = Assert.Throws<ScriptSyntaxException>(() => new Engine().Compile("x = \0\ny = \uD800 + )\n# \0"));
        Assert.Equal([(1, 5), (2, 5), (3, 3)], error.Errors.Select(e => (e.Line, e.Column)));
    }

    /// <summary>Files in bytes that are not UTF-8, through the CLI's loader: the first bad byte's place, exit 65.</summary>
    public static TheoryData<string, byte[], int, int> BadFiles() => new()
    {
        { "a Latin-1 byte", [.. "x = 'caf"u8, 0xE9, .. "'\n"u8], 1, 9 },
        { "after an emoji", [.. "s = '😀'; t = '"u8, 0xFF, .. "'\n"u8], 1, 15 },
        { "on the third line", [.. "a = 1\r\nb = 2\n c = "u8, 0xC0, 0xAF], 3, 6 },
        { "an overlong encoding", [.. "x = '"u8, 0xC0, 0xAF, .. "'"u8], 1, 6 },
        { "an encoded surrogate", [.. "x = '"u8, 0xED, 0xA0, 0x80, .. "'"u8], 1, 6 },
        { "a sequence cut by the end", [.. "x = '"u8, 0xE2, 0x82], 1, 6 },
        { "a continuation byte alone", [0x80, .. "x = 1"u8], 1, 1 },
        { "after a BOM", [0xEF, 0xBB, 0xBF, .. "x = "u8, 0xFE], 1, 5 },
        { "after a U+2028 line end", [.. "x = 1"u8, 0xE2, 0x80, 0xA8, .. "y = "u8, 0xFF], 2, 5 },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void InvalidUtf8InAFileIsASyntaxErrorAtTheFirstBadByte(string what, byte[] bytes, int line, int column)
    {
        using var dir = new TempDirectory();
        string script = dir.WriteBytes("bad.grad", bytes);
        var outcome = CliRun.Run(script);
        Assert.True(ExitCodes.SyntaxError == outcome.ExitCode, $"{what}: exit {outcome.ExitCode}, {outcome.Stderr}");
        Assert.Equal($"{script}:{line}:{column}: error: file is not valid UTF-8", outcome.StderrLines[0]);
        Assert.Equal(new string(' ', column + 3) + "^", outcome.StderrLines[2]);
    }

    [Fact]
    public void InvalidUtf8OnStandardInputIsPlacedToo()
    {
        var stdin = new StreamReader(new MemoryStream([.. "print(1)\nx = "u8, 0xFF]));
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        Assert.Equal(ExitCodes.SyntaxError, GradScript.Cli.Cli.Run(["-"], stdin, stdout, stderr));
        Assert.StartsWith("<stdin>:2:5: error: input is not valid UTF-8\n", stderr.ToString());
        Assert.Equal("", stdout.ToString());
    }

    [Fact]
    public void ValidUtf8FilesWithOddTextRun()
    {
        using var dir = new TempDirectory();
        string script = dir.WriteBytes("odd.grad", Encoding.UTF8.GetBytes("\uFEFFs = '😀\u00A0'\r\nprint(len(s))\rprint(s)\u2028print(1e999)"));
        var outcome = CliRun.Run(script);
        Assert.Equal((0, "2\n😀\u00A0\ninf\n", ""), (outcome.ExitCode, outcome.Stdout, outcome.Stderr));
    }
}
