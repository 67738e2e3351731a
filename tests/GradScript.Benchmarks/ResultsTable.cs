namespace GradScript.Benchmarks;

using System.Globalization;
using System.Text;
using BenchmarkDotNet.Reports;

/// <summary>
/// The closing table: each of issue 5's measures, GradScript's figure beside its C# floor, the
/// ratio, the target and whether it is met. Figures are BenchmarkDotNet medians; derived figures
/// (W2 per step, bytes per operation) are differences of two medians, as the benchmark classes say.
/// </summary>
public sealed class ResultsTable
{
    private readonly Dictionary<string, BenchmarkReport> _reports = new();
    private readonly List<string[]> _rows = new();

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
            Ratio("W1: ns per training step", $"{w1:N1} ns", $"{w1Floor:N2} ns", w1 / w1Floor, 40);

        if (Ns(nameof(W2Benchmarks), nameof(W2Benchmarks.GradScriptSteps)) is { } w2Run
            && Ns(nameof(W2Benchmarks), nameof(W2Benchmarks.GradScriptSetup)) is { } w2Setup
            && Ns(nameof(W2Benchmarks), nameof(W2Benchmarks.CSharpFloor)) is { } w2Floor)
        {
            double w2 = (w2Run - w2Setup) / W2Benchmarks.Steps;
            Ratio("W2: ms per training step", $"{w2 / 1e6:N3} ms", $"{w2Floor / 1e6:N4} ms", w2 / w2Floor, 100);
        }

        if (Ns(nameof(BackwardBenchmarks), nameof(BackwardBenchmarks.GradScript)) is { } backward)
        {
            double? floor = Ns(nameof(BackwardBenchmarks), nameof(BackwardBenchmarks.CSharpFloor));
            Add("backward, 1,000,000-node chain", $"{backward / 1e9:N3} s", floor is { } f ? $"{f / 1e6:N2} ms" : "—",
                floor is { } f2 ? Times(backward / f2) : "—", "≤ 0.5 s", backward <= 0.5e9);
        }

        if (Ns(nameof(ParseBenchmarks), nameof(ParseBenchmarks.Compile)) is { } parse)
        {
            double linesPerSecond = ParseBenchmarks.Lines / (parse / 1e9);
            Add("parse + resolve + compile, 10,000 lines", $"{linesPerSecond:N0} lines/s ({parse / 1e6:N1} ms)", "—", "—",
                "≥ 200,000 lines/s", linesPerSecond >= 200_000);
        }

        if (Ns(nameof(HostCallBenchmarks), nameof(HostCallBenchmarks.GradScript)) is { } call)
        {
            double? floor = Ns(nameof(HostCallBenchmarks), nameof(HostCallBenchmarks.CSharpFloor));
            Add("host call with gradient, 10 operations", $"{call:N0} ns", floor is { } f ? $"{f:N1} ns" : "—",
                floor is { } f2 ? Times(call / f2) : "—", "≤ 1 µs", call <= 1000);
        }

        if (coldStart is not null)
        {
            double ratio = coldStart.GradScriptMs / coldStart.EmptyAppMs;
            Add($"cold start, `gradscript -e \"print(1)\"` (median of {coldStart.Runs})", $"{coldStart.GradScriptMs:N0} ms",
                $"{coldStart.EmptyAppMs:N0} ms (empty app)", Times(ratio), "≤ 2× empty app", ratio <= 2);
        }

        if (PerOp(nameof(AllocationBenchmarks.PlainOps), nameof(AllocationBenchmarks.PlainLoop)) is var (plainBytes, plainNs))
            Add("bytes per plain arithmetic operation", $"{plainBytes:0.##} B ({plainNs:N1} ns)", "0 B", "—", "0 B", plainBytes <= 0);

        if (PerOp(nameof(AllocationBenchmarks.TrackedOps), nameof(AllocationBenchmarks.TrackedLoop)) is var (trackedBytes, trackedNs))
            Add("bytes per recorded operation", $"{trackedBytes:0.##} B ({trackedNs:N1} ns)", "—", "—", "≤ 64 B", trackedBytes <= 64);
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
        return text.ToString();
    }
}
