namespace GradScript.Cli.Repl;

using GradScript.Diagnostics;

/// <summary>
/// Why an input stopped, for a host that shows errors as structured data (the notebook kernel's
/// <c>error</c> message) rather than as text on standard error.
/// </summary>
/// <param name="Name">The kind, as Python names its exceptions: <c>SyntaxError</c>, <c>RuntimeError</c>,
/// <c>LimitError</c>, <c>TimeoutError</c>, <c>KeyboardInterrupt</c>, <c>FileError</c>, <c>InternalError</c>.</param>
/// <param name="Message">The message alone, without the place.</param>
/// <param name="Text">The error as the REPL prints it: headline, source line, caret, stack.</param>
internal sealed record InputError(string Name, string Message, string Text)
{
    /// <summary>The name of an input stopped by Ctrl-C or an interrupt request.</summary>
    public const string Interrupt = "KeyboardInterrupt";

    /// <summary>The name of an input stopped by its time limit.</summary>
    public const string Timeout = "TimeoutError";

    /// <summary>The kind of a failure an input threw.</summary>
    public static string NameOf(Exception failure, bool timedOut) => failure switch
    {
        ScriptSyntaxException => "SyntaxError",
        ScriptLimitException => "LimitError",
        ScriptRuntimeException => "RuntimeError",
        OperationCanceledException when timedOut => Timeout,
        OperationCanceledException => Interrupt,
        SourceUnavailableException => "FileError",
        _ => "InternalError",
    };

    /// <summary>The message of a failure without its place (of a syntax error, its first one's).</summary>
    public static string MessageOf(Exception failure) => failure is OperationCanceledException ? "" : failure.Message;
}
