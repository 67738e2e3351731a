namespace GradScript.Syntax;

using System.Globalization;
using System.Text;
using Antlr4.Runtime;
using GradScript.Ast;
using GradScript.Diagnostics;

// String literals: escapes, and f-strings, whose `{expressions}` are parsed by a nested parse of
// just that text, with positions shifted to where the text stands in the script.
internal sealed partial class AstBuilder
{
    private string StringValue(IToken token)
    {
        return Literals.String(token, positions, errors);
    }

    private Expr FormattedString(IToken token)
    {
        // Body between the quotes; f"..." has the prefix and the opening quote before it.
        const int bodyStart = 2; // the index of body[0] in the token's text
        return new FString(FStringParts(token, token.Text[2..^1], bodyStart, level: 0), positions.Span(token));
    }

    // The literal text and replacement fields of `body`, which stands at `bodyStart` in the token's
    // text. A format spec is read the same way, so that `{x:.{n}f}` takes its precision from n
    // (FStringFields has already refused a field inside a spec that nests another).
    private List<FStringPart> FStringParts(IToken token, string body, int bodyStart, int level)
    {
        var parts = new List<FStringPart>();
        var literal = new StringBuilder();
        int literalStart = 0;

        void TakeLiteral(int end)
        {
            if (end > literalStart)
                literal.Append(Unescape(body[literalStart..end], token, bodyStart + literalStart));
        }

        void FlushLiteral(int end)
        {
            TakeLiteral(end);
            if (literal.Length > 0) parts.Add(new FStringPart(literal.ToString(), null, null));
            literal.Clear();
        }

        int i = 0;
        while (i < body.Length)
        {
            char c = body[i];
            if (c == '\\' && i + 1 < body.Length && body[i + 1] is not ('{' or '}'))
            {
                // An escape is text, and so are the braces of \u{…}; Unescape decodes it with the rest.
                int close = body[i + 1] == 'u' && i + 2 < body.Length && body[i + 2] == '{' ? body.IndexOf('}', i + 3) : -1;
                i = close >= 0 ? close + 1 : i + 2;
                continue;
            }
            if ((c == '{' || c == '}') && i + 1 < body.Length && body[i + 1] == c)
            {
                // `{{` and `}}` are literal braces.
                TakeLiteral(i);
                literal.Append(c);
                i += 2;
                literalStart = i;
                continue;
            }
            if (c == '}')
            {
                errors.Add("f-string: single '}' is not allowed (write '}}' for a brace)", At(token, bodyStart + i));
                i++;
                continue;
            }
            if (c != '{') { i++; continue; }

            FlushLiteral(i);
            if (FStringFields.Read(body, i + 1, level, out var problem) is not { } field)
            {
                errors.Add(problem.Message, At(token, bodyStart + problem.Position));
                return parts;
            }
            Field(token, body, bodyStart, field, level, parts);
            i = field.End + 1;
            literalStart = i;
        }
        FlushLiteral(body.Length);
        return parts;
    }

    // A field's parts: `{x=}` prints its text first and, without a conversion or spec, the value's
    // repr, as Python does; the spec, when it has fields, becomes the f-string that computes it.
    private void Field(IToken token, string body, int bodyStart, FStringFields.Field field, int level, List<FStringPart> parts)
    {
        string exprText = body[field.ExprStart..field.ExprEnd];
        if (exprText.Trim().Length == 0)
        {
            errors.Add("f-string: empty expression not allowed", At(token, bodyStart + field.ExprStart - 1));
            return;
        }
        string? spec = field.SpecStart >= 0 ? body[field.SpecStart..field.End] : null;
        FString? nestedSpec = spec is not null && spec.Contains('{')
            ? new FString(FStringParts(token, spec, bodyStart + field.SpecStart, level + 1), At(token, bodyStart + field.SpecStart))
            : null;
        char conversion = field.Conversion;
        if (field.EqualsEnd >= 0)
        {
            // One text part with the literal before it, as `f"a x={x!r}"` would have.
            string text = body[field.ExprStart..field.EqualsEnd];
            if (parts is [.., { Value: null, Text: { } before }]) parts[^1] = new FStringPart(before + text, null, null);
            else parts.Add(new FStringPart(text, null, null));
            if (conversion == '\0' && spec is null) conversion = 'r';
        }
        // Inner line 1, column 1 is the expression's first character, wherever the token itself was placed.
        var first = positions.At(token, bodyStart + field.ExprStart);
        var value = IsPlainName(exprText)
            ? new Name(exprText, new SourceSpan(positions.Source, first.Line, first.Column, first.Line, first.Column + exprText.Length))
            : ScriptParser.ParseEmbeddedExpression(exprText, new SourcePositions(positions.Source, first.Line - 1, first.Column - 1), errors);
        if (value is not null) parts.Add(new FStringPart(null, value, spec, nestedSpec, conversion));
    }

    // `{x}`, the commonest field, is the Name the nested parse would give (placed where the text
    // stands), without a lexer and a parser made for one token.
    private static bool IsPlainName(string text) =>
        text.Length > 0 && (char.IsAsciiLetter(text[0]) || text[0] == '_')
        && !text.AsSpan().ContainsAnyExcept(PlainNameCharacters) && !Keywords.Contains(text);

    private static readonly System.Buffers.SearchValues<char> PlainNameCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");

    private SourceSpan At(IToken token, int index) => positions.At(token, index);

    private string Unescape(string text, IToken token, int first) =>
        Literals.Unescape(text, token, first, positions, errors);
}
