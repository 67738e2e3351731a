namespace GradScript.Syntax;

using Antlr4.Runtime;

/// <summary>
/// The text of name tokens, one string per distinct name in a parse. A script names the same few
/// variables over and over, and every <c>Name</c> node would otherwise keep its own copy: a
/// million-term <c>x*x*…*x</c> kept a million strings "x" alive until the AST was dropped.
/// </summary>
internal sealed class NameTable
{
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    public string Text(IToken token)
    {
        if (!StringCharStream.TryGetChars(token, out var chars)) return token.Text;
        var lookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(chars, out var name)) return name;
        name = chars.ToString();
        _names.Add(name);
        return name;
    }
}
