namespace GradScript.Tests.Oracles.Python;

// The Python constructs a script writer reaches for (issue 16): conditional expressions, slices,
// list and dict comprehensions, lambdas, `in`, string and dict methods, dicts, divmod, sorted,
// reversed, any and all. Where GradScript deliberately differs (docs/differences.md: tuples and
// views are lists, `true == 1` is false, bools do not order with numbers), the Python side goes
// through prelude.py or the generator stays away: lists are sorted only when they hold ints or
// strings alone, dict keys are strings and ints, and a list's membership is `_in` (GradScript's ==).
internal sealed partial class TwinGenerator
{
    // Strings whose case or whitespace rules are not ASCII's, for the string methods.
    private static readonly string[] MethodStrings =
    [
        "\"straße\"", "\"ΟΔΟΣ\"", "\"ǅ\"", "\"İ\"", "\"ﬁ\"", "\"\\x1f a \\x1c\"", "\"\\xa0b\\u2028\"", "\"a,b,,c\"", "\"  x y  \"",
        "\"Hello World\"", "\"aaa\"", "\"\"",
    ];

    private static readonly string[] Keys = ["\"a\"", "\"b\"", "\"k\"", "0", "1", "2"];

    private int _comprehensions;

    // One of the constructs giving `kind`, or null when there is none for it.
    private TwinExpr? PythonConstruct(Kind kind, int depth, bool f)
    {
        if (kind != Kind.None && _dice.Chance(0.2)) return Conditional(kind, depth, f);
        return kind switch
        {
            Kind.Int => PythonInt(depth, f),
            Kind.Bool => PythonBool(depth, f),
            Kind.Str => PythonStr(depth, f),
            Kind.List => PythonList(depth, f),
            Kind.Dict => DictExpression(depth, f),
            _ => null,
        };
    }

    private TwinExpr Conditional(Kind kind, int depth, bool f) =>
        TwinExpr.Of(p => ($"({p[0].Gs} if {p[1].Gs} else {p[2].Gs})", $"({p[0].Py} if {p[1].Py} else {p[2].Py})"), kind,
            Expression(kind, depth, f), Expression(_dice.OneOf(Kind.Bool, Kind.Int, Kind.Str, Kind.List), depth, f), Expression(kind, depth, f));

    private TwinExpr PythonInt(int depth, bool f)
    {
        switch (_dice.Below(6))
        {
            case 0: return Call1("len({0})", "len({0})", Kind.Int, Expression(Kind.Dict, depth, f));
            case 1: return Call2("{0}.get({1}, -1)", "{0}.get({1}, -1)", Kind.Int, Expression(Kind.Dict, depth, f), Key());
            case 2:
                string method = _dice.OneOf("find", "count");
                return Call2($"{{0}}.{method}({{1}})", $"{{0}}.{method}({{1}})", Kind.Int, MethodString(depth, f), Expression(Kind.Str, depth, f));
            case 3:
                string half = _dice.OneOf("0", "1");
                return Call2($"divmod({{0}}, {{1}})[{half}]", $"divmod({{0}}, {{1}})[{half}]", Kind.Int, Expression(Kind.Int, depth, f), Expression(Kind.Int, depth, f));
            case 4: return Comprehension(Kind.Int, depth, f, (_, e, clauses) => $"sum([{e} {clauses}])");
            default: return Lambda(Kind.Int, depth, f);
        }
    }

