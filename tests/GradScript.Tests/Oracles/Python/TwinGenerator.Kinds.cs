namespace GradScript.Tests.Oracles.Python;

// The expressions of each kind: operators and builtins that usually give it.
internal sealed partial class TwinGenerator
{
    private TwinExpr IntExpression(int depth, bool f)
    {
        TwinExpr Int() => Expression(Kind.Int, depth, f);
        TwinExpr Num() => Expression(NumberKind(), depth, f);
        switch (_dice.Below(15))
        {
            case 0: case 1: case 2: return Binary(_dice.OneOf("+", "-", "*"), Int(), Int(), Kind.Int);
            case 3: case 4: return Binary(_dice.OneOf("//", "%"), Int(), Int(), Kind.Int);
            case 5:
                var exponent = TwinExpr.Same(_dice.Between(0, 5).ToString(), Kind.Int);
                return _dice.Chance(0.2) ? Binary("^", TwinExpr.Same("2", Kind.Int), TwinExpr.Same(_dice.OneOf("31", "53", "62", "63"), Kind.Int), Kind.Int)
                    : Binary("^", Int(), exponent, Kind.Int);
            case 6: return Call1("(-{0})", "_neg({0})", Kind.Int, Int());
            case 7: return Call1("abs({0})", "abs({0})", Kind.Int, Int());
            case 8:
                string rounding = _dice.OneOf("int", "round", "floor", "ceil");
                return Call1(rounding + "({0})", rounding + "({0})", Kind.Int, Expression(Kind.Float, depth, f));
            case 9: return Call2("round({0}, {1})", "round({0}, {1})", Kind.Int, Int(), SmallInt(-20, 2));
            case 10:
                string extreme = _dice.OneOf("min({0}, {1})", "max({0}, {1})", "max([{0}, {1}])");
                return Call2(extreme, extreme, Kind.Int, Int(), Int());
            case 11: return Call1("len({0})", "len({0})", Kind.Int, Expression(_dice.OneOf(Kind.Str, Kind.List), depth, f));
            case 12: return Call1("sum({0})", "sum({0})", Kind.Int, Call2("[{0}, {1}]", "[{0}, {1}]", Kind.List, Int(), Int()));
            case 13: return Binary(_dice.OneOf("+", "*", "-"), Expression(Kind.Bool, depth, f), Int(), Kind.Int);
            default: return Call1("int({0})", "int({0})", Kind.Int, _dice.Chance(0.5) ? Num() : Expression(Kind.Str, depth, f));
        }
    }

    private TwinExpr FloatExpression(int depth, bool f)
    {
        TwinExpr Num() => Expression(NumberKind(), depth, f);
        TwinExpr Float() => Expression(Kind.Float, depth, f);
        switch (_dice.Below(12))
        {
            case 0: case 1: case 2: return Binary(_dice.OneOf("+", "-", "*", "/"), Float(), Num(), Kind.Float);
            case 3: return Binary(_dice.OneOf("+", "-", "*", "/"), Num(), Float(), Kind.Float);
            case 4: return Binary("/", Expression(Kind.Int, depth, f), Expression(Kind.Int, depth, f), Kind.Float);
            case 5: return Binary(_dice.OneOf("//", "%"), Float(), Num(), Kind.Float);
            case 6: return Binary("^", Float(), Num(), Kind.Float);
            case 7:
                string function = _dice.OneOf("exp", "log", "sqrt", "sin", "cos", "tan", "tanh", "abs", "float");
                return Call1(function + "({0})", function + "({0})", Kind.Float, Num());
            case 8: return Call2("round({0}, {1})", "round({0}, {1})", Kind.Float, Float(), SmallInt(-5, 12));
            case 9: return Call1("(-{0})", "_neg({0})", Kind.Float, Float());
            case 10: return Call1("float({0})", "float({0})", Kind.Float, Expression(Kind.Str, depth, f));
            default:
                string random = _dice.OneOf("random()", "uniform({0}, {1})", "gauss({0}, {1})", "gauss(mu={0}, sigma={1})", "uniform(a={0}, b={1})");
                return Call2(random, random, Kind.Float, Num(), Num());
        }
    }

    private TwinExpr BoolExpression(int depth, bool f)
    {
        switch (_dice.Below(6))
        {
            case 0: case 1:
                return Binary(_dice.OneOf("<", "<=", ">", ">=", "==", "!="), Expression(NumberKind(), depth, f), Expression(NumberKind(), depth, f), Kind.Bool);
            case 2:
                var kind = _dice.OneOf(Kind.Str, Kind.List, Kind.Bool);
                return Binary(_dice.OneOf("<", "<=", ">", ">=", "==", "!="), Expression(kind, depth, f), Expression(kind, depth, f), Kind.Bool);
            case 3:
                return Binary(_dice.OneOf("==", "!="), Expression(_dice.OneOf(Kind.Int, Kind.Bool, Kind.Str, Kind.None), depth, f),
                    Expression(_dice.OneOf(Kind.Int, Kind.Float, Kind.Bool, Kind.List), depth, f), Kind.Bool);
            case 4: return Call1("(not {0})", "(not {0})", Kind.Bool, Expression(_dice.OneOf(Kind.Bool, Kind.Int, Kind.Str, Kind.List), depth, f));
            default:
                string op = _dice.OneOf("and", "or");
                return Call2($"({{0}} {op} {{1}})", $"({{0}} {op} {{1}})", Kind.Bool, Expression(Kind.Bool, depth, f), Expression(Kind.Bool, depth, f));
        }
    }

