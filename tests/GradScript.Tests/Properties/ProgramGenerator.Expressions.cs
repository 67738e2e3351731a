namespace GradScript.Tests.Properties;

// Expressions of a requested type, with the brackets their precedence needs (and now and then one
// more), built from the builtins, the operators and the variables in reach.
internal sealed partial class ProgramGenerator
{
    /// <summary>Precedence levels, loosest first, as docs/language.md §3 orders them.</summary>
    private enum Level { Test, Or, And, Not, Comparison, Range, Additive, Multiplicative, Unary, Power, Postfix, Primary }

    /// <summary>An expression's text and the level of its outermost operator.</summary>
    private readonly record struct Code(string Text, Level Level);

    /// <summary>String or list variables the current statement may still mention (see the class summary).</summary>
    private int _sequenceReferences = 1;

    /// <summary>Inside an f-string's replacement field: its quote, which nothing inside may use. Else '\0'.</summary>
    private char _fstringQuote;

    private string Expression(Ty type) => Make(type, _expressionDepth).Text;

    private string Int() => Make(Ty.Int, _expressionDepth - 1).Text;

    private string Float() => Make(Ty.Float, _expressionDepth - 1).Text;

    /// <summary>An expression to stand where the grammar expects <paramref name="level"/>, in brackets if it must be.</summary>
    private string Operand(Ty type, Level level) => Wrap(Make(type, _expressionDepth - 1), level).Text;

    /// <summary>An if or while condition: mostly a bool, sometimes any value (truthiness).</summary>
    private string Condition() => Wrap(Make(_dice.Chance(0.85) ? Ty.Bool : RandomType(allowTracked: false), _expressionDepth), Level.Or).Text;

    private Code Make(Ty type, int depth)
    {
        if (type == Ty.Tracked) Touch();
        if (depth <= 0 || _dice.Chance(0.25)) return Atom(type);
        return type switch
        {
            Ty.Int => IntCode(depth - 1),
            Ty.Float => FloatCode(depth - 1),
            Ty.Bool => BoolCode(depth - 1),
            Ty.Str => StrCode(depth - 1),
            Ty.List => ListCode(depth - 1),
            Ty.Tracked => TrackedCode(depth - 1),
            _ => throw new InvalidOperationException(type.ToString()),
        };
    }

    private Code Atom(Ty type)
    {
        if (Variable(type) is { } v && _dice.Chance(0.6)) return Name(v);
        return type switch
        {
            Ty.Int => Primary(IntLiteral()),
            Ty.Float => _dice.Chance(0.1) ? Primary(_dice.OneOf("pi", "e", "inf", "nan")) : Primary(FloatLiteral()),
            Ty.Bool => Primary(_dice.OneOf("true", "false")),
            Ty.Str => Primary(StringLiteral()),
            Ty.List => Primary(ListDisplay()),
            Ty.Tracked => Postfix(Param()),
            _ => throw new InvalidOperationException(type.ToString()),
        };
    }

    // ------------------------------------------------------------------ by type

    private Code IntCode(int d) => _dice.Weighted<Func<Code>>(
        (4, () => Binary(Make(Ty.Int, d), _dice.OneOf("+", "-", "*"), Make(Ty.Int, d))),
        (1, () => Binary(Make(Ty.Int, d), _dice.OneOf("//", "%"), _dice.Chance(0.9) ? Primary(_dice.Between(1, 9).ToString()) : Make(Ty.Int, d))),
        (1, () => Unary(_dice.OneOf("-", "-", "+"), Make(Ty.Int, d))),
        (1, () => Binary(Make(Ty.Int, d), Power(), Primary(_dice.Between(0, 3).ToString()))),
        (2, () => Call("len", Make(_dice.OneOf(Ty.Str, Ty.List), d, counted: false))),
        (1, () => Call("abs", Make(Ty.Int, d))),
        (1, () => Call(_dice.OneOf("min", "max"), Make(Ty.Int, d), Make(Ty.Int, d))),
        (1, () => Call(_dice.OneOf("floor", "ceil", "round", "int"), Make(Ty.Float, d))),
        (1, () => Call("int", Primary(Quote(_dice.OneOf("12", "-3", "0"))))),
        (1, () => Member(Make(Ty.Str, d, counted: false), $"{_dice.OneOf("find", "count")}({StringLiteral()})")),
        (1, () => Member(Make(Ty.List, d, counted: false), $"count({Make(Ty.Float, d).Text})")),
        (1, () => Conditional(Ty.Int, d)),
        (1, () => Call("len", DictComprehension(d))),
        (1, () => Call("len", Primary($"{{{Quote("a")}: {Make(Ty.Int, d).Text}, {_dice.OneOf("1", "none", "true")}: {Make(Ty.Float, d).Text}}}"))),
        (2, () => CallReturning(Ty.Int) ?? Atom(Ty.Int)),
        (1, () => Choice(Ty.Int, d)))();

