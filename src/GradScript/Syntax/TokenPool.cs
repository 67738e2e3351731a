namespace GradScript.Syntax;

using Antlr4.Runtime;

/// <summary>
/// Where <see cref="TokenScanner"/> gets its tokens when the parser hands back those of finished
/// top-level statements (the fast pass that streams statements, <see cref="ScriptParser"/>): a
/// finished statement's tokens become the next statements' tokens, so a script of short statements
/// makes a few hundred token objects however long it is, where it made one per token.
/// </summary>
/// <remarks>
/// The pool remembers at most <see cref="Capacity"/> of the tokens it made, the newest: tracking
/// every token of one long statement (a chain of a million terms) kept them all alive until the
/// statement ended and had them copied from generation to generation (10% more bytes allocated and
/// 1.7 times the gen-1 collections to compile such a chain). A token forgotten is never reused, so
/// forgetting is always safe.
/// </remarks>
internal sealed class TokenPool(Tuple<ITokenSource, ICharStream> source)
{
    /// <summary>Tokens remembered at most, about 48 kB of them: a top-level statement has tens to hundreds.</summary>
    public const int Capacity = 1024;

    // The tokens made and not yet handed back, oldest first; and those handed back, free for reuse.
    private readonly Queue<CompactToken> _issued = new(Capacity);
    private readonly Stack<CompactToken> _free = new(Capacity);

    /// <summary>A token with these fields: a free one made over, or a new one.</summary>
    public CompactToken Make(int type, int start, int stop, int line, int column)
    {
        var token = _free.TryPop(out var free) ? free.Reuse(type, start, stop, line, column) : new CompactToken(source, type, start, stop, line, column);
        if (_issued.Count == Capacity) _issued.Dequeue();
        _issued.Enqueue(token);
        return token;
    }

    /// <summary>
    /// Frees for reuse every token made here that starts before <paramref name="last"/>, but
    /// <paramref name="kept"/>. The parser calls it as each top-level statement ends, with the
    /// statement's last token and the first token of the script's rule, which that rule keeps until
    /// it ends: the statement's rules are closed and its AST is built, so nothing reads its tokens,
    /// or those before them, any more (the AST keeps places and strings, not tokens); the tokens
    /// the parser has looked ahead at, and <paramref name="last"/>, which the token stream keeps as
    /// <c>LT(-1)</c>, stay as they are.
    /// </summary>
    public void Recycle(IToken last, IToken? kept)
    {
        while (_issued.TryPeek(out var token) && token.StartIndex < last.StartIndex)
        {
            _issued.Dequeue();
            if (token != kept) _free.Push(token);
        }
    }
}