    private TwinExpr PythonBool(int depth, bool f)
    {
        string negate = _dice.OneOf("", "not ");
        switch (_dice.Below(5))
        {
            case 0:
                // Membership in a list is by GradScript's ==, so the Python side asks _in.
                return Call2($"({{0}} {negate}in {{1}})", $"({negate}_in({{0}}, {{1}}))", Kind.Bool,
                    Expression(_dice.OneOf(Kind.Int, Kind.Float, Kind.Str, Kind.Bool), depth, f), Expression(Kind.List, depth, f));
            case 1: return Call2($"({{0}} {negate}in {{1}})", $"({{0}} {negate}in {{1}})", Kind.Bool, Expression(Kind.Str, depth, f), MethodString(depth, f));
            case 2: return Call2($"({{0}} {negate}in {{1}})", $"({{0}} {negate}in {{1}})", Kind.Bool, Key(), Expression(Kind.Dict, depth, f));
            case 3:
                string method = _dice.OneOf("startswith", "endswith");
                return Call2($"{{0}}.{method}({{1}})", $"{{0}}.{method}({{1}})", Kind.Bool, MethodString(depth, f), Expression(Kind.Str, depth, f));
            default:
                string which = _dice.OneOf("any", "all");
                return Call1($"{which}({{0}})", $"{which}({{0}})", Kind.Bool, Expression(Kind.List, depth, f));
        }
    }

    private TwinExpr PythonStr(int depth, bool f)
    {
        switch (_dice.Below(6))
        {
            case 0: case 1: return Slice(Kind.Str, depth, f);
            case 2:
                string method = _dice.OneOf("upper()", "lower()", "strip()", "lstrip()", "rstrip()");
                return Call1($"{{0}}.{method}", $"{{0}}.{method}", Kind.Str, MethodString(depth, f));
            case 3:
                return TwinExpr.Of(p => ($"{p[0].Gs}.replace({p[1].Gs}, {p[2].Gs})", $"{p[0].Py}.replace({p[1].Py}, {p[2].Py})"), Kind.Str,
                    MethodString(depth, f), Expression(Kind.Str, depth, f), Expression(Kind.Str, depth, f));
            case 4:
                // join takes strings only: the split of a string, its characters sorted, or a list of two.
                string separator = _dice.OneOf("\"\"", "\"-\"", "\", \"");
                string how = _dice.OneOf("{0}.split()", "sorted({0})", "reversed({0})", "{0}.split(\",\")");
                return Call1($"{separator}.join({how})", $"{separator}.join({how})", Kind.Str, MethodString(depth, f));
            default: return Lambda(Kind.Str, depth, f);
        }
    }

    private TwinExpr PythonList(int depth, bool f)
    {
        switch (_dice.Below(10))
        {
            case 0: case 1: return Slice(Kind.List, depth, f);
            case 2: return Comprehension(Kind.List, depth, f, (_, e, clauses) => $"[{e} {clauses}]");
            case 3:
                // Sorted only where GradScript and Python order alike: ints alone, or strings alone.
                var kind = _dice.OneOf(Kind.Int, Kind.Str);
                string reverse = _dice.OneOf("", ", reverse=true", ", reverse=false");
                string key = kind == Kind.Str && _dice.Chance(0.5) ? ", key=lambda s: len(s)" : "";
                return TwinExpr.Of(p => ($"sorted([{p[0].Gs}, {p[1].Gs}, {p[2].Gs}]{key}{reverse})",
                    $"sorted([{p[0].Py}, {p[1].Py}, {p[2].Py}]{key}{reverse.Replace("true", "True").Replace("false", "False")})"),
                    Kind.List, Expression(kind, depth, f), Expression(kind, depth, f), Expression(kind, depth, f));
            case 4: return Call1("reversed({0})", "reversed({0})", Kind.List, Expression(_dice.OneOf(Kind.List, Kind.Str), depth, f));
            case 5: return Call2("divmod({0}, {1})", "divmod({0}, {1})", Kind.List, Expression(NumberKind(), depth, f), Expression(NumberKind(), depth, f));
            case 6:
                string view = _dice.OneOf("keys", "values", "items");
                string py = view == "items" ? "[list(p) for p in {0}.items()]" : $"list({{0}}.{view}())";
                return Call1($"{{0}}.{view}()", py, Kind.List, Expression(Kind.Dict, depth, f));
            case 7: return Call1("{0}.split()", "{0}.split()", Kind.List, MethodString(depth, f));
            case 8: return Call1("list({0})", "list({0})", Kind.List, Expression(_dice.OneOf(Kind.Dict, Kind.Str), depth, f));
            default: return Lambda(Kind.List, depth, f);
        }
    }