    private Code FloatCode(int d) => _dice.Weighted<Func<Code>>(
        (4, () => Binary(Make(Ty.Float, d), _dice.OneOf("+", "-", "*"), Make(Ty.Float, d))),
        (2, () => Binary(Make(Ty.Float, d), "/", _dice.Chance(0.8) ? Primary(NonZeroFloat()) : Make(Ty.Float, d))),
        (1, () => Binary(Make(Ty.Float, d), _dice.OneOf("//", "%"), Primary(NonZeroFloat()))),
        (1, () => Binary(Make(Ty.Float, d), Power(), _dice.Chance(0.7) ? Primary(_dice.OneOf("2", "0.5", "3", "-1")) : Make(Ty.Float, d))),
        (1, () => Unary("-", Make(Ty.Float, d))),
        (3, () => Call(_dice.OneOf("exp", "log", "sqrt", "sin", "cos", "tan", "tanh", "sigmoid", "relu", "abs"), Make(Ty.Float, d))),
        (1, () => Call(_dice.OneOf("pow", "min", "max"), Make(Ty.Float, d), Make(Ty.Float, d))),
        (1, () => Call(_dice.OneOf("sum", "mean", "min", "max"), Make(Ty.List, d, counted: false))),
        (1, () => Call(_dice.OneOf("round", "pow"), Make(Ty.Float, d), Primary(_dice.Between(0, 3).ToString()))),
        (_context.NoGrad ? 0 : 1, () => Call(_dice.OneOf("value", "detach", "grad"), Make(Ty.Tracked, d))),
        (_context.NoGrad ? 0 : 1, () => Member(Make(Ty.Tracked, d), _dice.OneOf("item()", "data", "detach()"))),
        (1, () => Member(Make(Ty.Float, d), _dice.OneOf("item()", "data", "detach()"))),
        (1, () => _dice.Chance(0.5) ? Call("random") : Call(_dice.OneOf("uniform", "gauss"), Make(Ty.Float, d), Primary(NonZeroFloat()))),
        (1, () => Call("float", _dice.Chance(0.7) ? Make(Ty.Int, d) : Primary(Quote(_dice.OneOf("1.5", "-2e3", "inf", "7"))))),
        (2, () => Transform("grad", d)),
        (1, () => Conditional(Ty.Float, d)),
        (1, () => Postfix($"(lambda {LambdaParameter}: {LambdaParameter} * {FloatLiteral()})({Make(Ty.Float, d).Text})")),
        (1, () => Index(Primary($"({{{Quote("k")}: {Make(Ty.Float, d).Text}}})"), Primary(Quote("k")))),
        (1, () => Postfix($"dict(k={Make(Ty.Float, d).Text}).get({Quote(_dice.OneOf("k", "j"))}, {FloatLiteral()})")),
        (2, () => Element(d)),
        (2, () => CallReturning(Ty.Float) ?? Make(Ty.Int, d)),
        (1, () => Choice(Ty.Float, d)))();

