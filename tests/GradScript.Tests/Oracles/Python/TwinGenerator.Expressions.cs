namespace GradScript.Tests.Oracles.Python;

using System.Globalization;
using GradScript.Tests.Properties;

/// <summary>
/// Random programs of the Python-compatible subset, each in GradScript and in Python: int and float
/// arithmetic at the edges (64-bit limits, signed zeros, inf, nan, subnormals), comparisons, logic,
/// strings, lists, f-strings with format specs, math builtins, conversions, random numbers after a
/// seed, functions, closures, globals and loops. Every choice comes from <see cref="Dice"/>, so the
/// seed FsCheck draws determines the program.
/// </summary>
internal sealed partial class TwinGenerator(ulong seed)
{
    private readonly Dice _dice = new(seed);

    /// <summary>Variables defined so far at top level, with the kind of their value.</summary>
    private readonly List<(string Name, Kind Kind)> _variables = [];

    private static readonly long[] EdgeInts =
    [
        0, 1, -1, 2, 3, 7, 10, 100, 255, 1000, 65, 12345, 1 << 31, (1L << 53) - 1, 1L << 53, (1L << 53) + 1,
        1L << 62, (1L << 62) + 5, long.MaxValue, long.MaxValue - 1, -long.MaxValue, long.MinValue, 3037000499, 3037000500,
    ];

    private static readonly double[] EdgeFloats =
    [
        0.0, -0.0, 0.1, 0.2, 0.5, 1.0, 1.5, 2.5, -2.5, 3.0, 0.125, 2.675, 1e16, 1e15, 1e-5, 1e-4, 123.456, 1e22,
        1e308, 1.7976931348623157e308, 5e-324, 2.2250738585072014e-308, 9007199254740993.0, 9.2e18, 9.3e18,
        double.PositiveInfinity, double.NegativeInfinity, double.NaN, Math.PI, 1e300, 0.3, 4.35, 1.0174313464271036e+307,
    ];

    // Valid in both languages, with the same meaning (GradScript reads Python's \x, \u and \U escapes).
    private static readonly string[] Strings =
    [
        "\"\"", "\"a\"", "\"abc\"", "\"B\"", "\"a b\"", "\"é\"", "\"😀\"", "\"a😀b\"", "\"中文\"", "\"\\n\"", "\"\\t\"",
        "\"\\x01\"", "\"\\xa0\"", "\"\\u00e9\"", "\"\\U0001F600\"", "\"\\uFFFF\"", "\"\\ue000\"", "\"\\\\\"", "\"\\\"\"",
        "\"\\u2028\"", "\"10\"", "\"-7\"", "\" 1_000 \"", "\"1__0\"", "\"_1\"", "\"2.5e3\"", "\"inf\"", "\"-nan\"", "\"0x1\"", "\"1.5\"",
    ];

    private static readonly string[] IntSpecs =
    [
        "d", "5", "<5", ">6", "^7", "*^9", "05", "+", " ", ",", "_", "x", "#x", "X", "o", "#o", "b", "#b", "08b", "_x",
        "e", ".2e", "f", ".3f", "%", "g", ".3g", "n", "=+8", ",d", "010,", "-^6",
    ];

    private static readonly string[] FloatSpecs =
    [
        ".2f", ".0f", "f", "e", ".3e", "E", "g", ".3g", "G", "%", ".1%", "10.3f", "<10", "^12.2f", "+", " .2f", "z.1f",
        ",", "_.2f", ",.2f", "010.2f", "=+12.3e", "#g", "#.0f", ".0e", "n", ".15g", ".17g", ".20f", ".3", "10", "0=12.4",
    ];

    private static readonly string[] StrSpecs = [">6", "<6", "^7", "*^9", ".2", "6.2", "s", "~>4"];

    /// <summary>An expression meant to have <paramref name="kind"/>, at most <paramref name="depth"/> levels deep.</summary>
    public TwinExpr Expression(Kind kind, int depth, bool inFString = false)
    {
        if (depth <= 0 || _dice.Chance(0.3)) return Leaf(kind, inFString);
        if ((kind == Kind.Dict || _dice.Chance(0.25)) && PythonConstruct(kind, depth - 1, inFString) is { } construct) return construct;
        return kind switch
        {
            Kind.Int => IntExpression(depth - 1, inFString),
            Kind.Float => FloatExpression(depth - 1, inFString),
            Kind.Bool => BoolExpression(depth - 1, inFString),
            Kind.Str => StrExpression(depth - 1, inFString),
            Kind.List => ListExpression(depth - 1, inFString),
            Kind.None => new TwinExpr("none", "None", Kind.None),
            _ => throw new System.Diagnostics.UnreachableException(),
        };
    }

