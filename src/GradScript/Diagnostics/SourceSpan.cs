namespace GradScript.Diagnostics;

/// <summary>
/// Where a piece of syntax stands: 1-based line and column of its first character and of the
/// position just after its last (code points, like the lexer).
/// </summary>
public readonly record struct SourceSpan
{
    // Layout: 16 bytes, not the 24 of a reference and four ints. Every executable node keeps one
    // or two spans (a third of a compiled program's bytes), so this is what a compile leaves for
    // the collector to copy. The four positions share one long, in one of two forms told apart by
    // its top bit: any span of a line below 2^20 whose start column, line count and end column are
    // small; or, a span within one line, columns up to 2^21 and 2^22 (a chain of a million terms on
    // one line is two million columns wide, and each of its nodes spans a piece of it: in the first
    // form alone they all took the object below, which made such a compile take twice as long). A
    // span whose positions fit neither keeps them in a small object in place of its source
    // instead, so every span is exact. One set of positions has one form (the first that fits), so
    // the compiler-written equality over the two fields is equality of the positions.
    private const int LineBits = 20, ColumnBits = 14, LinesBits = 11, EndColumnBits = 18;
    private const int ColumnShift = LineBits, LinesShift = ColumnShift + ColumnBits, EndColumnShift = LinesShift + LinesBits;
    private const int WideColumnBits = 21, WideEndColumnBits = 22, WideEndColumnShift = ColumnShift + WideColumnBits;
    private const long Wide = long.MinValue;  // the top bit: the one-line form

    private readonly object? _where;  // the SourceText, or an Unpacked when the positions do not fit
    private readonly long _packed;

    /// <summary>A span of <paramref name="Source"/> from (<paramref name="Line"/>, <paramref name="Column"/>) to just before (<paramref name="EndLine"/>, <paramref name="EndColumn"/>).</summary>
    public SourceSpan(SourceText Source, int Line, int Column, int EndLine, int EndColumn) =>
        (_where, _packed) = Pack(Source, Line, Column, EndLine, EndColumn);

    /// <summary>The script the span is in.</summary>
    public SourceText Source
    {
        get => _where as SourceText ?? (_where as Unpacked)?.Source!;
        init => (_where, _packed) = Pack(value, Line, Column, EndLine, EndColumn);
    }

    /// <summary>The 1-based line of the first character.</summary>
    public int Line
    {
        get => _where is Unpacked u ? u.Line : Field(0, LineBits);
        init => (_where, _packed) = Pack(Source, value, Column, EndLine, EndColumn);
    }

    /// <summary>The 1-based column of the first character.</summary>
    public int Column
    {
        get => _where is Unpacked u ? u.Column : Field(ColumnShift, IsWide ? WideColumnBits : ColumnBits);
        init => (_where, _packed) = Pack(Source, Line, value, EndLine, EndColumn);
    }

    /// <summary>The 1-based line of the position just after the last character.</summary>
    public int EndLine
    {
        get => _where is Unpacked u ? u.EndLine : Field(0, LineBits) + (IsWide ? 0 : Field(LinesShift, LinesBits));
        init => (_where, _packed) = Pack(Source, Line, Column, value, EndColumn);
    }

    /// <summary>The 1-based column of the position just after the last character.</summary>
    public int EndColumn
    {
        get => _where is Unpacked u ? u.EndColumn : IsWide ? Field(WideEndColumnShift, WideEndColumnBits) : Field(EndColumnShift, EndColumnBits);
        init => (_where, _packed) = Pack(Source, Line, Column, EndLine, value);
    }

    /// <summary>The span's source and positions, in the constructor's order.</summary>
    public void Deconstruct(out SourceText Source, out int Line, out int Column, out int EndLine, out int EndColumn) =>
        (Source, Line, Column, EndLine, EndColumn) = (this.Source, this.Line, this.Column, this.EndLine, this.EndColumn);

    /// <summary>The span covering both <paramref name="first"/> and <paramref name="last"/>.</summary>
    public static SourceSpan Cover(SourceSpan first, SourceSpan last) =>
        new(first.Source, first.Line, first.Column, last.EndLine, last.EndColumn);

    /// <summary><c>NAME:LINE:COL</c>, the form every message uses.</summary>
    public override string ToString() => $"{Source.Name}:{Line}:{Column}";

    private bool IsWide => _packed < 0;

    private int Field(int shift, int bits) => (int)((ulong)_packed >> shift & ((1UL << bits) - 1));

    private static (object?, long) Pack(SourceText source, int line, int column, int endLine, int endColumn)
    {
        long lines = (long)endLine - line;
        if (Fits(line, LineBits) && Fits(column, ColumnBits) && Fits(lines, LinesBits) && Fits(endColumn, EndColumnBits))
            return (source, (long)line | (long)column << ColumnShift | lines << LinesShift | (long)endColumn << EndColumnShift);
        if (lines == 0 && Fits(line, LineBits) && Fits(column, WideColumnBits) && Fits(endColumn, WideEndColumnBits))
            return (source, Wide | (long)line | (long)column << ColumnShift | (long)endColumn << WideEndColumnShift);
        return (new Unpacked(source, line, column, endLine, endColumn), 0);
    }

    private static bool Fits(long value, int bits) => value >= 0 && value < 1L << bits;

    // Positions too large (or out of order) for the packed form; a record, so equal positions are equal spans.
    private sealed record Unpacked(SourceText Source, int Line, int Column, int EndLine, int EndColumn);
}
