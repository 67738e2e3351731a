namespace GradScript.Syntax;

using GradScript.Syntax.Generated;

/// <summary>The reserved words, read from the grammar's own vocabulary, so there is no second list to keep.</summary>
internal static class Keywords
{
    /// <summary>Every keyword: <c>def</c>, <c>if</c>, <c>true</c>, <c>no_grad</c>, …</summary>
    public static readonly IReadOnlySet<string> All = Enumerable.Range(1, ((Antlr4.Runtime.Vocabulary)GradScriptLexer.DefaultVocabulary).getMaxTokenType())
        .Select(type => GradScriptLexer.DefaultVocabulary.GetLiteralName(type))
        .Where(literal => literal is { Length: > 2 } && literal.Trim('\'').All(c => char.IsAsciiLetter(c) || c == '_'))
        .Select(literal => literal!.Trim('\''))
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="name"/> is a keyword.</summary>
    public static bool Contains(string name) => All.Contains(name);
}
