namespace GradScript.Cli;

/// <summary>
/// The execution limits a command line asked for (<c>--timeout</c>, <c>--max-steps</c>,
/// <c>--max-depth</c>); null means "the engine's default". With them, the one debugging switch of
/// a run, <c>--detect-anomaly</c>. One value is shared by every run a command makes, so a
/// golden-test run applies the same limits to each test.
/// </summary>
internal sealed record RunLimits(TimeSpan? Timeout = null, long? MaxSteps = null, int? MaxDepth = null, bool DetectAnomaly = false)
{
    /// <summary>No limits beyond the engine's defaults.</summary>
    public static RunLimits None { get; } = new();

    /// <summary>
    /// The largest <c>--timeout</c> accepted, in seconds (over three years). The engine turns the
    /// timeout into clock ticks; far larger values would overflow that arithmetic, and nobody means
    /// them.
    /// </summary>
    public const double MaxTimeoutSeconds = 1e8;

    /// <summary>These limits, with <paramref name="timeout"/> used when no timeout was asked for.</summary>
    public RunLimits WithDefaultTimeout(TimeSpan timeout) => Timeout is null ? this with { Timeout = timeout } : this;

    /// <summary>Engine options that apply these limits and send the script's output to the given writers.</summary>
    public EngineOptions ToEngineOptions(TextWriter output, TextWriter error, CancellationToken cancellationToken) => new()
    {
        Timeout = Timeout,
        MaxSteps = MaxSteps,
        MaxCallDepth = MaxDepth ?? EngineOptions.DefaultMaxCallDepth,
        DetectAnomaly = DetectAnomaly,
        Output = output,
        Error = error,
        CancellationToken = cancellationToken,
    };
}
