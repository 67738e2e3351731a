namespace GradScript.Syntax;

using Antlr4.Runtime;
using Antlr4.Runtime.Atn;
using Antlr4.Runtime.Dfa;
using static GradScript.Syntax.Generated.GradScriptParser;

/// <summary>
/// ANTLR's adaptive prediction, with the two things it lacks for hostile input. Its lookahead
/// recurses once for every rule it enters and leaves, with no stack guard of its own: a decision
/// whose lookahead crossed a million nested <c>-</c> overflowed the stack, which kills the process.
/// The grammar's decisions look a bounded number of tokens ahead, and this class makes sure of it:
/// a lookahead that reaches <see cref="MaxLookaheadNesting"/> rule levels below its decision is
/// stopped with <see cref="NestingTooDeepException"/>, which the parser reports as a placed syntax
/// error. And the one decision the grammar cannot settle in a few tokens, whether a <c>&lt;</c> or
/// <c>&gt;</c> compares or brackets a block, is made by <see cref="AngleBrackets"/> instead.
/// </summary>
internal sealed class GuardedPrediction : ParserATNSimulator
{
    /// <summary>
    /// Rule levels a lookahead may enter below its decision. Each costs a few frames of the
    /// prediction's recursion (about 1 KB before the JIT optimizes it); the rule that asked has
    /// the 64-128 KB that <see cref="GuardedParser"/> guarantees at every rule entry. No decision of the
    /// grammar comes near this: it is a guard, not a limit anyone meets.
    /// </summary>
    public const int MaxLookaheadNesting = 48;

    /// <summary>
    /// Stack that a full-context prediction takes for each open rule it climbs out of. Measured with
    /// ANTLR's methods left unoptimized (as they stay for a while on a loaded machine), 256 bytes a
    /// rule overflowed a 1 MB thread on nested <c>not</c> and 512 did not; this is twice that.
    /// </summary>
    private const int BytesPerOuterRule = 1024;

    private readonly GuardedParser guarded;
    private readonly int comparisonDecision;
    private readonly AngleBrackets angles = new();

    // Tests only: every answer from the cached DFA is checked against ANTLR's prediction.
    private readonly bool checkCached;

    public GuardedPrediction(GuardedParser parser, ParserATNSimulator generated, bool checkCached = false)
        : base(parser, generated.atn, generated.decisionToDFA, generated.getSharedContextCache())
    {
        guarded = parser;
        comparisonDecision = ComparisonDecision(generated.atn);
        this.checkCached = checkCached;
    }

    /// <inheritdoc/>
    public override int AdaptivePredict(ITokenStream input, int decision, ParserRuleContext outerContext)
    {
        if (decision == comparisonDecision && input.LA(1) is LT or GT)
            return angles.IsComparison(input, outerContext) ? 1 : 2;
        guarded.GuardPrediction(input);
        int known = Cached(input, decision);
        if (known == ATN.INVALID_ALT_NUMBER) return base.AdaptivePredict(input, decision, outerContext);
        if (checkCached && known != base.AdaptivePredict(input, decision, outerContext))
            throw new InvalidOperationException($"decision {decision} at {input.LT(1)}: the cached DFA's answer {known} is not ANTLR's prediction");
        return known;
    }

    /// <summary>Tokens the cached walk reads at most; the grammar's decisions need one or two.</summary>
    private const int MaxCachedLookahead = 4;

    /// <summary>
    /// The alternative ANTLR's DFA, as earlier parses have cached it, predicts for
    /// <paramref name="decision"/> from the next few tokens, or <see cref="ATN.INVALID_ALT_NUMBER"/>
    /// when the walk meets anything but a plain edge: a state not cached yet, an error, predicates,
    /// a full-context decision (in full-context mode), or a longer look ahead.
    /// </summary>
    /// <remarks>
    /// ANTLR's own prediction walks the same edges, but first marks the token stream, finds the
    /// start state and sets up its caches, and afterwards seeks back and releases the mark. A script
    /// makes a dozen predictions a line (every operand asks whether a suffix or an operator follows,
    /// every argument whether a name and `=` begin it), almost all settled by one or two tokens on
    /// edges cached long ago, so that round trip was a large share of the parse. The walk here is
    /// <c>ExecATN</c>'s loop over existing states, reading ahead with LA instead of consuming;
    /// wherever that loop would do more than follow an edge, ANTLR's prediction runs instead.
    /// </remarks>
    private int Cached(ITokenStream input, int decision)
    {
        var dfa = decisionToDFA[decision];
        var state = dfa.IsPrecedenceDfa ? dfa.GetPrecedenceStartState(parser.Precedence) : dfa.s0;
        for (int i = 1; i <= MaxCachedLookahead && state is not null; i++)
        {
            var edges = state.edges;
            int t = input.LA(i);
            if (edges is null || t + 1 < 0 || t + 1 >= edges.Length) return ATN.INVALID_ALT_NUMBER;
            state = edges[t + 1];
            if (state is null || state == ERROR || (state.requiresFullContext && PredictionMode != PredictionMode.SLL))
                return ATN.INVALID_ALT_NUMBER;
            if (state.isAcceptState) return state.predicates is null ? state.prediction : ATN.INVALID_ALT_NUMBER;
        }
        return ATN.INVALID_ALT_NUMBER;
    }

