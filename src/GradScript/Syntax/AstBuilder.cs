namespace GradScript.Syntax;

using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using GradScript.Ast;
using GradScript.Diagnostics;
using static GradScript.Syntax.Generated.GradScriptParser;

/// <summary>
/// Builds the AST from an error-free parse tree. This is the only code that names ANTLR's
/// <c>*Context</c> types. It decodes literals and f-strings and checks what the grammar leaves open
/// (assignment targets, integer sizes, escapes), reporting problems to the collector; a tree with
/// any reported problem is not used.
/// </summary>
internal sealed partial class AstBuilder(SourcePositions positions, SyntaxErrorCollector errors)
{
    public ScriptNode BuildProgram(ProgramContext context) =>
        new(Statements(context), positions.Span(context));

    public Expr BuildExpression(ExprContext context) => Expression(context);

    // ------------------------------------------------------------------ statements

    private List<Stmt> Statements(ParserRuleContext list)
    {
        var result = new List<Stmt>();
        foreach (var child in list.children ?? [])
        {
            if (child is StatementContext statement) result.Add(Statement(statement));
        }
        return result;
    }

    private List<Stmt> Block(BlockContext block) => Statements(block);

    private Stmt Statement(StatementContext context)
    {
        EnsureStack(context);
        var span = positions.Span(context);
        return context switch
        {
            ExpressionStatementContext s => new ExprStmt(Expression(s.expr()), span),
            AssignStatementContext s => Assignment(s, span),
            CompoundAssignStatementContext s => new CompoundAssign(
                CompoundOperator(s.op.Type), Target(s.postfix()), Expression(s.expr()), span),
            IfStatementAliasContext s => IfStatement(s.ifStatement()),
            WhileStatementContext s => new While(Expression(s.expr()), Block(s.block()), span),
            ForStatementContext s => new For(ForTargets(s.targets()), Expression(s.expr()), Block(s.block()), span),
            DefStatementContext s => new FunctionDef(
                s.NAME().GetText(), Parameters(s.parameters()), Block(s.block()), positions.Span(s.NAME().Symbol), span),
            ReturnStatementContext s => new Return(s.expr() is { } value ? Expression(value) : null, span),
            BreakStatementContext => new Break(span),
            ContinueStatementContext => new Continue(span),
            GlobalStatementContext s => new Global(s.NAME().Select(n => n.GetText()).ToList(), span),
            NoGradStatementContext s => new NoGrad(Block(s.block()), span),
            _ => throw new UnreachableException(context.GetType().Name),
        };
    }

    private If IfStatement(IfStatementContext context)
    {
        EnsureStack(context);
        IReadOnlyList<Stmt>? orElse = null;
        if (context.ifStatement() is { } elseIf) orElse = [IfStatement(elseIf)];
        else if (context.block().Length > 1) orElse = Block(context.block(1));
        return new If(Expression(context.expr()), Block(context.block(0)), orElse, positions.Span(context));
    }

    private Stmt Assignment(AssignStatementContext context, SourceSpan span)
    {
        var targets = context.targets().postfix().Select(Target).ToList();
        var values = context.expressions().expr();
        Expr value = values.Length == 1
            ? Expression(values[0])
            : new ListExpr(values.Select(Expression).ToList(), positions.Span(context.expressions()));
        return new Assign(targets, value, span);
    }

    private Expr Target(PostfixContext context)
    {
        var target = Postfix(context);
        if (target is not (Name or Index))
            errors.Add($"cannot assign to {Describe(target)}", target.Span);
        return target;
    }

    private List<Name> ForTargets(TargetsContext context)
    {
        var names = new List<Name>();
        foreach (var postfix in context.postfix())
        {
            var target = Postfix(postfix);
            if (target is Name name) names.Add(name);
            else errors.Add($"a for loop binds names, not {Describe(target)}", target.Span);
        }
        return names;
    }