    private TwinExpr Leaf(Kind kind, bool inFString)
    {
        var variables = _variables.Where(v => v.Kind == kind).ToList();
        if (variables.Count > 0 && _dice.Chance(0.3)) return TwinExpr.Same(_dice.Pick(variables).Name, kind);
        return kind switch
        {
            Kind.Int => IntLiteral(),
            Kind.Float => FloatLiteral(),
            Kind.Bool => _dice.Chance(0.5) ? new TwinExpr("true", "True", Kind.Bool) : new TwinExpr("false", "False", Kind.Bool),
            Kind.Str => TwinExpr.Same(inFString ? _dice.OneOf("\"a\"", "\"é\"", "\"😀\"", "\"xyz\"", "\"\"") : _dice.Pick(Strings), Kind.Str),
            Kind.List => Call2("[{0}, {1}]", "[{0}, {1}]", Kind.List, Leaf(Kind.Int, inFString), Leaf(_dice.OneOf(Kind.Float, Kind.Str, Kind.Int), inFString)),
            Kind.None => new TwinExpr("none", "None", Kind.None),
            Kind.Dict => DictExpression(0, inFString),
            _ => throw new System.Diagnostics.UnreachableException(),
        };
    }

    private TwinExpr IntLiteral()
    {
        long n = _dice.Weighted<long>((6, _dice.Between(-20, 20)), (4, _dice.Pick(EdgeInts)), (2, -_dice.Pick(EdgeInts)),
            (2, (long)_dice.Bits() >> _dice.Below(64)));
        string text = n == long.MinValue ? "(-9223372036854775807 - 1)" : n < 0 ? $"({n})" : n.ToString(CultureInfo.InvariantCulture);
        return TwinExpr.Same(text, Kind.Int);
    }

    private TwinExpr FloatLiteral()
    {
        double d = _dice.Weighted((4, _dice.Pick(EdgeFloats)), (1, -_dice.Pick(EdgeFloats)), (3, Math.Round(_dice.Fraction() * 200 - 100, _dice.Between(0, 4))),
            (2, BitConverter.Int64BitsToDouble((long)_dice.Bits())));
        return TwinExpr.Same(FloatText(d), Kind.Float);
    }

    /// <summary>A float literal both languages read as <paramref name="d"/>.</summary>
    public static string FloatText(double d)
    {
        if (double.IsNaN(d)) return "nan";
        if (double.IsInfinity(d)) return d > 0 ? "inf" : "(-inf)";
        string text = Math.Abs(d).ToString("R", CultureInfo.InvariantCulture);
        if (!text.Contains('.') && !text.Contains('E')) text += ".0";
        return double.IsNegative(d) ? $"(-{text})" : text;
    }

    // An expression of two parts, each formatted into a GradScript and a Python template.
    private static TwinExpr Call2(string gs, string py, Kind kind, TwinExpr a, TwinExpr b) =>
        TwinExpr.Of(p => (string.Format(CultureInfo.InvariantCulture, gs, p[0].Gs, p[1].Gs), string.Format(CultureInfo.InvariantCulture, py, p[0].Py, p[1].Py)), kind, a, b);

    private static TwinExpr Call1(string gs, string py, Kind kind, TwinExpr a) =>
        TwinExpr.Of(p => (string.Format(CultureInfo.InvariantCulture, gs, p[0].Gs), string.Format(CultureInfo.InvariantCulture, py, p[0].Py)), kind, a);

    // A GradScript operator and the prelude's function for it.
    private static TwinExpr Binary(string op, TwinExpr a, TwinExpr b, Kind kind)
    {
        string helper = op switch
        {
            "+" => "_add", "-" => "_sub", "*" => "_mul", "/" => "_div", "//" => "_floordiv", "%" => "_mod", "^" => "_pow",
            "==" => "_eq", "!=" => "_ne", "<" => "_lt", "<=" => "_le", ">" => "_gt", ">=" => "_ge",
            _ => throw new System.Diagnostics.UnreachableException(op),
        };
        return Call2($"({{0}} {op} {{1}})", helper + "({0}, {1})", kind, a, b);
    }

    private Kind NumberKind() => _dice.Chance(0.5) ? Kind.Int : Kind.Float;
}
