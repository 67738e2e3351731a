namespace GradScript.Syntax;

using System.Diagnostics;
using System.Globalization;
using Antlr4.Runtime;
using GradScript.Ast;
using GradScript.Diagnostics;
using static GradScript.Syntax.Generated.GradScriptParser;

// Expressions. In the left-recursive rules (expr, arith) the left operand of a binary operator was
// finished before the operator's own rule began, so it lies just below the rule's mark: each binary
// node takes the top two values.
internal sealed partial class AstBuilder
{
    private void Expression(ExprContext context)
    {
        switch (context.op?.Type)
        {
            case NOT:
                _values.Add(new Not(Pop<Expr>(), positions.Span(context)));
                break;
            case AND or OR:
                var right = Pop<Expr>();
                var left = Pop<Expr>();
                _values.Add(new Logical(context.op.Type == AND, left, right, SourceSpan.Cover(left.Span, right.Span)));
                break;
            default:
                Comparison(context);
                break;
        }
    }

    // The first alternative of `expr`: an operand, perhaps a range, perhaps compared with another.
    // Its values are the operands, left to right; with neither dots nor an operator, the one
    // operand is the expression and stays.
    private void Comparison(ExprContext context)
    {
        if (context.op is not { } token)
        {
            if (context.dots is not null) PushRange();
            return;
        }
        // `not in` is two tokens: the grammar marks the `in` as negated.
        var op = context.negated is null ? OperatorTokens.Binary(token.Type) : BinaryOp.NotIn;
        if (context.rightDots is not null) PushRange();
        var right = Pop<Expr>();
        if (context.dots is not null) PushRange();
        _values.Add(right);
        PushBinary(op, token);
    }

    private void PushRange()
    {
        var stop = Pop<Expr>();
        var start = Pop<Expr>();
        _values.Add(new RangeExpr(start, stop, SourceSpan.Cover(start.Span, stop.Span)));
    }

    private void Arithmetic(ArithContext context, int mark)
    {
        // A postfix expression has left its node already, unless it is one token with no suffix.
        if (context.op is not { } op)
        {
            PushAtom(context.atom, mark);
            return;
        }
        // A unary operator starts its expression; a binary one follows its left operand.
        if (op == context.Start)
        {
            _values.Add(new Unary(OperatorTokens.Unary(op.Type), Pop<Expr>(), positions.Span(context)));
            return;
        }
        PushBinary(OperatorTokens.Binary(op.Type), op);
    }

    private void PushBinary(BinaryOp op, IToken token)
    {
        var right = Pop<Expr>();
        var left = Pop<Expr>();
        _values.Add(new Binary(op, left, right, positions.Span(token), SourceSpan.Cover(left.Span, right.Span)));
    }

    // Values: the callee (below the mark), then the arguments, each an Expr or a KeywordArgument.
    private void CallSuffix(ParserRuleContext context, int mark)
    {
        var callee = (Expr)_values[mark - 1];
        var positional = new List<Expr>();
        var keywords = new List<KeywordArgument>();
        for (int i = mark; i < _values.Count; i++)
        {
            if (_values[i] is KeywordArgument keyword) keywords.Add(keyword);
            else positional.Add((Expr)_values[i]);
        }
        _values.RemoveRange(mark - 1, _values.Count - mark + 1);
        _values.Add(new Call(callee, positional, keywords, SourceSpan.Cover(callee.Span, positions.Span(context))));
    }

    // Values: the target (below the mark), then the parts given: an index, or a slice's bounds.
    private void IndexSuffix(IndexSuffixContext context, int mark)
    {
        var target = (Expr)_values[mark - 1];
        var span = SourceSpan.Cover(target.Span, positions.Span(context));
        if (context.colon is null)
        {
            if (context.lower is null)
            {
                errors.Add("an index is missing between [ and ]", positions.Span(context));
                _values.RemoveRange(mark - 1, _values.Count - mark + 1);
                _values.Add(target);
                return;
            }
            var key = Pop<Expr>();
            Pop<Expr>();
            _values.Add(new Index(target, key, span));
            return;
        }
        var step = context.step is not null ? Pop<Expr>() : null;
        var upper = context.upper is not null ? Pop<Expr>() : null;
        var lower = context.lower is not null ? Pop<Expr>() : null;
        Pop<Expr>();
        _values.Add(new Slice(target, lower, upper, step, span));
    }

    // `a if c else b` (values: a, c, b) and `lambda params: body` (values: the parameters, if any,
    // then the body); a plain expression has left its node already.
    private void Test(TestContext context, int mark) => ConditionalOrLambda(context.cond, context.lambda, mark, context);

    private void ConditionalOrLambda(IToken? cond, IToken? lambda, int mark, ParserRuleContext context)
    {
        if (cond is not null)
        {
            var otherwise = Pop<Expr>();
            var condition = Pop<Expr>();
            var then = Pop<Expr>();
            _values.Add(new Conditional(condition, then, otherwise, SourceSpan.Cover(then.Span, otherwise.Span)));
        }
        else if (lambda is not null)
        {
            var body = Pop<Expr>();
            var parameters = _values.Count > mark ? Pop<List<Parameter>>() : [];
            _values.Add(new Lambda(parameters, body, positions.Span(context)));
        }
    }

