namespace GradScript.Benchmarks;

using System.Globalization;
using System.Text;
using BenchmarkDotNet.Reports;

/// <summary>
/// The closing table: each measure, GradScript's figure beside its C# floor, the ratio, the target
/// (issue 17's where it set one, issue 5's otherwise) and whether it is met. Figures are BenchmarkDotNet medians; derived figures
/// (W2 per step, bytes per operation) are differences of two medians, as the benchmark classes say.
/// </summary>
public sealed class ResultsTable
{
    private readonly Dictionary<string, BenchmarkReport> _reports = new();
    private readonly List<string[]> _rows = new();
    private readonly List<string> _breakdown = new();

    /// <summary>Collects the reports of every summary, by <c>Class.Method</c>.</summary>
    public ResultsTable(IEnumerable<Summary> summaries, ColdStart.Result? coldStart)
    {
        foreach (var report in summaries.SelectMany(s => s.Reports))
        {
            var descriptor = report.BenchmarkCase.Descriptor;
            _reports[$"{descriptor.Type.Name}.{descriptor.WorkloadMethod.Name}"] = report;
        }
        Build(coldStart);
    }

    private void Build(ColdStart.Result? coldStart)
    {
        if (Ns(nameof(W1Benchmarks), nameof(W1Benchmarks.GradScript)) is { } w1 && Ns(nameof(W1Benchmarks), nameof(W1Benchmarks.CSharpFloor)) is { } w1Floor)
        {
            Ratio("W1: ns per training step", $"{w1:N1} ns", $"{w1Floor:N2} ns", w1 / w1Floor, 15);
            if (Ns(nameof(W1Benchmarks), nameof(W1Benchmarks.GradScriptForward)) is { } forward)
                _breakdown.Add($"W1 step {w1:N0} ns = loop and 4 recorded operations {forward:N0} ns ({forward / w1:P0}) + backward and update {w1 - forward:N0} ns");
        }

        if (Ns(nameof(W2Benchmarks), nameof(W2Benchmarks.GradScriptSteps)) is { } w2Run
            && Ns(nameof(W2Benchmarks), nameof(W2Benchmarks.GradScriptSetup)) is { } w2Setup
            && Ns(nameof(W2Benchmarks), nameof(W2Benchmarks.CSharpFloor)) is { } w2Floor)
        {
            double w2 = (w2Run - w2Setup) / W2Benchmarks.Steps;
            Ratio("W2: ms per training step", $"{w2 / 1e6:N3} ms", $"{w2Floor / 1e6:N4} ms", w2 / w2Floor, 40);
            if (Ns(nameof(W2Benchmarks), nameof(W2Benchmarks.GradScriptForward)) is { } w2Forward
                && Ns(nameof(W2Benchmarks), nameof(W2Benchmarks.GradScriptBackward)) is { } w2Backward)
            {
                _breakdown.Add($"W2 step {w2 / 1e6:N2} ms = forward (recording ~65k nodes) {w2Forward / 1e6:N2} ms ({w2Forward / w2:P0})"
                    + $" + backward {w2Backward / 1e6:N2} ms ({w2Backward / w2:P0}) + the rest {(w2 - w2Forward - w2Backward) / 1e6:N2} ms (the update loop itself is ~0.01 ms: GC and cache effects of a fresh graph per step);"
                    + $" the script's set-up (data, 337 params) {w2Setup / 1e6:N2} ms once");
            }
        }

        if (Ns(nameof(BackwardBenchmarks), nameof(BackwardBenchmarks.GradScript)) is { } backward)
        {
            double? floor = Ns(nameof(BackwardBenchmarks), nameof(BackwardBenchmarks.CSharpFloor));
            Add("backward, 1,000,000-node chain", $"{backward / 1e9:N3} s", floor is { } f ? $"{f / 1e6:N2} ms" : "—",
                floor is { } f2 ? Times(backward / f2) : "—", "≤ 2× flat tape", floor is { } f4 && backward <= 2 * f4);
            _breakdown.Add($"backward: {backward / BackwardBenchmarks.Nodes:N1} ns per node" + (floor is { } f3 ? $" (flat tape: {f3 / BackwardBenchmarks.Nodes:N1} ns)" : ""));
        }

        if (Ns(nameof(ParseBenchmarks), nameof(ParseBenchmarks.Compile)) is { } parse)
        {
            double linesPerSecond = ParseBenchmarks.Lines / (parse / 1e9);
            Add("parse + resolve + compile, 10,000 lines", $"{linesPerSecond:N0} lines/s ({parse / 1e6:N1} ms)", "—", "—",
                "≥ 300,000 lines/s", linesPerSecond >= 300_000);
        }

        if (Ns(nameof(ChainBenchmarks), nameof(ChainBenchmarks.ShortChain)) is { } shortChain
            && Ns(nameof(ChainBenchmarks), nameof(ChainBenchmarks.LongChain)) is { } longChain)
        {
            double ratio = longChain / shortChain;
            Add("chain in a call argument, `print(1 + … + 1)`: 10^5 and 10^6 terms", $"{shortChain / 1e6:N0} ms, {longChain / 1e6:N0} ms",
                "—", Times(ratio), "≤ 15× (linear)", ratio <= 15);
        }

        if (Ns(nameof(EditorBenchmarks), nameof(EditorBenchmarks.Change)) is { } change)
            Add("editor: diagnostics after a change to a 10,000-line script (language server)", $"{change / 1e6:N1} ms", "—", "—", "≤ 50 ms", change <= 50e6);

        if (Ns(nameof(EditorBenchmarks), nameof(EditorBenchmarks.Break)) is { } broken)
            Add("editor: diagnostics after a change that breaks a statement (language server)", $"{broken / 1e6:N1} ms", "—", "—", "≤ 50 ms", broken <= 50e6);

        if (Ns(nameof(EditorBenchmarks), nameof(EditorBenchmarks.Colours)) is { } colours)
            _breakdown.Add($"colours (semantic tokens) after a change to the 10,000-line script, diagnostics included: {colours / 1e6:N1} ms");

        if (Ns(nameof(EditorBenchmarks), nameof(EditorBenchmarks.Analyze)) is { } analyze)
            _breakdown.Add($"a whole analysis of the 10,000-line script (what hover, completion and rename read): {analyze / 1e6:N1} ms");

        if (Ns(nameof(EditorBenchmarks), nameof(EditorBenchmarks.Format)) is { } format)
            _breakdown.Add($"gradscript fmt of the 10,000-line script: {format / 1e6:N1} ms (two parses, one layout)");

        if (Ns(nameof(HostCallBenchmarks), nameof(HostCallBenchmarks.GradScript)) is { } call)
        {
            double? floor = Ns(nameof(HostCallBenchmarks), nameof(HostCallBenchmarks.CSharpFloor));
            Add("host call with gradient, 10 operations (spans)", $"{call:N1} ns ({Bytes(nameof(HostCallBenchmarks), nameof(HostCallBenchmarks.GradScript))} B)",
                floor is { } f ? $"{f:N1} ns" : "—", floor is { } f2 ? Times(call / f2) : "—", "≤ 3× floor", floor is { } f3 && call <= 3 * f3);
            if (Ns(nameof(HostCallBenchmarks), nameof(HostCallBenchmarks.GradScriptArrays)) is { } arrays)
                _breakdown.Add($"host call with gradient through the array overload: {arrays:N1} ns"
                    + (floor is { } f4 ? $" ({Times(arrays / f4)} the floor)" : "")
                    + $", {Bytes(nameof(HostCallBenchmarks), nameof(HostCallBenchmarks.GradScriptArrays))} B per call");
        }

        if (coldStart is not null)
        {
            double ratio = coldStart.GradScriptMs / coldStart.EmptyAppMs;
            Add($"cold start, `gradscript -e \"print(1)\"` (median of {coldStart.Runs})", $"{coldStart.GradScriptMs:N0} ms",
                $"{coldStart.EmptyAppMs:N0} ms (empty app)", Times(ratio), "≤ 2× empty app", ratio <= 2);
        }

        var plain = PerOp(nameof(AllocationBenchmarks.PlainOps), nameof(AllocationBenchmarks.PlainLoop));
        if (plain is { } p)
            Add("bytes per plain arithmetic operation", $"{p.Bytes:0.##} B ({p.Ns:N1} ns)", "0 B", "—", "0 B", p.Bytes <= 0);

        var tracked = PerOp(nameof(AllocationBenchmarks.TrackedOps), nameof(AllocationBenchmarks.TrackedLoop));
        if (tracked is { } t)
            // A recorded operation's share of its tape segment's handle is a fraction of a byte; any is a miss.
            Add("bytes per recorded operation", $"{t.Bytes:0.###} B ({t.Ns:N1} ns)", "—", "—", "0 B", t.Bytes < 0.0005);

        if (plain is { } p2 && tracked is { } t2 && Ns(nameof(AllocationBenchmarks), nameof(AllocationBenchmarks.PlainLoop)) is { } loop)
            _breakdown.Add($"a script loop iteration {loop / AllocationBenchmarks.Ops:N1} ns; a multiply on top of it: plain {p2.Ns:N1} ns, recorded {t2.Ns:N1} ns");
    }

