namespace GradScript.Diagnostics;

/// <summary>
/// One error, as a host, an editor or the command line shows it: its message, its place and,
/// where a common mistake has a known fix, a hint saying it (<c>did you mean 'print'?</c>).
/// </summary>
/// <param name="Message">What is wrong, in one line: <c>name 'pritn' is not defined</c>.</param>
/// <param name="Span">Where: the file, and the first and last line and column.</param>
/// <param name="Hint">How to fix it, or null: the command line prints it as a <c>help:</c> line.</param>
public sealed record ScriptDiagnostic(string Message, SourceSpan Span, string? Hint = null)
{
    /// <summary>The name of the script the error is in.</summary>
    public string SourceName => Span.Source.Name;

    /// <summary>1-based line.</summary>
    public int Line => Span.Line;

    /// <summary>1-based column, in code points.</summary>
    public int Column => Span.Column;

    /// <summary><c>NAME:LINE:COL: error: MESSAGE</c>.</summary>
    public override string ToString() => $"{Span}: error: {Message}";
}