    /// <summary>A dict: its keys strings or ints, its values ints.</summary>
    private TwinExpr DictExpression(int depth, bool f)
    {
        if (depth <= 0 || _dice.Chance(0.4))
        {
            int count = _dice.Between(0, 3);
            var keys = Enumerable.Range(0, count).Select(_ => _dice.Pick(Keys)).ToList();
            var values = Enumerable.Range(0, count).Select(_ => Leaf(Kind.Int, f)).ToArray();
            return TwinExpr.Of(p => Display(keys, p), Kind.Dict, values);
        }
        return Comprehension(Kind.Int, depth, f, (q, e, clauses) => $"{{{q}: {e} {clauses}}}", Kind.Dict);
    }

    private static (string, string) Display(List<string> keys, TwinExpr[] values)
    {
        string gs = string.Join(", ", keys.Select((k, i) => $"{k}: {values[i].Gs}"));
        string py = string.Join(", ", keys.Select((k, i) => $"{k}: {values[i].Py}"));
        return ($"{{{gs}}}", $"{{{py}}}");
    }

    private TwinExpr Key() => TwinExpr.Same(_dice.Pick(Keys), _dice.Chance(0.5) ? Kind.Str : Kind.Int);

    private TwinExpr MethodString(int depth, bool f) =>
        !f && _dice.Chance(0.4) ? TwinExpr.Same(_dice.Pick(MethodStrings), Kind.Str) : Expression(Kind.Str, depth, f);

    // xs[a:b:c], any part left out; a step of 0 would stop both programs, so there is none.
    private TwinExpr Slice(Kind kind, int depth, bool f)
    {
        string Bound() => _dice.Chance(0.4) ? "" : SmallInt(-5, 5).Gs;
        string bounds = $"{Bound()}:{Bound()}" + (_dice.Chance(0.5) ? ":" + _dice.OneOf("", "1", "2", "-1", "-2", "3", "(-3)") : "");
        return Call1($"{{0}}[{bounds}]", $"{{0}}[{bounds}]", kind, Expression(kind, depth, f));
    }

    // A comprehension over a range or a string, with an `if` sometimes: `make` writes it around its
    // variable, element and clauses. The element has `kind`; the result has `result` (default: `kind`).
    // Its variable q0, q1, … lives in the comprehension's own scope, in both languages.
    private TwinExpr Comprehension(Kind kind, int depth, bool f, Func<string, string, string, string> make, Kind? result = null)
    {
        string q = $"q{_comprehensions++}";
        bool overString = _dice.Chance(0.3);
        var source = overString ? MethodString(depth, f) : TwinExpr.Same($"range({_dice.Between(0, 4)})", Kind.List);
        _variables.Add((q, overString ? Kind.Str : Kind.Int));
        var element = Expression(kind, depth, f);
        var condition = _dice.Chance(0.4) ? Expression(_dice.OneOf(Kind.Bool, Kind.Int), depth, f) : null;
        _variables.RemoveAt(_variables.Count - 1);
        var parts = condition is null ? new[] { element, source } : new[] { element, source, condition };
        return TwinExpr.Of(p => (
            make(q, p[0].Gs, $"for {q} in {p[1].Gs}" + (p.Length > 2 ? $" if {p[2].Gs}" : "")),
            make(q, p[0].Py, $"for {q} in {p[1].Py}" + (p.Length > 2 ? $" if {p[2].Py}" : ""))), result ?? kind, parts);
    }

    // (lambda q: body)(argument): the parameter in reach of the body only.
    private TwinExpr Lambda(Kind kind, int depth, bool f)
    {
        string q = $"q{_comprehensions++}";
        var parameterKind = _dice.OneOf(Kind.Int, Kind.Str, Kind.List);
        _variables.Add((q, parameterKind));
        var body = Expression(kind, depth, f);
        _variables.RemoveAt(_variables.Count - 1);
        return TwinExpr.Of(p => ($"(lambda {q}: {p[0].Gs})({p[1].Gs})", $"(lambda {q}: {p[0].Py})({p[1].Py})"), kind, body, Expression(parameterKind, depth, f));
    }
}