    // Bytes and nanoseconds per multiply: the loop with the multiplies less the loop without, per op.
    private (double Bytes, double Ns)? PerOp(string withOps, string withoutOps)
    {
        const string type = nameof(AllocationBenchmarks);
        if (Ns(type, withOps) is not { } ns || Ns(type, withoutOps) is not { } baseNs) return null;
        if (Bytes(type, withOps) is not { } bytes || Bytes(type, withoutOps) is not { } baseBytes) return null;
        return ((bytes - baseBytes) / (double)AllocationBenchmarks.Ops, (ns - baseNs) / AllocationBenchmarks.Ops);
    }

    private void Ratio(string what, string script, string floor, double ratio, double limit) =>
        Add(what, script, floor, Times(ratio), $"≤ {limit}× floor", ratio <= limit);

    private void Add(string what, string script, string floor, string ratio, string target, bool met) =>
        _rows.Add([what, script, floor, ratio, target, met ? "yes" : "**no**"]);

    private static string Times(double ratio) => ratio.ToString(ratio < 10 ? "0.00" : "N0", CultureInfo.InvariantCulture) + "×";

    private double? Ns(string type, string method) =>
        _reports.TryGetValue($"{type}.{method}", out var r) && r.ResultStatistics is { } s ? s.Median : null;

    private long? Bytes(string type, string method) =>
        _reports.TryGetValue($"{type}.{method}", out var r) ? r.GcStats.GetBytesAllocatedPerOperation(r.BenchmarkCase) : null;

    /// <summary>The table as Markdown, ready for the README.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append("| benchmark | GradScript | C# floor | ratio | target | met |\n");
        text.Append("| --- | ---: | ---: | ---: | --- | --- |\n");
        foreach (var row in _rows) text.Append("| ").AppendJoin(" | ", row).Append(" |\n");
        if (_breakdown.Count > 0) text.Append("\nWhere the time goes (differences of medians):\n");
        foreach (string line in _breakdown) text.Append("- ").Append(line).Append('\n');
        return text.ToString();
    }
}
