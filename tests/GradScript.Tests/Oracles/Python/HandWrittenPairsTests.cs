namespace GradScript.Tests.Oracles.Python;

using System.Text;
using Xunit.Abstractions;

/// <summary>
/// The hand-written pairs of <c>pairs.txt</c>: a GradScript expression and the Python expression that
/// must print the same (each in a program of its own, so that an error stops only its pair). Edge cases
/// a generator meets rarely: the 64-bit limits, signed zeros, repr's switch to exponents, every
/// format-spec feature, rounding halves, code-point order.
/// </summary>
public class HandWrittenPairsTests(ITestOutputHelper output)
{
    private static string PairsPath => Path.Combine(AppContext.BaseDirectory, "Oracles", "Python", "pairs.txt");

    [PythonFact]
    public void EveryPairPrintsWhatCPythonPrints()
    {
        var pairs = Pairs().ToList();
        Assert.True(pairs.Count >= 500, $"only {pairs.Count} pairs were read from {PairsPath}");
        var expected = PythonOracle.Run(pairs.Select(p => $"print(_i({p.Python}))\n").ToList());
        var mismatches = new StringBuilder();
        int count = 0;
        for (int i = 0; i < pairs.Count; i++)
        {
            string actual = GradScriptSide.Run($"print({pairs[i].GradScript})\n");
            if (actual == expected[i]) continue;
            count++;
            mismatches.Append($"line {pairs[i].Line}: {pairs[i].GradScript}  =>  {pairs[i].Python}\n  GradScript: {actual}  CPython:    {expected[i]}");
        }
        int differences = pairs.Count(p => p.Deliberate);
        output.WriteLine($"{pairs.Count} pairs ({differences} written with a deliberate difference), {count} mismatches");
        Assert.True(count == 0, $"{count} of {pairs.Count} pairs disagree:\n{mismatches}");
    }

    [Fact]
    public void TranslationLeavesStringsAlone()
    {
        Assert.Equal("2 ** 3 ** -1", Translate("2 ^ 3 ^ -1"));
        Assert.Equal("[True, False, None, \"true ^ none\", 'false']", Translate("[true, false, none, \"true ^ none\", 'false']"));
        Assert.Equal("x_true + truex", Translate("x_true + truex"));
        Assert.Equal("\"a\\\"^\" + \"b\"", Translate("\"a\\\"^\" + \"b\""));
    }

    private sealed record Pair(int Line, string GradScript, string Python, bool Deliberate);

    // A line is `GRADSCRIPT => PYTHON  # comment`, or one expression spelled GradScript's way.
    private static IEnumerable<Pair> Pairs()
    {
        var lines = File.ReadAllLines(PairsPath);
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            int arrow = line.IndexOf(" => ", StringComparison.Ordinal);
            if (arrow < 0)
            {
                yield return new Pair(i + 1, line, Translate(line), false);
                continue;
            }
            string python = line[(arrow + 4)..];
            int comment = python.IndexOf("  # ", StringComparison.Ordinal);
            bool deliberate = comment >= 0 && python[comment..].Contains("difference", StringComparison.Ordinal);
            yield return new Pair(i + 1, line[..arrow].Trim(), (comment >= 0 ? python[..comment] : python).Trim(), deliberate);
        }
    }

    /// <summary>GradScript's spelling to Python's, outside string literals: ^ to **, true/false/none to True/False/None.</summary>
    private static string Translate(string gradScript)
    {
        var text = new StringBuilder();
        for (int i = 0; i < gradScript.Length; i++)
        {
            char c = gradScript[i];
            if (c is '"' or '\'')
            {
                int end = i + 1;
                while (end < gradScript.Length && gradScript[end] != c) end += gradScript[end] == '\\' ? 2 : 1;
                text.Append(gradScript, i, Math.Min(end + 1, gradScript.Length) - i);
                i = end;
                continue;
            }
            if (c == '^') { text.Append("**"); continue; }
            if (char.IsLetter(c) && (i == 0 || !(char.IsLetterOrDigit(gradScript[i - 1]) || gradScript[i - 1] == '_')))
            {
                int end = i;
                while (end < gradScript.Length && (char.IsLetterOrDigit(gradScript[end]) || gradScript[end] == '_')) end++;
                string word = gradScript[i..end];
                text.Append(word switch { "true" => "True", "false" => "False", "none" => "None", _ => word });
                i = end - 1;
                continue;
            }
            text.Append(c);
        }
        return text.ToString();
    }
}