    /// <inheritdoc/>
    /// <remarks>A state that needs the full context is checked before ANTLR begins that prediction.</remarks>
    protected override DFAState GetExistingTargetState(DFAState previousD, int t) =>
        CheckFullContext(base.GetExistingTargetState(previousD, t));

    /// <inheritdoc/>
    protected override DFAState ComputeTargetState(DFA dfa, DFAState previousD, int t) =>
        CheckFullContext(base.ComputeTargetState(dfa, previousD, t));

    // Where two alternatives conflict on the decision's own lookahead, LL prediction begins again
    // from the parser's real context, and its closure climbs out through every open rule, one
    // recursion per rule, before any token is read: the depth the rule guards allowed for the
    // parser itself may not be left for that. Such a state is refused unless the stack holds the climb.
    private DFAState CheckFullContext(DFAState state)
    {
        if (state is { requiresFullContext: true } && PredictionMode != PredictionMode.SLL
            && !StackBudget.Holds(guarded.RuleDepth * BytesPerOuterRule))
        {
            guarded.TooDeep(guarded.CurrentToken);
        }
        return state;
    }

    /// <inheritdoc/>
    /// <remarks>Called for every token the prediction reads: its configurations' stacks are measured first.</remarks>
    protected override ATNConfigSet ComputeReachSet(ATNConfigSet closure, int t, bool fullCtx)
    {
        // A full-context prediction's stacks begin with the parser's own rules, already guarded.
        int allowed = MaxLookaheadNesting + (fullCtx ? guarded.RuleDepth : 0);
        foreach (var config in closure.configs)
        {
            if (Nesting(config.context, allowed) >= allowed) guarded.TooDeep(input.LT(1));
        }
        return base.ComputeReachSet(closure, t, fullCtx);
    }

    // The length of a prediction stack, counted up to `limit`. A stack whose paths have merged is
    // followed along its first path.
    private static int Nesting(PredictionContext? context, int limit)
    {
        int nesting = 0;
        while (context is { IsEmpty: false } && nesting < limit)
        {
            context = context.GetParent(0);
            nesting++;
        }
        return nesting;
    }

    /// <summary>
    /// The decision, in <c>expr</c>, whether a comparison follows an operand: the one whose first
    /// alternative can begin with both <c>&lt;</c> and <c>&gt;</c> and whose second leaves the rule.
    /// </summary>
    /// <remarks>
    /// Found by what its alternatives can begin with, not by their shape: the first alternative is a
    /// block of its own (<c>op=(…) | not in</c>), whose inner decision, made on one token, also begins
    /// with both brackets. Finding that one instead once left this hook unused, silently: the
    /// brackets went back to ANTLR's full prediction. So exactly one decision must match.
    /// </remarks>
    internal static int ComparisonDecision(ATN atn)
    {
        int found = -1;
        for (int decision = 0; decision < atn.NumberOfDecisions; decision++)
        {
            var state = atn.decisionToState[decision];
            if (state.ruleIndex != RULE_expr || state.NumberOfTransitions != 2) continue;
            var compares = atn.NextTokens(state.Transition(0).target);
            var leaves = atn.NextTokens(state.Transition(1).target);
            if (!compares.Contains(LT) || !compares.Contains(GT) || !leaves.Contains(TokenConstants.EPSILON)) continue;
            if (found >= 0) throw new InvalidOperationException($"rule expr has two comparison decisions ({found} and {decision})");
            found = decision;
        }
        return found >= 0 ? found : throw new InvalidOperationException("the grammar has no comparison decision in rule expr");
    }
}
