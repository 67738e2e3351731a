using System.Runtime.CompilerServices;
using Antlr4.Runtime;

namespace GradScript.Syntax;

/// <summary>
/// The base class of the generated parser (internal, as the generated classes are made by the
/// build: build/Antlr.targets). ANTLR's parser recurses once per nested rule, and on a
/// deep enough input it would overflow the .NET stack, which kills the process. Every rule entry
/// checks a depth budget and the real stack first, and turns exhaustion into
/// <see cref="NestingTooDeepException"/>, which the parser facade reports as a syntax error with a
/// place.
/// </summary>
internal abstract class GuardedParser : Parser
{
    /// <summary>
    /// Rule invocations that may be open at once. One level of brackets costs about six rule
    /// invocations, so this allows several hundred levels of real nesting:
    /// far beyond what people write, small enough to stay well inside a 1 MB thread stack.
    /// </summary>
    public const int MaxRuleDepth = 4000;

    private int _depth;

    /// <summary>Called by the generated parser's constructor.</summary>
    protected GuardedParser(ITokenStream input, TextWriter output, TextWriter errorOutput)
        : base(input, output, errorOutput) { }

    /// <inheritdoc/>
    public override void EnterRule(ParserRuleContext localctx, int state, int ruleIndex)
    {
        Guard();
        base.EnterRule(localctx, state, ruleIndex);
    }

    /// <inheritdoc/>
    public override void EnterRecursionRule(ParserRuleContext localctx, int state, int ruleIndex, int precedence)
    {
        Guard();
        base.EnterRecursionRule(localctx, state, ruleIndex, precedence);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// ANTLR links the finished left operand's context to the new one (its parent, for the parse
    /// tree). With no tree nothing reads that link, and it points from an older object to a newer
    /// one: once one context of a long chain a + b + c … had survived a collection, it kept every
    /// later context, and each one's tokens, alive until a full collection, so most of a long
    /// expression's garbage was copied from generation to generation. The link is cut.
    /// </remarks>
    public override void PushNewRecursionContext(ParserRuleContext localctx, int state, int ruleIndex)
    {
        var previous = Context;
        base.PushNewRecursionContext(localctx, state, ruleIndex);
        if (!BuildParseTree) previous.Parent = null;
    }

    /// <inheritdoc/>
    public override void ExitRule()
    {
        _depth--;
        base.ExitRule();
    }

    /// <inheritdoc/>
    public override void UnrollRecursionContexts(ParserRuleContext parentctx)
    {
        _depth--;
        base.UnrollRecursionContexts(parentctx);
    }

    /// <summary>
    /// Below this depth the stack cannot be short on any thread, so it is not probed. A frame of the
    /// generated arith rule takes over 1 KB before the JIT optimizes it: 150 of them filled a
    /// 256 KB thread's stack.
    /// </summary>
    private const int ProbeDepth = 32;

    /// <summary>Rule invocations open now.</summary>
    internal int RuleDepth => _depth;

    /// <summary>
    /// Replaces the generated parser's prediction with <see cref="GuardedPrediction"/>;
    /// <paramref name="checkShortcut"/> (for tests) checks its one-token answers against ANTLR's.
    /// </summary>
    internal void GuardPredictions(bool checkShortcut = false) => Interpreter = new GuardedPrediction(this, Interpreter, checkShortcut);

    private void Guard()
    {
        if (++_depth > ProbeDepth && (_depth > MaxRuleDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack()))
            TooDeep((IToken)CurrentToken);
    }

    /// <summary>A prediction begins: the stack must hold what a rule entry needs.</summary>
    internal void GuardPrediction(ITokenStream input)
    {
        if (_depth > ProbeDepth && !RuntimeHelpers.TryEnsureSufficientExecutionStack()) TooDeep(input.LT(1));
    }

    /// <summary>Stops the parse at <paramref name="token"/>: the input nests too deeply.</summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    internal void TooDeep(IToken token)
    {
        // The rules being unwound are incomplete: their listeners (the AST builder) must not hear of them.
        RemoveParseListeners();
        throw new NestingTooDeepException(token);
    }

    /// <summary>
    /// Consumes the current token. When no parse tree is being built (the AST builder listens to
    /// the rules instead), the token is not attached to the current context as a tree node.
    /// </summary>
    public override IToken Consume()
    {
        if (BuildParseTree) return base.Consume();
        var token = CurrentToken;
        if (token.Type != TokenConstants.EOF) InputStream.Consume();
        return token;
    }

    /// <inheritdoc/>
    /// <remarks>The runtime's own loop goes through an interface, allocating an enumerator per rule.</remarks>
    protected override void TriggerEnterRuleEvent()
    {
        var listeners = ParseListeners;
        for (int i = 0; i < listeners.Count; i++)
        {
            listeners[i].EnterEveryRule(Context);
            Context.EnterRule(listeners[i]);
        }
    }
}

/// <summary>Raised by <see cref="GuardedParser"/> when the input nests too deeply to parse safely.</summary>
internal sealed class NestingTooDeepException(IToken token) : Exception("too deeply nested")
{
    /// <summary>The token at which the budget ran out.</summary>
    public IToken Token { get; } = token;
}
