namespace GradScript.Diagnostics;

/// <summary>One syntax error: its message and its place.</summary>
public sealed record ScriptDiagnostic(string Message, SourceSpan Span)
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
