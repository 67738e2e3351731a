namespace GradScript.Tests.Syntax;

using Antlr4.Runtime;
using Antlr4.Runtime.Atn;
using GradScript.Syntax;
using GradScript.Syntax.Generated;
using Xunit;

/// <summary>
/// The angle-bracket hook is attached to one decision of rule <c>expr</c>, found by what its
/// alternatives can begin with (<see cref="GuardedPrediction.ComparisonDecision"/>). A grammar
/// change that left no such decision, or two, once made the hook go dead without a sound; the
/// search must refuse both when the parser is built.
/// </summary>
public class ComparisonDecisionTests
{
    // A copy of the grammar's ATN of our own, so a test may add to it.
    private static ATN FreshGrammarAtn() =>
        new ATNDeserializer().Deserialize(new GradScriptParser(new CommonTokenStream(new GradScriptLexer(new AntlrInputStream("")))).SerializedAtn);

    [Fact]
    public void TheGrammarHasExactlyOneComparisonDecisionInExpr()
    {
        var atn = FreshGrammarAtn();
        int decision = GuardedPrediction.ComparisonDecision(atn);
        var state = atn.decisionToState[decision];
        Assert.Equal(GradScriptParser.RULE_expr, state.ruleIndex);
        var compares = atn.NextTokens(state.Transition(0).target);
        Assert.Contains(GradScriptParser.LT, compares.ToArray());
        Assert.Contains(GradScriptParser.GT, compares.ToArray());
    }

    [Fact]
    public void AGrammarWithoutOneIsRefused()
    {
        var empty = new ATN(ATNType.Parser, FreshGrammarAtn().maxTokenType);
        var error = Assert.Throws<InvalidOperationException>(() => GuardedPrediction.ComparisonDecision(empty));
        Assert.Equal("the grammar has no comparison decision in rule expr", error.Message);
    }

    [Fact]
    public void AGrammarWithTwoIsRefusedNamingBoth()
    {
        var atn = FreshGrammarAtn();
        int first = GuardedPrediction.ComparisonDecision(atn);
        // A second decision whose alternatives begin as the first's do.
        int second = atn.DefineDecisionState(atn.decisionToState[first]);
        var error = Assert.Throws<InvalidOperationException>(() => GuardedPrediction.ComparisonDecision(atn));
        Assert.Equal($"rule expr has two comparison decisions ({first} and {second})", error.Message);
    }
}
