namespace GradScript.Ast;

using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using GradScript.Runtime;

/// <summary>
/// Turns an AST back into GradScript source. Parsing the printed text gives the same tree again,
/// spans aside, for every tree the parser produces: operators get the parentheses their precedence
/// needs and no more, literals print as the text that reads back to the same value, and blocks use
/// braces with one statement per line. Values no literal can spell (a negative number, NaN) print
/// as the expression that gives them, which evaluates the same but parses to a different tree.
/// </summary>
internal static class AstPrinter
{
    private const int IndentWidth = 4;

    /// <summary>A whole script: one statement per line, ending with a newline.</summary>
    public static string Print(ScriptNode script)
    {
        var text = new StringBuilder();
        foreach (var statement in script.Body) Statement(text, statement, 0);
        return text.ToString();
    }

    /// <summary>One expression, on one line.</summary>
    public static string Print(Expr expression)
    {
        var text = new StringBuilder();
        Expression(text, expression, Precedence.Or, Quotes.None);
        return text.ToString();
    }

    // ------------------------------------------------------------------ statements

    private static void Statement(StringBuilder text, Stmt statement, int depth)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        text.Append(' ', IndentWidth * depth);
        switch (statement)
        {
            case ExprStmt s:
                bool bracket = StartsWithDict(s.Expression);
                if (bracket) text.Append('(');
                Expression(text, s.Expression, Precedence.Or, Quotes.None);
                if (bracket) text.Append(')');
                break;
            case Assign s:
                if (StartsWithDict(s.Targets[0])) text.Append('(');
                List(text, s.Targets);
                if (StartsWithDict(s.Targets[0])) text.Append(')');
                text.Append(" = ");
                Expression(text, s.Value, Precedence.Or, Quotes.None);
                break;
            case CompoundAssign s:
                if (StartsWithDict(s.Target)) text.Append('(');
                Expression(text, s.Target, Precedence.Postfix, Quotes.None);
                if (StartsWithDict(s.Target)) text.Append(')');
                text.Append(' ').Append(OperatorTable.Of(s.Op).Compound ?? throw new UnreachableException(s.Op.ToString())).Append(' ');
                Expression(text, s.Value, Precedence.Or, Quotes.None);
                break;
            case If s: IfChain(text, s, depth); break;
            case While s:
                text.Append("while ");
                Expression(text, s.Condition, Precedence.Or, Quotes.None);
                Block(text, s.Body, depth);
                break;
            case For s:
                text.Append("for ");
                List(text, s.Targets);
                text.Append(" in ");
                Expression(text, s.Iterable, Precedence.Or, Quotes.None);
                Block(text, s.Body, depth);
                break;
            case Break: text.Append("break"); break;
            case Delete s:
                text.Append("del ");
                for (int i = 0; i < s.Targets.Count; i++)
                {
                    if (i > 0) text.Append(", ");
                    Expression(text, s.Targets[i], Precedence.Postfix, Quotes.None);
                }
                break;
            case Continue: text.Append("continue"); break;
            case Return s:
                text.Append("return");
                if (s.Value is not null)
                {
                    text.Append(' ');
                    Expression(text, s.Value, Precedence.Or, Quotes.None);
                }
                break;
            case FunctionDef s:
                text.Append("def ").Append(s.Name).Append('(');
                for (int i = 0; i < s.Parameters.Count; i++)
                {
                    if (i > 0) text.Append(", ");
                    text.Append(s.Parameters[i].Name);
                    if (s.Parameters[i].Default is { } value)
                    {
                        text.Append('=');
                        Expression(text, value, Precedence.Or, Quotes.None);
                    }
                }
                text.Append(')');
                Block(text, s.Body, depth);
                break;
            case Global s: text.Append("global ").AppendJoin(", ", s.Names); break;
            case Import s:
                // `as` always: it gives the same name whether or not the source wrote it.
                text.Append("import ");
                StringLiteral(text, s.Specifier, Quotes.None);
                text.Append(" as ").Append(s.Name);
                break;
            case NoGrad s:
                text.Append("no_grad");
                Block(text, s.Body, depth);
                break;
            default: throw new UnreachableException(statement.GetType().Name);
        }
        text.Append('\n');
    }

    // `else if` is an else branch holding just one if statement.
    // Whether the text of `expression` begins with a dict display, whose `{` would begin a block
    // where a statement begins: such a statement is printed in brackets.
    private static bool StartsWithDict(Expr expression)
    {
        while (true)
        {
            switch (expression)
            {
                case DictDisplay or DictComprehension: return true;
                case Binary e: expression = e.Left; break;
                case Logical e: expression = e.Left; break;
                case RangeExpr e: expression = e.Start; break;
                case Call e: expression = e.Callee; break;
                case Index e: expression = e.Target; break;
                case Member e: expression = e.Target; break;
                case Slice e: expression = e.Target; break;
                case Conditional e: expression = e.Then; break;
                default: return false;
            }
        }
    }

    private static void IfChain(StringBuilder text, If statement, int depth)
    {
        text.Append("if ");
        Expression(text, statement.Condition, Precedence.Or, Quotes.None);
        Block(text, statement.Then, depth);
        if (statement.Else is null) return;
        text.Append(" else");
        if (statement.Else is [If elseIf])
        {
            text.Append(' ');
            IfChain(text, elseIf, depth);
        }
        else Block(text, statement.Else, depth);
    }

    private static void Block(StringBuilder text, IReadOnlyList<Stmt> body, int depth)
    {
        if (body.Count == 0)
        {
            text.Append(" { }");
            return;
        }
        text.Append(" {\n");
        foreach (var statement in body) Statement(text, statement, depth + 1);
        text.Append(' ', IndentWidth * depth).Append('}');
    }

    private static void List(StringBuilder text, IEnumerable<Expr> items)
    {
        bool first = true;
        foreach (var item in items)
        {
            if (!first) text.Append(", ");
            Expression(text, item, Precedence.Or, Quotes.None);
            first = false;
        }
    }

    // ------------------------------------------------------------------ expressions

    /// <summary>Which quote characters the text being printed may not contain: those of the f-strings around it.</summary>
    [Flags]
    private enum Quotes { None = 0, Double = 1, Single = 2 }

    private static Precedence LevelOf(Expr expression) => expression switch
    {
        Conditional or Lambda => Precedence.Test,
        Logical { IsAnd: false } => Precedence.Or,
        Logical => Precedence.And,
        Not => Precedence.Not,
        Binary e => OperatorTable.Of(e.Op).Level,
        RangeExpr => Precedence.Range,
        Unary => Precedence.Unary,
        Call or Index or Member or Slice => Precedence.Postfix,
        Literal { Value: long n } when n < 0 => Precedence.Unary,
        Literal { Value: double d } when double.IsNegative(d) && !double.IsNaN(d) => Precedence.Unary,
        _ => Precedence.Primary,
    };

    // Prints `expression` where the grammar expects at least `context`, in brackets when it binds more loosely.
    private static void Expression(StringBuilder text, Expr expression, Precedence context, Quotes quotes)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        bool bracket = LevelOf(expression) < context;
        if (bracket) text.Append('(');
        switch (expression)
        {
            case Literal e: Literal(text, e.Value, quotes); break;
            case FString e: FormattedString(text, e, quotes); break;
            case Name e: text.Append(e.Identifier); break;
            case ListExpr e:
                text.Append('[');
                Items(text, e.Items, quotes);
                text.Append(']');
                break;
            case DictDisplay e:
                text.Append('{');
                for (int i = 0; i < e.Keys.Count; i++)
                {
                    if (i > 0) text.Append(", ");
                    Expression(text, e.Keys[i], Precedence.Or, quotes);
                    text.Append(": ");
                    Expression(text, e.Values[i], Precedence.Or, quotes);
                }
                text.Append('}');
                break;
            case Unary e:
                text.Append(OperatorTable.Of(e.Op).Symbol);
                Expression(text, e.Operand, Precedence.Unary, quotes);
                break;
            case Not e:
                text.Append("not ");
                Expression(text, e.Operand, Precedence.Not, quotes);
                break;
            case Logical e:
                // Left-associative: the left operand may be the same operator, the right one may not.
                var level = e.IsAnd ? Precedence.And : Precedence.Or;
                Expression(text, e.Left, level, quotes);
                text.Append(e.IsAnd ? " and " : " or ");
                Expression(text, e.Right, level + 1, quotes);
                break;
            case RangeExpr e:
                Expression(text, e.Start, Precedence.Additive, quotes);
                text.Append("..");
                Expression(text, e.Stop, Precedence.Additive, quotes);
                break;
            case Binary e: BinaryExpression(text, e, quotes); break;
            case Call e:
                Expression(text, e.Callee, Precedence.Postfix, quotes);
                text.Append('(');
                Items(text, e.Arguments, quotes);
                for (int i = 0; i < e.Keywords.Count; i++)
                {
                    var keyword = e.Keywords[i];
                    if (i > 0 || e.Arguments.Count > 0) text.Append(", ");
                    text.Append(keyword.Name).Append('=');
                    Expression(text, keyword.Value, Precedence.Or, quotes);
                }
                text.Append(')');
                break;
            case Index e:
                Expression(text, e.Target, Precedence.Postfix, quotes);
                text.Append('[');
                Expression(text, e.Key, Precedence.Or, quotes);
                text.Append(']');
                break;
            case Member e:
                Expression(text, e.Target, Precedence.Postfix, quotes);
                text.Append('.').Append(e.Name);
                break;
            case Slice e:
                Expression(text, e.Target, Precedence.Postfix, quotes);
                text.Append('[');
                if (e.Lower is not null) Expression(text, e.Lower, Precedence.Or, quotes);
                text.Append(':');
                if (e.Upper is not null) Expression(text, e.Upper, Precedence.Or, quotes);
                if (e.Step is not null)
                {
                    text.Append(':');
                    Expression(text, e.Step, Precedence.Or, quotes);
                }
                text.Append(']');
                break;
            case Conditional e:
                Expression(text, e.Then, Precedence.Or, quotes);
                text.Append(" if ");
                Expression(text, e.Condition, Precedence.Or, quotes);
                text.Append(" else ");
                // After `else`, outside brackets, a `{` would begin a block.
                Expression(text, e.Otherwise, StartsWithDict(e.Otherwise) ? Precedence.Primary + 1 : Precedence.Test, quotes);
                break;
            case Lambda e:
                text.Append("lambda");
                for (int i = 0; i < e.Parameters.Count; i++)
                {
                    text.Append(i == 0 ? " " : ", ").Append(e.Parameters[i].Name);
                    if (e.Parameters[i].Default is { } value)
                    {
                        text.Append('=');
                        Expression(text, value, Precedence.Or, quotes);
                    }
                }
                text.Append(": ");
                Expression(text, e.Body, Precedence.Test, quotes);
                break;
            case ListComprehension e:
                text.Append('[');
                Expression(text, e.Element, Precedence.Or, quotes);
                Clauses(text, e.Clauses, quotes);
                text.Append(']');
                break;
            case DictComprehension e:
                text.Append('{');
                Expression(text, e.Key, Precedence.Or, quotes);
                text.Append(": ");
                Expression(text, e.Value, Precedence.Or, quotes);
                Clauses(text, e.Clauses, quotes);
                text.Append('}');
                break;
            default: throw new UnreachableException(expression.GetType().Name);
        }
        if (bracket) text.Append(')');
    }

    private static void Clauses(StringBuilder text, IReadOnlyList<ComprehensionClause> clauses, Quotes quotes)
    {
        foreach (var clause in clauses)
        {
            if (clause is ComprehensionFor f)
            {
                text.Append(" for ").AppendJoin(", ", f.Targets.Select(t => t.Identifier)).Append(" in ");
                Expression(text, f.Iterable, Precedence.Or, quotes);
            }
            else
            {
                text.Append(" if ");
                Expression(text, ((ComprehensionIf)clause).Condition, Precedence.Or, quotes);
            }
        }
    }

    // Each operand as loose as the grammar takes it there without brackets.
    private static void BinaryExpression(StringBuilder text, Binary e, Quotes quotes)
    {
        var op = OperatorTable.Of(e.Op);
        Expression(text, e.Left, op.Left, quotes);
        text.Append(' ').Append(op.Symbol).Append(' ');
        Expression(text, e.Right, op.Right, quotes);
    }

    private static void Items(StringBuilder text, IReadOnlyList<Expr> items, Quotes quotes)
    {
        for (int i = 0; i < items.Count; i++)
        {
            if (i > 0) text.Append(", ");
            Expression(text, items[i], Precedence.Or, quotes);
        }
    }

    // ------------------------------------------------------------------ literals

    private static void Literal(StringBuilder text, object? value, Quotes quotes)
    {
        switch (value)
        {
            case null: text.Append("none"); break;
            case bool b: text.Append(b ? "true" : "false"); break;
            case long n: text.Append(NumberFormat.FormatInt(n)); break;
            case double d: text.Append(FloatText(d)); break;
            case string s: StringLiteral(text, s, quotes); break;
            default: throw new UnreachableException(value.GetType().Name);
        }
    }

    // As print shows it (shortest round-trip digits, always with a point or an exponent, so the
    // lexer reads a float); infinity has no such text, but a literal too large for a double is it.
    private static string FloatText(double d) => d switch
    {
        double.PositiveInfinity => "1e999",
        double.NegativeInfinity => "-1e999",
        _ => NumberFormat.FormatFloat(d),
    };

    private static void StringLiteral(StringBuilder text, string value, Quotes quotes)
    {
        char quote = quotes.HasFlag(Quotes.Double) ? '\'' : '"';
        text.Append(quote);
        StringBody(text, value, quote, quotes, braces: false);
        text.Append(quote);
    }

    // Escapes what may not stand in a string as it is: its quote and those of the f-strings around
    // it, backslashes, line ends and other control characters (an f-string's text also doubles its braces).
    // Inside an f-string's field no backslash may stand at all, so a control character the parser
    // took there as it was (a tab, a backspace) is written back as it was.
    private static void StringBody(StringBuilder text, string value, char quote, Quotes quotes, bool braces)
    {
        bool insideField = quotes != Quotes.None;
        foreach (char c in value)
        {
            switch (c)
            {
                case '\\': text.Append(@"\\"); break;
                case '\n': text.Append(@"\n"); break;
                case '\t' or '\r' or '\0' when insideField: text.Append(c); break;
                case '\t': text.Append(@"\t"); break;
                case '\r': text.Append(@"\r"); break;
                case '\0': text.Append(@"\0"); break;
                case '{' or '}' when braces: text.Append(c, 2); break;
                default:
                    if (c == quote || (c == '"' && quotes.HasFlag(Quotes.Double)) || (c == '\'' && quotes.HasFlag(Quotes.Single)))
                        text.Append('\\').Append(c);
                    else if ((char.IsControl(c) || c is '\u2028' or '\u2029') && !insideField)
                        text.Append(@"\u{").Append(((int)c).ToString("X", CultureInfo.InvariantCulture)).Append('}');
                    else text.Append(c);
                    break;
            }
        }
    }

    // The expressions inside an f-string are part of its token, so they may not use its quote.
    private static void FormattedString(StringBuilder text, FString fstring, Quotes quotes)
    {
        char quote = quotes.HasFlag(Quotes.Double) ? '\'' : '"';
        var inner = quotes | (quote == '"' ? Quotes.Double : Quotes.Single);
        text.Append('f').Append(quote);
        foreach (var part in fstring.Parts)
        {
            if (part.Value is null)
            {
                StringBody(text, part.Text ?? "", quote, quotes, braces: true);
                continue;
            }
            // A field whose expression opens with a brace (a dict) needs a space, or `{{` is a literal brace.
            text.Append('{');
            int start = text.Length;
            Expression(text, part.Value, Precedence.Or, inner);
            if (text.Length > start && text[start] == '{') text.Insert(start, ' ');
            if (part.Conversion != '\0') text.Append('!').Append(part.Conversion);
            if (part.FormatSpec is not null) text.Append(':').Append(part.FormatSpec);
            text.Append('}');
        }
        text.Append(quote);
    }
}
