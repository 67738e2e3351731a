namespace GradScript.Runtime;

/// <summary>
/// A runtime error raised by code that does not know its place in the script (a builtin, a
/// conversion). The nearest compiled node that knows a place catches it and rethrows it as a
/// <see cref="ScriptRuntimeException"/> there, keeping its hint.
/// </summary>
internal sealed class RuntimeError(string message, string? hint = null) : Exception(message)
{
    /// <summary>How to fix the error, if there is a known fix.</summary>
    public string? Hint { get; } = hint;
}
