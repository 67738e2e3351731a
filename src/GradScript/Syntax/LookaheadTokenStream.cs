namespace GradScript.Syntax;

using Antlr4.Runtime;

/// <summary>
/// ANTLR's unbuffered token stream, which keeps only the tokens the parser may still look at,
/// without its one quadratic habit. Each prediction marks the stream and releases it; the runtime
/// then moves every token still ahead to the front of the buffer. After a long look ahead (the
/// header scan of <see cref="AngleBrackets"/> reads to the end of a condition, which may be a
/// million tokens long) every later prediction moved those tokens again: a header of a flat chain
/// took time quadratic in its length. Here the buffer is moved only when the tokens it would free
/// outnumber those it would move, so moving costs at most one copy per token read.
/// </summary>
internal sealed class LookaheadTokenStream(ITokenSource source, int bufferSize) : UnbufferedTokenStream(source, bufferSize)
{
    /// <inheritdoc/>
    public override void Release(int marker)
    {
        // As the base does, less the move: the buffer, and the token before it, stay as they are.
        if (numMarkers == 1 && marker == -1 && p < n - p)
        {
            numMarkers = 0;
            return;
        }
        base.Release(marker);
    }
}
