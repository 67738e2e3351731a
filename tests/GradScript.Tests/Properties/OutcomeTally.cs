namespace GradScript.Tests.Properties;

using Xunit.Abstractions;

/// <summary>
/// How many cases of a property ended each way, and floors on those counts: a property whose
/// generator stopped reaching a kind of case would go on passing while checking less than its
/// name says, so each property asserts the mix it saw.
/// </summary>
internal sealed class OutcomeTally
{
    private readonly Dictionary<string, int> _counts = new();

    /// <summary>Counts one case as <paramref name="outcome"/>.</summary>
    public void Add(string outcome) => _counts[outcome] = this[outcome] + 1;

    /// <summary>How many cases ended as <paramref name="outcome"/>.</summary>
    public int this[string outcome] => _counts.GetValueOrDefault(outcome);

    /// <summary>Writes the counts, most frequent first, to the test's output.</summary>
    public void Report(ITestOutputHelper output) =>
        output.WriteLine(string.Join(", ", _counts.OrderByDescending(o => o.Value).Select(o => $"{o.Key}: {o.Value}")));

    /// <summary>Fails unless at least <paramref name="share"/> of <paramref name="cases"/> ended as <paramref name="outcome"/>.</summary>
    public void AssertAtLeast(int cases, string outcome, double share) =>
        Assert.True(this[outcome] >= share * cases,
            $"only {this[outcome]} of {cases} cases were '{outcome}', fewer than {share:P1}: the property checks less than it claims " +
            $"(replay with: {TestSeed.Replay("GradScript.Tests.Properties")})");
}
