namespace GradScript.Tests.Operators;

using GradScript.Ast;
using GradScript.Autograd;
using GradScript.Diagnostics;
using GradScript.Syntax;

/// <summary>
/// The operator table against the grammar and the parser: every operator has its row, every
/// spelling is a token of the grammar that parses to that operator, and the printer's levels give
/// back the tree the parser builds. A new operator without its row, or with a row the grammar
/// does not spell, fails here.
/// </summary>
public class OperatorTableTests
{
    [Fact]
    public void EveryOperatorHasItsOwnRow()
    {
        foreach (var op in Enum.GetValues<BinaryOp>()) Assert.Equal(op, OperatorTable.Of(op).Op);
        foreach (var op in Enum.GetValues<UnaryOp>()) Assert.Equal(op, OperatorTable.Of(op).Op);
        Assert.Equal(Enum.GetValues<BinaryOp>().Length, OperatorTable.BinaryOperators.Count);
        Assert.Equal(Enum.GetValues<UnaryOp>().Length, OperatorTable.UnaryOperators.Count);
    }

    [Fact]
    public void AnOperatorOutsideTheEnumIsRefusedLoudly()
    {
        Assert.Throws<System.Diagnostics.UnreachableException>(() => OperatorTable.Of((BinaryOp)99));
        Assert.Throws<System.Diagnostics.UnreachableException>(() => OperatorTable.Of((UnaryOp)99));
    }

    // By name: BinaryOp is internal, and a theory's parameters are public.
    public static TheoryData<string, string> Spellings()
    {
        var data = new TheoryData<string, string>();
        foreach (var op in OperatorTable.BinaryOperators)
        {
            foreach (string spelling in op.Spellings) data.Add(op.Op.ToString(), spelling);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Spellings))]
    public void EverySpellingParsesToItsOperator(string name, string spelling)
    {
        var op = Enum.Parse<BinaryOp>(name);
        var binary = Assert.IsType<Binary>(Expression($"a {spelling} b"));
        Assert.Equal(op, binary.Op);
        Assert.True(OperatorTokens.IsBinary(OperatorTokens.TokenType(spelling)));
    }

    [Fact]
    public void NotInIsTheNegatedIn() =>
        Assert.Equal(BinaryOp.NotIn, Assert.IsType<Binary>(Expression("a not in b")).Op);

    public static TheoryData<string> CompoundOperators()
    {
        var data = new TheoryData<string>();
        foreach (var op in OperatorTable.BinaryOperators.Where(o => o.Compound is not null)) data.Add(op.Op.ToString());
        return data;
    }

    [Theory]
    [MemberData(nameof(CompoundOperators))]
    public void EveryCompoundTokenParsesToItsOperator(string name)
    {
        var op = Enum.Parse<BinaryOp>(name);
        string compound = OperatorTable.Of(op).Compound!;
        var statement = Assert.IsType<CompoundAssign>(ScriptParser.Parse(new SourceText("t.grad", $"x {compound} 1")).Body.Single());
        Assert.Equal(op, statement.Op);
        Assert.Equal($"x {compound} 1\n", AstPrinter.Print(ScriptParser.Parse(new SourceText("t.grad", $"x {compound} 1"))));
    }

    [Fact]
    public void OnlyArithmeticOperatorsAssignOrRecord()
    {
        foreach (var op in OperatorTable.BinaryOperators.Where(o => o.Kind != OperatorKind.Arithmetic))
        {
            Assert.Null(op.Compound);
            Assert.Null(op.Autograd);
            Assert.Equal(ListInPlace.None, op.InPlace);
        }
        Assert.Equal(Op.Negate, OperatorTable.Of(UnaryOp.Negate).Autograd);
    }

    // Two operators side by side, each with each, printed from the table's levels: the printed text
    // parses back to the same tree. A level set too loose in a row would lose a needed bracket.
    [Fact]
    public void PrintedLevelsKeepEveryPairOfOperatorsApart()
    {
        var spelled = OperatorTable.BinaryOperators.Select(o => o.Spellings.Length > 0 ? o.Spellings[0] : "not in").ToList();
        foreach (string outer in spelled)
        {
            foreach (string inner in spelled)
            {
                foreach (string text in new[] { $"(a {inner} b) {outer} c", $"a {outer} (b {inner} c)", $"-(a {inner} b) {outer} -c" })
                {
                    var tree = Expression(text);
                    string printed = AstPrinter.Print(tree);
                    Assert.Equal(AstPrinter.Print(Expression(printed)), printed);
                    Assert.Equal(Shape(tree), Shape(Expression(printed)));
                }
            }
        }
    }

    private static string Shape(Expr e) => e switch
    {
        Binary b => $"({Shape(b.Left)} {b.Op} {Shape(b.Right)})",
        Unary u => $"({u.Op} {Shape(u.Operand)})",
        Name n => n.Identifier,
        _ => e.GetType().Name,
    };

    private static Expr Expression(string text) =>
        ((ExprStmt)ScriptParser.Parse(new SourceText("t.grad", text)).Body.Single()).Expression;
}
