namespace GradScript;

/// <summary>
/// How an engine runs a script's code (<see cref="EngineOptions.Tiering"/>): in the interpreter only,
/// or compiled to .NET code once it runs hot. Both tiers give the same results, digit for digit, the
/// same errors at the same places, and enforce the same limits; the choice is only about speed (and
/// about where dynamic code may be generated at all).
/// </summary>
public enum Tiering
{
    /// <summary>
    /// The default: code starts in the interpreter; a function called often, or a loop that runs
    /// many iterations, is compiled to .NET code specialised for the kinds of values it has seen, and
    /// goes back to the interpreter when a value of another kind turns up.
    /// </summary>
    Adaptive,

    /// <summary>
    /// Never compile: every instruction runs in the interpreter. For hosts where dynamic code is not
    /// allowed (Native AOT), and to compare the tiers.
    /// </summary>
    InterpreterOnly,

    /// <summary>
    /// Compile whatever can be compiled the first time it runs, without waiting for it to run hot.
    /// Slower to start; for testing the compiled tier (every test then runs through it).
    /// </summary>
    CompileImmediately,
}

/// <summary>Reads <see cref="Tiering"/> from the environment variable that overrides its default.</summary>
internal static class TieringVariable
{
    /// <summary>The variable's name: <c>adaptive</c>, <c>interpret</c> or <c>eager</c>; unset or empty means adaptive.</summary>
    public const string Name = "GRADSCRIPT_TIER";

    /// <summary>The tiering the variable asks for, read from the process's environment.</summary>
    public static Tiering FromEnvironment() => Parse(Environment.GetEnvironmentVariable(Name));

    /// <summary>
    /// The tiering a value of the variable asks for. Any other value is refused rather than ignored: a
    /// CI run that means to force a tier and misspells it would otherwise test the default silently.
    /// </summary>
    public static Tiering Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "adaptive" => Tiering.Adaptive,
        "interpret" => Tiering.InterpreterOnly,
        "eager" => Tiering.CompileImmediately,
        _ => throw new InvalidOperationException(
            $"{Name}='{value}' is not a tiering; use adaptive, interpret or eager (or leave it unset)"),
    };
}