    private List<Parameter> Parameters(ParametersContext? context)
    {
        var result = new List<Parameter>();
        if (context is null) return result;
        bool sawDefault = false;
        foreach (var parameter in context.parameter())
        {
            var name = parameter.NAME();
            var span = positions.Span(name.Symbol);
            if (result.Any(p => p.Name == name.GetText()))
                errors.Add($"duplicate parameter '{name.GetText()}'", span);
            Expr? defaultValue = parameter.expr() is { } d ? Expression(d) : null;
            if (defaultValue is null && sawDefault)
                errors.Add($"parameter '{name.GetText()}' without a default follows one with a default", span);
            sawDefault |= defaultValue is not null;
            result.Add(new Parameter(name.GetText(), defaultValue, span));
        }
        return result;
    }

    private static BinaryOp CompoundOperator(int tokenType) => tokenType switch
    {
        PLUS_ASSIGN => BinaryOp.Add,
        MINUS_ASSIGN => BinaryOp.Subtract,
        STAR_ASSIGN => BinaryOp.Multiply,
        SLASH_ASSIGN => BinaryOp.Divide,
        _ => throw new UnreachableException(),
    };

    private static string Describe(Expr expr) => expr switch
    {
        Call => "a call",
        Literal => "a literal",
        ListExpr => "a list display",
        _ => "an expression",
    };

    // ------------------------------------------------------------------ expressions

    private Expr Expression(ExprContext context) => Or(context.orExpr());

    private Expr Or(OrExprContext context) =>
        FoldLogical(context.andExpr().Select(And).ToList(), isAnd: false);

    private Expr And(AndExprContext context) =>
        FoldLogical(context.notExpr().Select(NotExpression).ToList(), isAnd: true);

    private static Expr FoldLogical(List<Expr> operands, bool isAnd)
    {
        Expr result = operands[0];
        for (int i = 1; i < operands.Count; i++)
            result = new Logical(isAnd, result, operands[i], SourceSpan.Cover(result.Span, operands[i].Span));
        return result;
    }

    private Expr NotExpression(NotExprContext context)
    {
        EnsureStack(context);
        return context.notExpr() is { } operand
            ? new Not(NotExpression(operand), positions.Span(context))
            : Comparison(context.comparison());
    }

    private Expr Comparison(ComparisonContext context)
    {
        var operands = context.rangeExpr();
        var left = Range(operands[0]);
        if (operands.Length == 1) return left;
        var op = context.op.Type switch
        {
            EQ => BinaryOp.Equal,
            NE => BinaryOp.NotEqual,
            LT => BinaryOp.Less,
            LE => BinaryOp.LessEqual,
            GT => BinaryOp.Greater,
            GE => BinaryOp.GreaterEqual,
            _ => throw new UnreachableException(),
        };
        var right = Range(operands[1]);
        return new Binary(op, left, right, positions.Span(context.op), SourceSpan.Cover(left.Span, right.Span));
    }

    private Expr Range(RangeExprContext context)
    {
        var operands = context.additive();
        var start = Additive(operands[0]);
        if (operands.Length == 1) return start;
        var stop = Additive(operands[1]);
        return new RangeExpr(start, stop, SourceSpan.Cover(start.Span, stop.Span));
    }

    // A flat chain a + b - c … is folded in a loop into a left-deep tree, never by recursion.
    private Expr Additive(AdditiveContext context)
    {
        var operands = context.multiplicative();
        var operators = context.additiveOp();
        Expr result = Multiplicative(operands[0]);
        for (int i = 0; i < operators.Length; i++)
        {
            var op = operators[i].op;
            var right = Multiplicative(operands[i + 1]);
            result = new Binary(op.Type == PLUS ? BinaryOp.Add : BinaryOp.Subtract, result, right,
                positions.Span(op), SourceSpan.Cover(result.Span, right.Span));
        }
        return result;
    }

