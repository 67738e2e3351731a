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
        return new FString(FStringParts(token, token.Text[2..^1], bodyStart, inSpec: false), positions.Span(token));
    }

    // The literal text and replacement fields of `body`, which stands at `bodyStart` in the token's
    // text. A format spec is read the same way, so that `{x:.{n}f}` takes its precision from n; as
    // in Python, a field inside a spec may not nest another.
    private List<FStringPart> FStringParts(IToken token, string body, int bodyStart, bool inSpec)
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
                errors.Add("single '}' in f-string (write '}}' for a brace)", At(token, bodyStart + i));
                i++;
                continue;
            }
            if (c != '{') { i++; continue; }

            FlushLiteral(i);
            int end = FindReplacementEnd(body, i + 1, out int colon);
            if (end < 0)
            {
                errors.Add("'{' in f-string is never closed (write '{{' for a brace)", At(token, bodyStart + i));
                return parts;
            }
            int exprEnd = colon >= 0 ? colon : end;
            string exprText = body[(i + 1)..exprEnd];
            string? spec = colon >= 0 ? body[(colon + 1)..end] : null;
            FString? nestedSpec = null;
            if (spec is not null && spec.Contains('{'))
            {
                if (inSpec) errors.Add("f-string: a format spec inside a format spec is nested too deeply", At(token, bodyStart + colon));
                else nestedSpec = new FString(FStringParts(token, spec, bodyStart + colon + 1, inSpec: true), At(token, bodyStart + colon + 1));
            }
            if (exprText.Trim().Length == 0)
                errors.Add("empty expression in f-string", At(token, bodyStart + i));
            else
            {
                // Inner line 1, column 1 is body[i + 1], wherever the token itself was placed.
                var first = positions.At(token, bodyStart + i + 1);
                var inner = new SourcePositions(positions.Source, first.Line - 1, first.Column - 1);
                var value = ScriptParser.ParseEmbeddedExpression(exprText, inner, errors);
                if (value is not null) parts.Add(new FStringPart(null, value, spec, nestedSpec));
            }
            i = end + 1;
            literalStart = i;
        }
        FlushLiteral(body.Length);
        return parts;
    }

    // The `}` closing a replacement field that starts at `start`, skipping brackets and quotes inside
    // it; `colon` is a top-level `:` that starts a format spec, or -1.
    private static int FindReplacementEnd(string body, int start, out int colon)
    {
        colon = -1;
        int depth = 0;
        char quote = '\0';
        for (int i = start; i < body.Length; i++)
        {
            char c = body[i];
            if (quote != '\0')
            {
                if (c == '\\') i++;
                else if (c == quote) quote = '\0';
                continue;
            }
            switch (c)
            {
                case '"' or '\'': quote = c; break;
                case '(' or '[' or '{': depth++; break;
                case ')' or ']': depth--; break;
                case '}' when depth == 0: return i;
                case '}': depth--; break;
                case ':' when depth == 0 && colon < 0: colon = i; break;
            }
        }
        return -1;
    }

    private SourceSpan At(IToken token, int index) => positions.At(token, index);

    private string Unescape(string text, IToken token, int first) =>
        Literals.Unescape(text, token, first, positions, errors);
}
