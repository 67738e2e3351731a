namespace GradScript.Tests.Syntax;

using Antlr4.Runtime;
using GradScript.Syntax;
using Xunit;

/// <summary>
/// <see cref="TokenPool"/>: tokens handed back are made over into the next ones, and only the
/// newest <see cref="TokenPool.Capacity"/> are remembered, so a statement of a million tokens does
/// not keep them all alive until it ends.
/// </summary>
public class TokenPoolTests
{
    private static readonly Tuple<ITokenSource, ICharStream> Source = Tuple.Create<ITokenSource, ICharStream>(null!, null!);

    [Fact]
    public void RemembersOnlyTheNewestTokensOfALongStatement()
    {
        var pool = new TokenPool(Source);
        const int forgotten = 100;
        var made = Enumerable.Range(0, TokenPool.Capacity + forgotten + 1).Select(i => pool.Make(1, i, i, 1, i)).ToList();
        pool.Recycle(made[^1], kept: null);  // all but the last are free, of those it still remembers
        var next = Enumerable.Range(0, TokenPool.Capacity + 1).Select(i => pool.Make(2, 5000 + i, 5000 + i, 2, i)).ToList();

        var reused = next.Where(token => made.Contains(token)).ToList();
        Assert.Equal(TokenPool.Capacity - 1, reused.Count);
        Assert.All(made.Take(forgotten + 1), token => Assert.DoesNotContain(token, next));
        Assert.DoesNotContain(made[^1], next);
        Assert.Equal(Enumerable.Range(5000, next.Count), next.Select(token => token.StartIndex));
        Assert.All(next, token => Assert.Equal(2, token.Type));
    }
}