    private Code BoolCode(int d) => _dice.Weighted<Func<Code>>(
        (4, () => Binary(Make(Ty.Float, d), Comparison(), Make(Ty.Float, d))),
        (2, () => Binary(Make(Ty.Int, d), Comparison(), Make(Ty.Int, d))),
        (1, () => Binary(Make(Ty.Str, d, counted: false), Comparison(), Make(Ty.Str, d, counted: false))),
        (_context.NoGrad ? 0 : 1, () => Binary(Make(Ty.Tracked, d), Comparison(), Make(Ty.Float, d))),
        (1, () => Binary(Make(Ty.List, d, counted: false), _dice.OneOf("==", "!="), Make(Ty.List, d, counted: false))),
        (1, () => Binary(Make(RandomType(allowTracked: false), d, counted: false), _dice.OneOf("==", "!="), Primary("none"))),
        (2, () => Not(Make(Ty.Bool, d))),
        (3, () => Binary(Make(Ty.Bool, d), _dice.OneOf("and", "or"), Make(Ty.Bool, d))),
        (1, () => Call("bool", Make(RandomType(allowTracked: false), d, counted: false))),
        (1, () => Call(_dice.OneOf("any", "all"), Make(Ty.List, d, counted: false))),
        (2, () => Binary(Make(Ty.Float, d), _dice.OneOf("in", "not in"), Make(Ty.List, d, counted: false))),
        (1, () => Binary(FreshString(d), _dice.OneOf("in", "not in"), Make(Ty.Str, d, counted: false))),
        (1, () => Binary(Make(Ty.Int, d), "in", Primary(SmallRange()))),
        (1, () => Member(Make(Ty.Str, d, counted: false), $"{_dice.OneOf("startswith", "endswith")}({StringLiteral()})")),
        (1, () => GradCheck(d)),
        (1, () => CallReturning(Ty.Bool) ?? Atom(Ty.Bool)))();

    private Code StrCode(int d) => _dice.Weighted<Func<Code>>(
        (2, () => Binary(Make(Ty.Str, d), "+", FreshString(d))),
        (1, () => Binary(FreshString(d), "*", Primary(_dice.Between(0, 3).ToString()))),
        (_fstringQuote == '\0' ? 4 : 1, () => Primary(FormattedString())),
        (2, () => Call("str", Make(RandomType(), d))),
        (1, () => Call("type", Make(RandomType(), d, counted: false))),
        (1, () => Index(Primary(StringLiteral(nonEmpty: true)), Primary(_dice.OneOf("0", "-1")))),
        (1, () => Index(Make(Ty.Str, d), Primary(_dice.OneOf("1:", ":2", "::-1", "-3:-1", "::2")))),
        (1, () => Member(Make(Ty.Str, d), _dice.OneOf("upper()", "lower()", "strip()", "lstrip()", "rstrip()", $"replace({StringLiteral()}, {StringLiteral()})"))),
        (1, () => Member(Primary(Quote(_dice.OneOf(", ", "-", ""))), $"join({Make(Ty.Str, d).Text}.split())")),
        (1, () => Member(Primary(Quote(_dice.OneOf("{} and {}", "{0:.2f}|{1}", "{a}"))), $"format({Make(Ty.Float, d).Text}, {Make(Ty.Int, d).Text}, a={Make(Ty.Str, d).Text})")),
        (1, () => CallReturning(Ty.Str) ?? Atom(Ty.Str)))();

    private Code ListCode(int d) => _dice.Weighted<Func<Code>>(
        (3, () => Primary(ListDisplay(d))),
        (2, () => Binary(Make(Ty.List, d), "+", Primary(ListDisplay(d)))),
        (1, () => Binary(Primary(ListDisplay(d)), "*", Primary(_dice.Between(1, 3).ToString()))),
        (1, () => Call("list", Wrap(Primary(SmallRange()), Level.Or))),
        (1, () => Call(_dice.OneOf("sorted", "reversed"), Make(Ty.List, d))),
        (1, () => Postfix($"sorted({Make(Ty.List, d).Text}, reverse={_dice.OneOf("true", "false")}{(_dice.Chance(0.5) ? ", key=abs" : "")})")),
        (1, () => Call("divmod", Make(_dice.OneOf(Ty.Int, Ty.Float), d), Primary(_dice.OneOf("3", "2.5", "-4")))),
        (1, () => Member(Make(Ty.List, d), "copy()")),
        (1, () => Index(Make(Ty.List, d), Primary(_dice.OneOf("1:", ":-1", "::-1", "1::2", ":")))),
        (2, () => Comprehension(d)),
        (1, () => Postfix($"sorted({Make(Ty.List, d).Text}, key=lambda {LambdaParameter}: -{LambdaParameter})")),
        (1, () => Transform("value_and_grad", d)),
        (1, () => CallReturning(Ty.List) ?? Atom(Ty.List)))();

