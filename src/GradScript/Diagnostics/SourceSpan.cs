namespace GradScript.Diagnostics;

/// <summary>
/// Where a piece of syntax stands: 1-based line and column of its first character and of the
/// position just after its last (code points, like the lexer).
/// </summary>
public readonly record struct SourceSpan(SourceText Source, int Line, int Column, int EndLine, int EndColumn)
{
    /// <summary>The span covering both <paramref name="first"/> and <paramref name="last"/>.</summary>
    public static SourceSpan Cover(SourceSpan first, SourceSpan last) =>
        new(first.Source, first.Line, first.Column, last.EndLine, last.EndColumn);

    /// <summary><c>NAME:LINE:COL</c>, the form every message uses.</summary>
    public override string ToString() => $"{Source.Name}:{Line}:{Column}";
}
