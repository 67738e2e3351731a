namespace GradScript.Cli;

using System.Text.RegularExpressions;

/// <summary>
/// What one golden test (docs/cli.md) expects, read from its script: <c>NAME.grad</c> must exit
/// 0 and print exactly <c>NAME.out</c>, unless a comment line says it fails:
/// <code>
/// # expect error: unexpected ')'           exit 65, stderr contains the part
/// # expect runtime error: division by zero  exit 70, stderr contains the part
/// </code>
/// Several such lines of one kind must all be found in stderr (a file with several syntax errors).
/// Only whole comment lines count, so a string that contains the words is never an expectation.
/// </summary>
internal sealed partial record GoldenTest(string GradPath, GoldenTest.Outcome Expected, IReadOnlyList<string> StderrParts)
{
    /// <summary>How a test's script is expected to end.</summary>
    public enum Outcome
    {
        /// <summary>It runs to its end: exit 0.</summary>
        Success,

        /// <summary>It does not compile: exit 65.</summary>
        SyntaxError,

        /// <summary>It stops with a runtime error: exit 70.</summary>
        RuntimeError,
    }

    /// <summary>The file holding the exact expected standard output: NAME.out beside NAME.grad.</summary>
    public string OutPath => Path.ChangeExtension(GradPath, ".out");

    /// <summary>The exit status the expected outcome has.</summary>
    public int ExpectedExitCode => ExitCodeOf(Expected);

    /// <summary>The exit status of an outcome.</summary>
    public static int ExitCodeOf(Outcome outcome) => outcome switch
    {
        Outcome.Success => ExitCodes.Success,
        Outcome.SyntaxError => ExitCodes.SyntaxError,
        _ => ExitCodes.RuntimeError,
    };

    /// <summary>Reads a test's expectations from its script's text.</summary>
    /// <exception cref="FormatException">The script expects both a syntax and a runtime error.</exception>
    public static GoldenTest Parse(string gradPath, string text)
    {
        var expected = Outcome.Success;
        var parts = new List<string>();
        foreach (Match match in ExpectationLine().Matches(text))
        {
            var outcome = match.Groups["runtime"].Success ? Outcome.RuntimeError : Outcome.SyntaxError;
            if (expected != Outcome.Success && expected != outcome)
                throw new FormatException("the script expects both a syntax error and a runtime error; it can end with only one");
            expected = outcome;
            if (match.Groups["part"].Value.Trim() is { Length: > 0 } part) parts.Add(part);
        }
        return new GoldenTest(gradPath, expected, parts);
    }

    /// <summary>A describing word for an exit status, for failure messages.</summary>
    public static string Describe(int exitCode) => exitCode switch
    {
        ExitCodes.Success => "success",
        ExitCodes.SyntaxError => "syntax error",
        ExitCodes.RuntimeError => "runtime error",
        ExitCodes.NoInput => "cannot open",
        ExitCodes.Interrupted => "interrupted",
        _ => "unexpected",
    };

    [GeneratedRegex(@"^[ \t]*#[ \t]*expect[ \t]+(?<runtime>runtime[ \t]+)?error:(?<part>[^\r\n]*)", RegexOptions.Multiline)]
    private static partial Regex ExpectationLine();
}
