namespace GradScript;

using GradScript.Diagnostics;

/// <summary>
/// The base of every error a script can cause. <see cref="Engine"/> lets nothing else escape but
/// <see cref="OperationCanceledException"/> on cancellation.
/// </summary>
public abstract class ScriptException : Exception
{
    private protected ScriptException(string message, SourceSpan span, Exception? inner = null, string? hint = null)
        : base(message, inner)
    {
        Span = span;
        Hint = hint;
    }

    /// <summary>The place of the error.</summary>
    public SourceSpan Span { get; }

    /// <summary>How to fix the error, when it is a common mistake with a known fix (<c>did you mean 'print'?</c>); else null.</summary>
    public string? Hint { get; }

    /// <summary>The error as one diagnostic: message, place (file, line, column, span) and hint.</summary>
    public ScriptDiagnostic Diagnostic => new(Message, Span, Hint);

    /// <summary>
    /// The error as the command line prints it: <c>NAME:LINE:COL: error: MESSAGE</c>, the source line
    /// with a caret under the place, the script's stack for a runtime error, and the hint (see
    /// <see cref="DiagnosticRenderer"/>). Not the interpreter's own .NET frames: they say nothing
    /// about the script.
    /// </summary>
    public override string ToString() => DiagnosticRenderer.Render(this);

    /// <summary>The name of the script the error is in.</summary>
    public string SourceName => Span.Source.Name;

    /// <summary>1-based line of the error.</summary>
    public int Line => Span.Line;

    /// <summary>1-based column of the error, in code points.</summary>
    public int Column => Span.Column;
}

/// <summary>
/// The script could not be parsed or resolved. <see cref="Errors"/> holds every diagnostic (up to
/// <see cref="MaxErrors"/>); <see cref="ScriptException.Line"/> and <see cref="ScriptException.Column"/>
/// are the first one's.
/// </summary>
public sealed class ScriptSyntaxException : ScriptException
{
    /// <summary>How many syntax errors are reported for one script at most.</summary>
    public const int MaxErrors = 20;

    /// <summary>Creates the exception from a non-empty list of diagnostics, kept in source order and at most <see cref="MaxErrors"/>.</summary>
    public ScriptSyntaxException(IEnumerable<ScriptDiagnostic> errors)
        : this(errors.OrderBy(e => e.Line).ThenBy(e => e.Column).Take(MaxErrors).ToList())
    {
    }

    private ScriptSyntaxException(List<ScriptDiagnostic> sorted)
        : base(sorted[0].Message, sorted[0].Span, hint: sorted[0].Hint)
    {
        Errors = sorted.AsReadOnly();
    }

    /// <summary>Every syntax error found, in source order.</summary>
    public IReadOnlyList<ScriptDiagnostic> Errors { get; }
}

/// <summary>
/// An error while the script ran. <see cref="ScriptStackTrace"/> has one line
/// <c>at FUNCTION (NAME:LINE:COL)</c> per active script function, innermost first, each naming the
/// place the function was called from.
/// </summary>
public class ScriptRuntimeException : ScriptException
{
    /// <summary>Creates a runtime error at a place, with a hint on how to fix it if there is one.</summary>
    public ScriptRuntimeException(string message, SourceSpan span, Exception? inner = null, string? hint = null)
        : base(message, span, inner, hint) { }

    /// <summary>The script functions that were active, innermost first; empty at top level.</summary>
    public string ScriptStackTrace => string.Join("\n", Frames.Select(f => $"at {f.Function} ({f.CallSite})"));

    internal List<(string Function, SourceSpan CallSite)> Frames { get; } = new();
}

/// <summary>A limit of <see cref="EngineOptions"/> was reached: time, steps, call depth, graph size or memory.</summary>
public sealed class ScriptLimitException : ScriptRuntimeException
{
    /// <summary>Creates a limit error at a place.</summary>
    public ScriptLimitException(string message, SourceSpan span) : base(message, span) { }
}