    private TwinExpr StrExpression(int depth, bool f)
    {
        TwinExpr Str() => Expression(Kind.Str, depth, f);
        switch (_dice.Below(f ? 6 : 8))
        {
            case 0: case 1: return Binary("+", Str(), Str(), Kind.Str);
            case 2: return Binary("*", Str(), SmallInt(-1, 3), Kind.Str);
            case 3: return Call1("str({0})", "str({0})", Kind.Str, Expression(_dice.OneOf(Kind.Int, Kind.Float, Kind.Bool, Kind.List, Kind.None), depth, f));
            case 4: return Call2("{0}[{1}]", "{0}[{1}]", Kind.Str, Str(), SmallInt(-3, 3));
            case 5:
                string extreme = _dice.OneOf("min({0}, {1})", "max({0}, {1})", "min([{0}, {1}])");
                return Call2(extreme, extreme, Kind.Str, Str(), Str());
            default: return FString(depth);
        }
    }

    private TwinExpr ListExpression(int depth, bool f)
    {
        switch (_dice.Below(4))
        {
            case 0: return Binary("+", Expression(Kind.List, depth, f), Expression(Kind.List, depth, f), Kind.List);
            case 1: return Binary("*", Expression(Kind.List, depth, f), TwinExpr.Same(_dice.Between(0, 3).ToString(), Kind.Int), Kind.List);
            case 2: return Call1("[{0}]", "[{0}]", Kind.List, Expression(_dice.OneOf(Kind.Int, Kind.Float, Kind.Str, Kind.Bool, Kind.List, Kind.None), depth, f));
            default:
                return Call2("[{0}, {1}]", "[{0}, {1}]", Kind.List, Expression(_dice.OneOf(Kind.Int, Kind.Float, Kind.Str), depth, f),
                    Expression(_dice.OneOf(Kind.Int, Kind.Float, Kind.Str, Kind.Bool, Kind.List), depth, f));
        }
    }

    /// <summary>An int literal from <paramref name="low"/> to <paramref name="high"/>, parenthesised when negative.</summary>
    private TwinExpr SmallInt(int low, int high)
    {
        int n = _dice.Between(low, high);
        return TwinExpr.Same(n < 0 ? $"({n})" : n.ToString(System.Globalization.CultureInfo.InvariantCulture), Kind.Int);
    }

    // f'…{value:spec}…' in GradScript; in Python the same fields through format(), joined, so that
    // quotes and backslashes inside the fields need no care on the Python side.
    private TwinExpr FString(int depth)
    {
        var kind = _dice.OneOf(Kind.Int, Kind.Float, Kind.Str, Kind.Bool, Kind.List);
        var value = Expression(kind, depth, inFString: true);
        string[] specs = kind switch { Kind.Int => IntSpecs, Kind.Float => FloatSpecs, Kind.Str => StrSpecs, Kind.Bool => ["d", ">5", "+"], _ => [] };
        string spec = specs.Length == 0 || _dice.Chance(0.2) ? "" : _dice.Pick(specs);
        string colon = spec.Length > 0 || _dice.Chance(0.3) ? ":" : ""; // f"{x:}" is f"{x}"
        string text = _dice.OneOf("", "x=", "| ", "é");
        if (kind is Kind.Float or Kind.Int && _dice.Chance(0.2))
        {
            // A nested spec: the precision comes from an expression.
            string type = _dice.OneOf("f", "e", "g", "%");
            return TwinExpr.Of(p => ($"f'{text}{{{(p[0].Gs.StartsWith('{') ? " " : "")}{p[0].Gs}:.{{{p[1].Gs}}}{type}}}'", $"(\"{text}\" + _fmt({p[0].Py}, \".\" + str({p[1].Py}) + \"{type}\"))"),
                Kind.Str, value, SmallInt(0, 6));
        }
        // A field that opens with a dict's brace needs a space: `{{` is a literal brace.
        return TwinExpr.Of(p => ($"f'{text}{{{(p[0].Gs.StartsWith('{') ? " " : "")}{p[0].Gs}{colon}{spec}}}'", $"(\"{text}\" + _fmt({p[0].Py}, \"{spec}\"))"), Kind.Str, value);
    }
}
