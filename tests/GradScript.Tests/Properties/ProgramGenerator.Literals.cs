namespace GradScript.Tests.Properties;

using System.Text;

// Literals in every spelling the lexer takes: numbers with points, exponents and underscores,
// strings in both quotes with every escape, f-strings with format specs and nested f-strings.
internal sealed partial class ProgramGenerator
{
    private string Literal(Ty type) => type switch
    {
        Ty.Int => IntLiteral(),
        Ty.Float => FloatLiteral(),
        Ty.Bool => _dice.OneOf("true", "false"),
        Ty.Str => StringLiteral(),
        Ty.List => $"[{FloatLiteral()}, {IntLiteral()}]",
        _ => throw new InvalidOperationException(type.ToString()),
    };

    private string IntLiteral() => _dice.Weighted(
        (10, _dice.Between(0, 12).ToString()),
        (2, _dice.Between(13, 1000).ToString()),
        (1, _dice.OneOf("1_000", "65_536", "0", "007", "4294967296", "9223372036854775807")));

    private string FloatLiteral() => _dice.Weighted(
        (6, $"{_dice.Between(0, 9)}.{_dice.Between(0, 99)}"),
        (1, $".{_dice.Between(1, 9)}"),
        (1, _dice.OneOf("1e-3", "2.5E+2", "1e2", "3e0", "1_000.5", "0.000_1", "6.02e23", "1e-320", "1.0")));

    private string NonZeroFloat() => _dice.OneOf("2.0", "0.5", "3.0", "1.5", "10.0", ".25", "4e-1");

    private string Param() => _dice.Weighted(
        (6, $"param({FloatLiteral()})"),
        (1, $"param(-{FloatLiteral()})"),
        (1, $"param({_dice.Between(-3, 3)})"),
        (1, $"param({FloatLiteral()}, dtype={Quote("float32")})"),
        (1, $"param({FloatLiteral()}, dtype={Quote("float64")})"));

    private string SmallRange()
    {
        if (Variable(Ty.List, counted: false) is { } xs && _dice.Chance(0.2)) return $"0..len({xs.Name})";
        int start = _dice.Between(0, 2);
        return $"{start}..{start + _dice.Between(-1, 5)}";
    }

    private string ListDisplay(int depth = 0)
    {
        int count = _dice.Between(1, 4);
        var items = Enumerable.Range(0, count).Select(_ => Make(Ty.Float, Math.Min(depth, 1)).Text).ToList();
        string separator = _fstringQuote == '\0' && _dice.Chance(0.05) ? ",\n    " : ", ";
        return $"[{string.Join(separator, items)}{(_dice.Chance(0.1) ? "," : "")}]";
    }

    /// <summary>The quote a string literal here uses: never that of an f-string around it.</summary>
    private char QuoteChar() => _fstringQuote switch
    {
        '"' => '\'',
        '\'' => '"',
        _ => _dice.Chance(0.7) ? '"' : '\'',
    };

    private string Quote(string text)
    {
        char q = QuoteChar();
        return q + text + q;
    }

    private static readonly string[] Pieces =
    [
        "a", "b", "x", "hello", "Loss", " ", " ", ":", ",", ".", "!", "-", "=", "#", "()", "[]", "{", "}",
        "<", ">", "%", "0", "42", "é", "中文", "😀", "\\n", "\\t", "\\\\", "\\0", "\\u{1F600}", "\\u{e9}", "QUOTE",
    ];

    private string StringLiteral(bool nonEmpty = false)
    {
        char q = QuoteChar();
        var text = new StringBuilder().Append(q);
        int count = _dice.Between(nonEmpty ? 1 : 0, 5);
        for (int i = 0; i < count; i++) text.Append(StringPiece(q, braces: false));
        return text.Append(q).ToString();
    }

    private string StringPiece(char quote, bool braces)
    {
        string piece = _dice.Pick(Pieces);
        // A string inside an f-string's field may hold no backslash (CPython 3.11), so no escape and
        // no quote: its own would need one, and the other is the f-string's.
        while (_fstringQuote != '\0' && (piece.Contains('\\') || piece == "QUOTE")) piece = _dice.Pick(Pieces);
        if (piece == "QUOTE")
        {
            // Either quote, escaped when it must be: its own, or an f-string's around it.
            char other = quote == '"' ? '\'' : '"';
            char q = _dice.OneOf(quote, other);
            return q == quote || q == _fstringQuote ? "\\" + q : q.ToString();
        }
        return braces && piece is "{" or "}" ? piece + piece : piece;
    }

    private string FormattedString()
    {
        char q = QuoteChar();
        var text = new StringBuilder("f").Append(q);
        int count = _dice.Between(0, 4);
        for (int i = 0; i < count; i++)
        {
            if (_dice.Chance(0.5)) text.Append(StringPiece(q, braces: true));
            else text.Append('{').Append(ReplacementField(q)).Append('}');
        }
        return text.Append(q).ToString();
    }

    // An expression inside an f-string, short, with a format spec that suits its type.
    private string ReplacementField(char quote)
    {
        char outer = _fstringQuote;
        string spec;
        string expression;
        if (outer != '\0')
        {
            // An f-string inside an f-string: both quotes are taken, so no string may appear.
            var number = Variable(Ty.Int) ?? Variable(Ty.Float);
            expression = number?.Name ?? (_dice.Chance(0.5) ? IntLiteral() : FloatLiteral());
            spec = _dice.OneOf("", ":>4", ":.1f");
        }
        else
        {
            var type = RandomType();
            _fstringQuote = quote;
            expression = Make(type, Math.Min(_expressionDepth, 2)).Text;
            _fstringQuote = outer;
            spec = type switch
            {
                Ty.Int => _dice.OneOf("", "", ":d", ":5d", ":05d", ":x", ":,", ":>6", ":<4", ":^7", ":+d", ":.2f"),
                Ty.Float => _dice.OneOf("", "", ":.3f", ":.2e", ":g", ":10.4f", ":,.2f", ":%", ":+.1f"),
                Ty.Tracked => _dice.OneOf("", ":.4f"),
                Ty.Str => _dice.OneOf("", "", ":>5", ":<3", ":^9", ":*^9"),
                _ => "",
            };
        }
        // A field that opens with a dict's brace needs a space before it: `{{` is a literal brace.
        return (_dice.Chance(0.1) || expression.StartsWith('{') ? " " : "") + expression + spec;
    }
}
