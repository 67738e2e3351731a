namespace GradScript.Syntax;

using System.Diagnostics;
using GradScript.Ast;
using GradScript.Syntax.Generated;

/// <summary>
/// The grammar's operator tokens, matched to <see cref="OperatorTable"/> by their text in the
/// grammar's own vocabulary, so no code lists token types per operator: a token of the grammar
/// and an entry of the table with the same spelling are the whole of an operator's syntax.
/// </summary>
internal static class OperatorTokens
{
    private static readonly int MaxTokenType = ((Antlr4.Runtime.Vocabulary)GradScriptLexer.DefaultVocabulary).getMaxTokenType();

    // By token type; -1 where the token is no such operator. Filled once, never written after.
    private static readonly int[] BinaryByToken = ByToken(op => op.Spellings);
    private static readonly int[] CompoundByToken = ByToken(op => op.Compound is { } c ? [c] : []);
    private static readonly int[] UnaryByToken = UnaryTable();

    /// <summary>Whether a token of this type is a binary operator (<c>+</c>, <c>**</c>, <c>&lt;=</c>, <c>in</c> …).</summary>
    public static bool IsBinary(int tokenType) => Lookup(BinaryByToken, tokenType) >= 0;

    /// <summary>Whether a token of this type is a compound assignment (<c>+=</c> …).</summary>
    public static bool IsCompound(int tokenType) => Lookup(CompoundByToken, tokenType) >= 0;

    /// <summary>The binary operator a token spells; the parser only asks of tokens its grammar put there.</summary>
    public static BinaryOp Binary(int tokenType) => (BinaryOp)Found(BinaryByToken, tokenType);

    /// <summary>The operator whose compound assignment a token spells (<c>-=</c> gives <see cref="BinaryOp.Subtract"/>).</summary>
    public static BinaryOp Compound(int tokenType) => (BinaryOp)Found(CompoundByToken, tokenType);

    /// <summary>The unary operator a sign token spells.</summary>
    public static UnaryOp Unary(int tokenType) => (UnaryOp)Found(UnaryByToken, tokenType);

    private static int Lookup(int[] table, int tokenType) => (uint)tokenType < (uint)table.Length ? table[tokenType] : -1;

    private static int Found(int[] table, int tokenType) => Lookup(table, tokenType) is var op and >= 0
        ? op
        : throw new UnreachableException($"no operator is spelled {GradScriptLexer.DefaultVocabulary.GetDisplayName(tokenType)}");

    private static int[] ByToken(Func<BinaryOperator, IEnumerable<string>> spellings)
    {
        var table = Empty();
        foreach (var op in OperatorTable.BinaryOperators)
        {
            foreach (string spelling in spellings(op)) table[TokenType(spelling)] = (int)op.Op;
        }
        return table;
    }

    private static int[] UnaryTable()
    {
        var table = Empty();
        foreach (var op in OperatorTable.UnaryOperators) table[TokenType(op.Symbol)] = (int)op.Op;
        return table;
    }

    private static int[] Empty() => Enumerable.Repeat(-1, MaxTokenType + 1).ToArray();

    /// <summary>The token type whose literal is <paramref name="spelling"/>: the table and the grammar must agree.</summary>
    internal static int TokenType(string spelling)
    {
        for (int type = 1; type <= MaxTokenType; type++)
        {
            if (GradScriptLexer.DefaultVocabulary.GetLiteralName(type) == $"'{spelling}'") return type;
        }
        throw new UnreachableException($"the operator table spells an operator '{spelling}', which is no token of the grammar");
    }
}