    private Expr Multiplicative(MultiplicativeContext context)
    {
        var operands = context.unary();
        var operators = context.multiplicativeOp();
        Expr result = Unary(operands[0]);
        for (int i = 0; i < operators.Length; i++)
        {
            var op = operators[i].op;
            var binaryOp = op.Type switch
            {
                STAR => BinaryOp.Multiply,
                SLASH => BinaryOp.Divide,
                SLASHSLASH => BinaryOp.FloorDivide,
                PERCENT => BinaryOp.Modulo,
                _ => throw new UnreachableException(),
            };
            var right = Unary(operands[i + 1]);
            result = new Binary(binaryOp, result, right, positions.Span(op), SourceSpan.Cover(result.Span, right.Span));
        }
        return result;
    }

    private Expr Unary(UnaryContext context)
    {
        EnsureStack(context);
        if (context.power() is { } power) return Power(power);
        var operand = Unary(context.unary());
        var op = context.op.Type == MINUS ? UnaryOp.Negate : UnaryOp.Plus;
        return new Unary(op, operand, positions.Span(context));
    }

    private Expr Power(PowerContext context)
    {
        var baseExpr = Postfix(context.postfix());
        if (context.unary() is not { } exponentContext) return baseExpr;
        var exponent = Unary(exponentContext);
        var caret = ((ITerminalNode)context.GetChild(1)).Symbol;
        return new Binary(BinaryOp.Power, baseExpr, exponent, positions.Span(caret), SourceSpan.Cover(baseExpr.Span, exponent.Span));
    }

    private Expr Postfix(PostfixContext context)
    {
        Expr result = Primary(context.primary());
        for (int i = 1; i < context.ChildCount; i++)
        {
            var suffix = (ParserRuleContext)context.GetChild(i);
            var span = SourceSpan.Cover(result.Span, positions.Span(suffix));
            result = suffix switch
            {
                CallSuffixContext call => CallExpression(result, call.arguments(), span),
                IndexSuffixContext index => new Index(result, Expression(index.expr()), span),
                _ => throw new UnreachableException(),
            };
        }
        return result;
    }

    private Call CallExpression(Expr callee, ArgumentsContext? arguments, SourceSpan span)
    {
        var positional = new List<Expr>();
        var keywords = new List<KeywordArgument>();
        foreach (var argument in arguments?.argument() ?? [])
        {
            var value = Expression(argument.expr());
            if (argument.NAME() is { } name)
            {
                var nameSpan = positions.Span(name.Symbol);
                if (keywords.Any(k => k.Name == name.GetText()))
                    errors.Add($"keyword argument '{name.GetText()}' repeated", nameSpan);
                keywords.Add(new KeywordArgument(name.GetText(), value, SourceSpan.Cover(nameSpan, value.Span)));
            }
            else
            {
                if (keywords.Count > 0) errors.Add("positional argument follows keyword argument", value.Span);
                positional.Add(value);
            }
        }
        return new Call(callee, positional, keywords, span);
    }

    private Expr Primary(PrimaryContext context)
    {
        EnsureStack(context);
        var span = positions.Span(context);
        return context switch
        {
            IntLiteralContext c => new Literal(Literals.Integer(c.INT().Symbol, positions, errors), span),
            FloatLiteralContext c => new Literal(FloatValue(c.FLOAT().GetText()), span),
            StringLiteralContext c => new Literal(StringValue(c.STRING().Symbol), span),
            FstringLiteralContext c => FormattedString(c.FSTRING().Symbol),
            TrueLiteralContext => new Literal(true, span),
            FalseLiteralContext => new Literal(false, span),
            NoneLiteralContext => new Literal(null, span),
            NameReferenceContext c => new Name(c.NAME().GetText(), span),
            ParenthesizedContext c => Expression(c.expr()),
            ListLiteralContext c => new ListExpr(c.expr().Select(Expression).ToList(), span),
            _ => throw new UnreachableException(context.GetType().Name),
        };
    }

    private static double FloatValue(string text) =>
        double.Parse(text.Replace("_", ""), NumberStyles.Float, CultureInfo.InvariantCulture);

    // The real stack is guarded as well as the parser's depth: an AST node costs a few frames here.
    private void EnsureStack(ParserRuleContext context)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new NestingTooDeepException(context.Start);
    }
}
