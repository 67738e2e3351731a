namespace GradScript.Tests.Oracles.Python;

using System.Text;
using System.Text.Json;
using GradScript.Runtime;
using Xunit.Abstractions;

/// <summary>
/// <c>str.upper()</c>, <c>str.lower()</c> and the whitespace of <c>split()</c>/<c>strip()</c>, for
/// every code point, against CPython's own answer. Python 3.11 has Unicode 14; a character assigned
/// since then may have a case in .NET's newer tables only, and is set apart (docs/differences.md).
/// </summary>
public class CaseMappingTests(ITestOutputHelper output)
{
    // One line per code point that CPython maps, or calls space, or leaves unassigned: its number,
    // upper, lower, isspace and whether Unicode 14 assigns it.
    private const string Program = """
        import json, sys, unicodedata
        rows = []
        for c in range(0x110000):
            if 0xD800 <= c <= 0xDFFF: continue
            s = chr(c)
            if s.upper() != s or s.lower() != s or s.isspace():
                rows.append([c, s.upper(), s.lower(), s.isspace(), unicodedata.category(s) != "Cn"])
        sys.stdout.write(json.dumps(rows))
        """;

    [PythonFact]
    public void EveryCodePointMapsAsCPythonMapsIt()
    {
        string json = PythonOracle.RunScript(Program);
        var rows = JsonSerializer.Deserialize<List<JsonElement[]>>(json)!;
        var mismatches = new StringBuilder();
        int count = 0, newer = 0;
        var mapped = new HashSet<int>();
        foreach (var row in rows)
        {
            int c = row[0].GetInt32();
            mapped.Add(c);
            string s = char.ConvertFromUtf32(c);
            bool same = PythonText.Upper(s) == row[1].GetString() && PythonText.Lower(s) == row[2].GetString()
                && (s.Length > 1 || PythonText.IsSpace(s[0]) == row[3].GetBoolean());
            if (same) continue;
            if (!row[4].GetBoolean()) { newer++; continue; }
            if (++count <= 20) mismatches.Append($"U+{c:X4}: upper {Escape(PythonText.Upper(s))} vs {Escape(row[1].GetString()!)}, lower {Escape(PythonText.Lower(s))} vs {Escape(row[2].GetString()!)}\n");
        }
        // And the other way: what CPython leaves alone, GradScript leaves alone, unless Unicode 14
        // had not assigned it.
        var others = new List<int>();
        for (int c = 0; c < 0x110000; c++)
        {
            if (c is >= 0xD800 and <= 0xDFFF || mapped.Contains(c)) continue;
            string s = char.ConvertFromUtf32(c);
            if (PythonText.Upper(s) != s || PythonText.Lower(s) != s || (s.Length == 1 && PythonText.IsSpace(s[0]))) others.Add(c);
        }
        var assigned = JsonSerializer.Deserialize<bool[]>(PythonOracle.RunScript(
            "import json, sys, unicodedata\n" +
            $"sys.stdout.write(json.dumps([unicodedata.category(chr(c)) != 'Cn' for c in {JsonSerializer.Serialize(others)}]))\n"))!;
        for (int i = 0; i < others.Count; i++)
        {
            if (!assigned[i]) { newer++; continue; }
            if (++count <= 20) mismatches.Append($"U+{others[i]:X4}: GradScript maps it, CPython does not\n");
        }
        output.WriteLine($"{rows.Count} code points with a case or space in CPython; {count} mismatches, {newer} set apart as assigned after Unicode 14");
        Assert.True(count == 0, $"{count} code points differ:\n{mismatches}");
    }

    private static string Escape(string s) => string.Concat(s.EnumerateRunes().Select(r => r.Value < 0x80 ? r.ToString() : $"\\u{r.Value:X4}"));
}
