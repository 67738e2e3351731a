namespace GradScript.Cli;

using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

/// <summary>
/// The <c>--timeout</c>, <c>--max-steps</c>, <c>--max-depth</c> and <c>--detect-anomaly</c> options of one command. Values
/// are checked while parsing, so a bad one is a usage error (exit 64) naming the option, before
/// anything runs.
/// </summary>
internal sealed class LimitOptions
{
    private readonly Option<double?> _timeout = new("--timeout")
    {
        HelpName = "SECONDS",
        Description = "Stop a run after this much wall-clock time (a runtime error, exit 70).",
        CustomParser = ParseSeconds,
    };

    private readonly Option<long?> _maxSteps = new("--max-steps")
    {
        HelpName = "N",
        Description = "Stop a run after N steps (loop iterations and calls).",
        CustomParser = result => (long?)ParseCount(result, "--max-steps", long.MaxValue),
    };

    private readonly Option<int?> _maxDepth = new("--max-depth")
    {
        HelpName = "N",
        Description = $"Allow N nested function calls (default {EngineOptions.DefaultMaxCallDepth}).",
        CustomParser = result => (int?)ParseCount(result, "--max-depth", int.MaxValue),
    };

    private readonly Option<bool> _detectAnomaly = new("--detect-anomaly")
    {
        Description = "Make the first NaN or infinity from a recorded operation, or from backward through it, an error at its place.",
    };

    /// <summary>Creates the options and adds them to <paramref name="command"/>.</summary>
    public LimitOptions(Command command)
    {
        command.Options.Add(_timeout);
        command.Options.Add(_maxSteps);
        command.Options.Add(_maxDepth);
        command.Options.Add(_detectAnomaly);
    }

    /// <summary>The limits a successful parse asked for.</summary>
    public RunLimits Read(ParseResult result) => new(
        result.GetValue(_timeout) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
        result.GetValue(_maxSteps),
        result.GetValue(_maxDepth),
        result.GetValue(_detectAnomaly));

    private static double? ParseSeconds(ArgumentResult result)
    {
        if (result.Tokens.Count == 0) return null;
        string text = result.Tokens[0].Value;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds)
            && seconds > 0 && seconds <= RunLimits.MaxTimeoutSeconds)
            return seconds;
        result.AddError($"invalid value '{text}' for --timeout: expected a number of seconds greater than 0 and at most {RunLimits.MaxTimeoutSeconds:0}");
        return null;
    }

    private static long? ParseCount(ArgumentResult result, string option, long max)
    {
        if (result.Tokens.Count == 0) return null;
        string text = result.Tokens[0].Value;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long count) && count >= 1 && count <= max)
            return count;
        result.AddError($"invalid value '{text}' for {option}: expected a whole number from 1 to {max}");
        return null;
    }
}
