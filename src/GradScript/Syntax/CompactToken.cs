namespace GradScript.Syntax;

using Antlr4.Runtime;
using Antlr4.Runtime.Misc;

/// <summary>
/// A token as the lexer makes most of them: on the default channel, its text read from the input
/// when asked for. 48 bytes where ANTLR's <see cref="CommonToken"/> takes 64, which matters because
/// every token of a script is allocated and dropped while it is parsed: tokens are most of what
/// the parser allocates. Tokens with text of their own, or on another channel, stay CommonTokens
/// (<see cref="CompactTokenFactory"/>).
/// </summary>
internal sealed class CompactToken(Tuple<ITokenSource, ICharStream> source, int type, int start, int stop, int line, int column) : IWritableToken
{
    public int Type { get => type; set => throw Immutable(); }

    public int Line { get => line; set => throw Immutable(); }

    public int Column { get => column; set => throw Immutable(); }

    public int Channel { get => TokenConstants.DefaultChannel; set => throw Immutable(); }

    /// <summary>Set by the token stream that buffers the token.</summary>
    public int TokenIndex { get; set; } = -1;

    public int StartIndex => start;

    public int StopIndex => stop;

    public string? Text
    {
        // As CommonToken reads it: the end-of-input token has no characters of its own.
        get => InputStream is not { } input ? null : start < input.Size && stop < input.Size ? input.GetText(Interval.Of(start, stop)) : "<EOF>";
        set => throw Immutable();
    }

    public ITokenSource TokenSource => source.Item1;

    public ICharStream InputStream => source.Item2;

    /// <summary>
    /// Makes this token another one the scanner has read: <see cref="TokenPool"/> reuses the
    /// tokens of the top-level statements the parser has finished, which nothing reads any more.
    /// </summary>
    internal CompactToken Reuse(int newType, int newStart, int newStop, int newLine, int newColumn)
    {
        (type, start, stop, line, column) = (newType, newStart, newStop, newLine, newColumn);
        TokenIndex = -1;
        return this;
    }

    public override string ToString() => $"[@{TokenIndex},{start}:{stop}='{Text}',<{type}>,{line}:{column}]";

    // Nothing in the parse rewrites a lexer's token; a token made from another is a CommonToken.
    private static NotSupportedException Immutable() => new("a lexer's token is not rewritten; copy it into a CommonToken");
}

/// <summary>Makes <see cref="CompactToken"/>s where it can, CommonTokens elsewhere.</summary>
internal sealed class CompactTokenFactory : ITokenFactory
{
    public static readonly CompactTokenFactory Instance = new();

    public IToken Create(Tuple<ITokenSource, ICharStream> source, int type, string text, int channel, int start, int stop, int line, int charPositionInLine) =>
        text is null && channel == TokenConstants.DefaultChannel
            ? new CompactToken(source, type, start, stop, line, charPositionInLine)
            : CommonTokenFactory.Default.Create(source, type, text, channel, start, stop, line, charPositionInLine);

    public IToken Create(int type, string text) => CommonTokenFactory.Default.Create(type, text);
}