    // Values: the targets, the iterable, the conditions, and the clauses of an inner `for`, if
    // any; leaves all the clauses, in order, as one list.
    private void ComprehensionClauses(CompForContext context, int mark)
    {
        var inner = context.inner is not null ? Pop<List<ComprehensionClause>>() : null;
        var conditions = new ComprehensionClause[context._conditions.Count];
        for (int i = conditions.Length - 1; i >= 0; i--)
        {
            var condition = Pop<Expr>();
            conditions[i] = new ComprehensionIf(condition, condition.Span);
        }
        var iterable = Pop<Expr>();
        var targets = new List<Name>();
        foreach (var target in Take<Expr>(mark))
        {
            if (target is Name name) targets.Add(name);
            else errors.Add($"a for clause binds names, not {Describe(target)}", target.Span);
        }
        var clauses = new List<ComprehensionClause> { new ComprehensionFor(targets, iterable, positions.Span(context.Start, context.iterable.Stop ?? context.Start)) };
        clauses.AddRange(conditions);
        if (inner is not null) clauses.AddRange(inner);
        _values.Add(clauses);
    }

    private void MemberSuffix(MemberSuffixContext context)
    {
        var target = Pop<Expr>();
        _values.Add(new Member(target, names.Text(context.name), SourceSpan.Cover(target.Span, positions.Span(context))));
    }

    // Checked as each argument ends, against the call's arguments before it, which begin at the mark
    // of the still open `callSuffix` rule.
    private void Argument(ArgumentContext context, int mark)
    {
        ConditionalOrLambda(context.cond, context.lambda, mark, context);
        int first = _marks[^1];
        var value = Peek<Expr>();
        if (context.name is not { } name)
        {
            if (KeywordBefore(first, null))
                errors.Add("positional argument follows keyword argument", value.Span);
            return;
        }
        var nameSpan = positions.Span(name);
        string keyword = names.Text(name);
        if (KeywordBefore(first, keyword))
            errors.Add($"keyword argument '{keyword}' repeated", nameSpan);
        _values[^1] = new KeywordArgument(keyword, value, SourceSpan.Cover(nameSpan, value.Span));
    }

    // Whether a keyword argument below the top value, from `first` up, has the name `keyword` (any
    // name, when null). A loop, not a predicate: every argument of every call asks.
    private bool KeywordBefore(int first, string? keyword)
    {
        for (int i = first; i < _values.Count - 1; i++)
        {
            if (_values[i] is KeywordArgument argument && (keyword is null || argument.Name == keyword)) return true;
        }
        return false;
    }

    /// <summary>
    /// An operand of one token, which `arith` and `postfix` match themselves: its node goes on the
    /// values when their first suffix begins or, with none, when they end; that is, while nothing
    /// lies above their mark yet.
    /// </summary>
    private void PushAtom(IToken? atom, int mark)
    {
        if (atom is not null && _values.Count == mark) _values.Add(Atom(atom));
    }

    private Expr Atom(IToken token)
    {
        var span = positions.Span(token);
        return token.Type switch
        {
            INT => new Literal(Literals.Box(Literals.Integer(token, positions, errors)), span),
            FLOAT => new Literal(Literals.Float(token), span),
            STRING => new Literal(StringValue(token), span),
            FSTRING => FormattedString(token),
            TRUE => new Literal(true, span),
            FALSE => new Literal(false, span),
            NONE => new Literal(null, span),
            NAME => new Name(names.Text(token), span),
            _ => throw new UnreachableException($"token type {token.Type} is not an operand"),
        };
    }

    // The bracketed operands.
    private void Primary(ParserRuleContext context, int mark)
    {
        var token = context.Start;
        var span = positions.Span(context);
        switch (token.Type)
        {
            case LBRACKET when _values.Count > mark && _values[^1] is List<ComprehensionClause> clauses:
                _values.RemoveAt(_values.Count - 1);
                _values.Add(new ListComprehension(Pop<Expr>(), clauses, span));
                break;
            case LBRACKET: _values.Add(new ListExpr(Take<Expr>(mark), span)); break;
            case LDICT when _values.Count > mark && _values[^1] is List<ComprehensionClause> clauses:
                _values.RemoveAt(_values.Count - 1);
                var value = Pop<Expr>();
                _values.Add(new DictComprehension(Pop<Expr>(), value, clauses, span));
                break;
            case LDICT:
                var items = Take<Expr>(mark);
                _values.Add(new DictDisplay(items.Where((_, i) => i % 2 == 0).ToList(), items.Where((_, i) => i % 2 == 1).ToList(), span));
                break;
            // A parenthesized expression is its inner expression, already left.
        }
    }
}
