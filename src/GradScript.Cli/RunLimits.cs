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

    private static readonly FileModuleResolver Modules = new(StandardLibrary.Instance);

    /// <summary>These limits, with <paramref name="timeout"/> used when no timeout was asked for.</summary>
    public RunLimits WithDefaultTimeout(TimeSpan timeout) => Timeout is null ? this with { Timeout = timeout } : this;

    /// <summary>
    /// Engine options that apply these limits and send the script's output to the given writers.
    /// Imports are relative to the importing file, or to <paramref name="scriptDirectory"/> for a
    /// script whose name is not its path. Progress bars are drawn when
    /// <paramref name="progressWidth"/> gives the width of the terminal <paramref name="error"/> is on.
    /// Charts go to <paramref name="showChart"/> when a host shows pictures, else onto <paramref name="output"/> as text.
    /// </summary>
    public EngineOptions ToEngineOptions(
        TextWriter output, TextWriter error, CancellationToken cancellationToken, string? scriptDirectory = null, int? progressWidth = null,
        Action<Chart>? showChart = null) => new()
    {
        ShowChart = showChart,
        ShowProgress = progressWidth is not null,
        ProgressWidth = progressWidth ?? EngineOptions.DefaultProgressWidth,
        Timeout = Timeout,
        MaxSteps = MaxSteps,
        MaxCallDepth = MaxDepth ?? EngineOptions.DefaultMaxCallDepth,
        DetectAnomaly = DetectAnomaly,
        // Scripts run from the command line may import files beside them and the standard library.
        ModuleResolver = scriptDirectory is null ? Modules : new FileModuleResolver(StandardLibrary.Instance, scriptDirectory),
        Output = output,
        Error = error,
        CancellationToken = cancellationToken,
    };
}