    private Code TrackedCode(int d)
    {
        // Inside no_grad arithmetic gives plain floats, so a tracked value can only be one made before.
        if (_context.NoGrad) return Variable(Ty.Tracked) is { } v ? Name(v) : Postfix(Param());
        return _dice.Weighted<Func<Code>>(
            (2, () => Binary(Make(Ty.Tracked, d), _dice.OneOf("+", "-", "*", "/"), Make(Ty.Float, d))),
            (1, () => Binary(Make(Ty.Float, d), _dice.OneOf("+", "-", "*", "/"), Make(Ty.Tracked, d))),
            (2, () => Binary(Make(Ty.Tracked, d), _dice.OneOf("+", "-", "*"), Make(Ty.Tracked, d))),
            (1, () => Binary(Make(Ty.Tracked, d), Power(), _dice.Chance(0.8) ? Primary(_dice.OneOf("2", "3", "0.5", "2.0")) : Make(Ty.Tracked, d))),
            (1, () => Unary("-", Make(Ty.Tracked, d))),
            (2, () => Call(_dice.OneOf("exp", "log", "sqrt", "sin", "cos", "tan", "tanh", "sigmoid", "relu", "abs"), Make(Ty.Tracked, d))),
            (1, () => Call(_dice.OneOf("pow", "min", "max"), Make(Ty.Tracked, d), Make(Ty.Float, d))),
            (1, () => Call(_dice.OneOf("sum", "mean"), Primary($"[{Make(Ty.Tracked, d).Text}, {Make(Ty.Float, d).Text}]"))),
            (_modules.ContainsKey("losses") ? 1 : 0, () => Loss(d)),
            (1, () => CallReturning(Ty.Tracked) ?? Atom(Ty.Tracked)))();
    }

    private Code Make(Ty type, int depth, bool counted)
    {
        if (counted) return Make(type, depth);
        // Reading a string's length or a list's sum grows nothing: those mentions are free.
        int saved = _sequenceReferences;
        _sequenceReferences = int.MaxValue;
        var code = Make(type, depth);
        _sequenceReferences = saved;
        return code;
    }

    // `x if c else y`, Python's conditional expression: the loosest of all.
    private Code Conditional(Ty type, int d) =>
        new($"{Wrap(Make(type, d), Level.Or).Text} if {Wrap(Make(Ty.Bool, d), Level.Or).Text} else {Wrap(Make(type, d), Level.Test).Text}", Level.Test);

    /// <summary>The parameter of every generated lambda: local to each, so one name serves (no other name has no digits).</summary>
    private const string LambdaParameter = "lv";

    // [v * c for v in xs if v > c], sometimes with a second for: its names stay inside it.
    private Code Comprehension(int d)
    {
        string v = Fresh(null, "v"), u = Fresh(null, "u");
        string source = Make(Ty.List, d).Text;
        string clauses = _dice.Weighted(
            (3, $"for {v} in {source}"),
            (2, $"for {v} in {source} if {v} > {FloatLiteral()}"),
            (1, $"for {v} in {source} for {u} in {SmallRange()} if {u} != 1"));
        string element = clauses.Contains(u) ? $"{v} * {u}" : $"{v} {_dice.OneOf("*", "+", "-")} {FloatLiteral()}";
        return Primary($"[{element} {clauses}]");
    }

    // {v: v * c for v in xs if v > c}: a dict comprehension, whose repeated keys keep their first place.
    private Code DictComprehension(int d)
    {
        string v = Fresh(null, "v");
        string source = Make(Ty.List, d).Text;
        string condition = _dice.Chance(0.5) ? $" if {v} > {FloatLiteral()}" : "";
        return Primary($"{{{v}: {v} {_dice.OneOf("*", "+", "-")} {FloatLiteral()} for {v} in {source}{condition}}}");
    }

