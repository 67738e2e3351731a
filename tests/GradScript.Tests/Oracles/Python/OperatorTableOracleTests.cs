namespace GradScript.Tests.Oracles.Python;

using System.Text;
using GradScript.Ast;

/// <summary>
/// Every row of the operator table against CPython, spelled as the row says Python spells it:
/// each operator over ints, floats, bools and mixes, and each compound assignment on a number, a
/// leaf parameter and a list another name also holds (so an in-place update shows). A new row is
/// checked here without a line of this test changing.
/// </summary>
public class OperatorTableOracleTests
{
    // Neither zero (float division by zero is IEEE here) nor bools (a type of their own here): both
    // are documented differences, which the oracle's prelude and pairs cover.
    private static readonly string[] Numbers = ["7", "-3", "2.5", "-0.5", "2"];

    [PythonFact]
    public void EveryOperatorComputesWhatCPythonComputes()
    {
        var pairs = new List<(string GradScript, string Python)>();
        foreach (var op in OperatorTable.BinaryOperators)
        {
            foreach (string a in Numbers)
            {
                foreach (string b in Numbers)
                {
                    // A negative base to a fractional power is complex in Python and nan here.
                    if (op.Op == BinaryOp.Power && a.StartsWith('-') && b.Contains('.')) continue;
                    string right = op.Kind == OperatorKind.Membership ? $"[{b}, 1]" : b;
                    foreach (string symbol in op.Spellings.DefaultIfEmpty(op.Symbol))
                        pairs.Add(($"print(({a}) {symbol} ({right}))\n", $"print(({Py(a)}) {op.Python} ({Py(right)}))\n"));
                }
            }
            if (op.Kind == OperatorKind.Arithmetic)
            {
                pairs.Add(($"print(\"ab\" {op.Symbol} 3)\n", $"print('ab' {op.Python} 3)\n"));
                pairs.Add(($"print([1, 2] {op.Symbol} [3])\n", $"print([1, 2] {op.Python} [3])\n"));
            }
        }
        Compare(pairs);
    }

    [PythonFact]
    public void EveryCompoundAssignmentDoesWhatCPythonDoes()
    {
        var pairs = new List<(string GradScript, string Python)>();
        foreach (var op in OperatorTable.BinaryOperators.Where(o => o.Compound is not null))
        {
            string python = op.Python + "=";
            foreach (string a in Numbers)
            {
                foreach (string b in Numbers)
                {
                    if (op.Op == BinaryOp.Power && a.StartsWith('-') && b.Contains('.')) continue;
                    pairs.Add(($"x = {a}\nx {op.Compound} {b}\nprint(x)\n", $"x = {Py(a)}\nx {python} {Py(b)}\nprint(x)\n"));
                    // A leaf is updated in place, in float64: both names see the new value.
                    pairs.Add(($"w = param({a}, dtype=\"float64\")\nv = w\nw {op.Compound} {b}\nprint(v)\n",
                        $"w = float({Py(a)})\nw {python} {Py(b)}\nprint(w)\n"));
                }
            }
            foreach (string operand in new[] { "[3]", "2", "true", "\"c\"" })
            {
                pairs.Add(($"xs = [1, 2]\nys = xs\nxs {op.Compound} {operand}\nprint(ys, xs)\n",
                    $"xs = [1, 2]\nys = xs\nxs {python} {Py(operand)}\nprint(ys, xs)\n"));
            }
        }
        Compare(pairs);
    }

    private static string Py(string gradScript) => gradScript.Replace("true", "True", StringComparison.Ordinal);

    private static void Compare(List<(string GradScript, string Python)> pairs)
    {
        var expected = PythonOracle.Run(pairs.Select(p => p.Python).ToList());
        var mismatches = new StringBuilder();
        for (int i = 0; i < pairs.Count; i++)
        {
            string actual = GradScriptSide.Run(pairs[i].GradScript);
            if (actual != expected[i]) mismatches.Append($"{pairs[i].GradScript.Replace('\n', ';')}\n  GradScript: {actual}  CPython:    {expected[i]}\n");
        }
        Assert.True(mismatches.Length == 0, mismatches.ToString());
    }
}