    // `c and x or y`: Python's conditional idiom, which yields an operand.
    private Code Choice(Ty type, int d) =>
        Binary(Binary(Make(Ty.Bool, d), "and", Make(type, d)), "or", Make(type, d));

    private Code Element(int d)
    {
        if (Variable(Ty.List, counted: false) is { } xs)
        {
            string index = _dice.OneOf("0", "-1", $"len({xs.Name}) - 1", $"{Operand(Ty.Int, Level.Multiplicative)} % len({xs.Name})");
            return Index(Name(xs), Primary(index));
        }
        return Index(Primary(ListDisplay(d)), Primary(_dice.OneOf("0", "-1")));
    }

    private Code FreshString(int d)
    {
        int saved = _sequenceReferences;
        _sequenceReferences = 0;
        var code = _dice.Chance(0.6) ? Primary(StringLiteral()) : Call("str", Make(Ty.Float, d));
        _sequenceReferences = saved;
        return code;
    }

    private string Comparison() => _dice.OneOf("==", "!=", "<", "<=", ">", ">=");

    // ------------------------------------------------------------------ operators and brackets

    private static Code Primary(string text) => new(text, Level.Primary);

    private static Code Postfix(string text) => new(text, Level.Postfix);

    private Code Name(Var v) => Primary(v.Name);

    private Code Wrap(Code code, Level context) =>
        code.Level < context || _dice.Chance(0.03) ? Primary($"({code.Text})") : code;

    private Code Binary(Code left, string op, Code right)
    {
        var (level, leftLevel, rightLevel) = op switch
        {
            "or" => (Level.Or, Level.Or, Level.And),
            "and" => (Level.And, Level.And, Level.Not),
            "==" or "!=" or "<" or "<=" or ">" or ">=" or "in" or "not in" => (Level.Comparison, Level.Range, Level.Range),
            ".." => (Level.Range, Level.Additive, Level.Additive),
            "+" or "-" => (Level.Additive, Level.Additive, Level.Multiplicative),
            "*" or "/" or "//" or "%" => (Level.Multiplicative, Level.Multiplicative, Level.Unary),
            "^" or "**" => (Level.Power, Level.Postfix, Level.Unary),
            _ => throw new ArgumentException(op),
        };
        string space = char.IsLetter(op[0]) || _dice.Chance(0.85) ? " " : "";
        // A newline may follow a binary operator, and a backslash joins lines anywhere; a
        // replacement field of an f-string has neither.
        string after = _fstringQuote != '\0' ? space : _dice.Weighted((97, space), (2, "\n        "), (1, " \\\n        "));
        var code = new Code($"{Wrap(left, leftLevel).Text}{space}{op}{after}{Wrap(right, rightLevel).Text}", level);
        // Directly inside an angle block a bare `>` could close it.
        return level == Level.Comparison && _context.AngleBlock ? Primary($"({code.Text})") : code;
    }

    private Code Unary(string op, Code operand) => new(op + Wrap(operand, Level.Unary).Text, Level.Unary);

    private Code Not(Code operand) => new("not " + Wrap(operand, Level.Not).Text, Level.Not);

    /// <summary>Power, in either spelling.</summary>
    private string Power() => _dice.Chance(0.3) ? "**" : "^";

    /// <summary><c>x.name</c>: an attribute, or a method call when <paramref name="member"/> ends with its brackets.</summary>
    private Code Member(Code target, string member) => Postfix($"{Wrap(target, Level.Postfix).Text}.{member}");

    private Code Index(Code target, Code key) => Postfix($"{Wrap(target, Level.Postfix).Text}[{key.Text}]");

    private Code Call(string function, params Code[] arguments) =>
        Postfix($"{function}({string.Join(", ", arguments.Select(a => a.Text))})");

    // ------------------------------------------------------------------ variables and calls

    /// <summary>A variable of the type in reach, or null; a string or list one only while the statement may mention one.</summary>
    private Var? Variable(Ty type, bool counted = true)
    {
        bool sequence = type is Ty.Str or Ty.List;
        if (counted && sequence && _sequenceReferences <= 0) return null;
        var candidates = Readable(type).ToList();
        if (candidates.Count == 0) return null;
        if (counted && sequence) _sequenceReferences--;
        return _dice.Pick(candidates);
    }
}
