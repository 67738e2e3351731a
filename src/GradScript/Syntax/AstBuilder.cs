namespace GradScript.Syntax;

using System.Diagnostics;
using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using GradScript.Ast;
using GradScript.Diagnostics;
using static GradScript.Syntax.Generated.GradScriptParser;

/// <summary>
/// Builds the AST while the parser runs. This is the only code that names ANTLR's <c>*Context</c>
/// types. It decodes literals and f-strings and checks what the grammar leaves open (assignment
/// targets, integer sizes, escapes). When the parse succeeds, <see cref="Finish"/> gives the
/// complete AST and reports those problems; a parse with any syntax error builds nothing.
/// </summary>
/// <remarks>
/// The parser builds no parse tree: a tree as large as the script, kept alive until it is walked,
/// cost more in garbage collection than the parse itself. Instead this listener hears every rule
/// exit, in source order, and reduces what the rule's children left on a stack of values to one
/// node, as a shift-reduce parser does. A flat chain a + b + c … is reduced pair by pair as it is
/// parsed, so nothing here recurses, however deep or long the input.
/// </remarks>
internal sealed partial class AstBuilder : IParseTreeListener
{
    private readonly SourcePositions positions;
    private readonly Parser parser;

    // Problems found while building, kept apart until the parse is known to have succeeded: a
    // parse that fails reports its syntax errors and nothing of a half-built tree.
    private readonly SyntaxErrorCollector errors;

    // Results of the rules finished so far whose parents have not finished yet: Expr, Stmt,
    // List<Stmt> (a block), KeywordArgument, Parameter and List<Parameter>.
    private readonly List<object> _values = new();

    // For each rule being parsed, the number of values when it began: its children's results lie above.
    private readonly List<int> _marks = new();

    private readonly NameTable names = new();

    private bool _abandoned;
    private Node? _result;

    /// <summary>
    /// When set, each top-level statement is handed here as soon as it is built, with whether any
    /// problem was found so far, instead of being kept for the script node (whose body then stays
    /// empty): the pipeline resolves and compiles it at once, so its nodes die young.
    /// </summary>
    public Action<Stmt, bool>? TopLevel { get; init; }

    /// <summary>Whether a problem has been found in what was built so far.</summary>
    public bool HasErrors => errors.HasErrors;

    public AstBuilder(SourcePositions positions, Parser parser)
    {
        this.positions = positions;
        this.parser = parser;
        errors = new SyntaxErrorCollector(positions);
    }

    /// <summary>
    /// After a successful parse: the script (for <c>program</c>) or expression (for <c>fstringExpr</c>),
    /// with the problems found reported to <paramref name="collector"/>. Null if nothing was built.
    /// </summary>
    public Node? Finish(SyntaxErrorCollector collector)
    {
        if (_abandoned || _result is null) return null;
        errors.CopyTo(collector);
        return _result;
    }

    public void EnterEveryRule(ParserRuleContext context)
    {
        if (_abandoned) return;
        // A suffix follows its operand: an operand of one token becomes a node now.
        if (context.RuleIndex is RULE_callSuffix or RULE_indexSuffix or RULE_memberSuffix)
        {
            var atom = context.Parent switch { ArithContext arith => arith.atom, PostfixContext postfix => postfix.atom, _ => null };
            PushAtom(atom, _marks[^1]);
        }
        _marks.Add(_values.Count);
    }

    public void ExitEveryRule(ParserRuleContext context)
    {
        if (_abandoned) return;
        // A rule left by an error (the fast parse bails out through every open rule) or any rule
        // after a reported error has children missing: stop building.
        if (context.exception is not null || parser.NumberOfSyntaxErrors > 0)
        {
            _abandoned = true;
            return;
        }
        int mark = _marks[^1];
        _marks.RemoveAt(_marks.Count - 1);
        switch (context.RuleIndex)
        {
            case RULE_program: _result = new ScriptNode(Take<Stmt>(mark), positions.Span(context)); break;
            case RULE_fstringExpr: _result = Pop<Expr>(); break;
            case RULE_block: _values.Add(Take<Stmt>(mark)); break;
            case RULE_statement: Statement((StatementContext)context, mark); break;
            case RULE_ifStatement: IfStatement(context, mark); break;
            case RULE_elsePart: ElsePart((ElsePartContext)context, mark); break;
            case RULE_globalStatement: GlobalStatement((GlobalStatementContext)context); break;
            case RULE_parameters: Parameters(mark); break;
            case RULE_parameter: Parameter(context, mark); break;
            case RULE_expressions: Expressions(context, mark); break;
            case RULE_test: Test((TestContext)context, mark); break;
            case RULE_compFor: ComprehensionClauses((CompForContext)context, mark); break;
            case RULE_expr: Expression((ExprContext)context); break;
            case RULE_arith: Arithmetic((ArithContext)context, mark); break;
            case RULE_postfix: PushAtom(((PostfixContext)context).atom, mark); break;
            case RULE_callSuffix: CallSuffix(context, mark); break;
            case RULE_indexSuffix: IndexSuffix((IndexSuffixContext)context, mark); break;
            case RULE_memberSuffix: MemberSuffix((MemberSuffixContext)context); break;
            case RULE_argument: Argument((ArgumentContext)context, mark); break;
            case RULE_primary: Primary(context, mark); break;
            // targets, dictEntry: their children's results stay for the parent.
        }
        // Only `program` is still open: a top-level statement is complete.
        if (TopLevel is not null && context.RuleIndex == RULE_statement && _marks.Count == 1) TopLevel(Pop<Stmt>(), errors.HasErrors);
    }

    public void VisitTerminal(ITerminalNode node) { }

    public void VisitErrorNode(IErrorNode node) { }

    // ------------------------------------------------------------------ the stack of values

    private T Pop<T>()
    {
        var value = (T)_values[^1];
        _values.RemoveAt(_values.Count - 1);
        return value;
    }

    private T Peek<T>() => (T)_values[^1];

    // The values from `mark` up, removed from the stack.
    private List<T> Take<T>(int mark)
    {
        var result = new List<T>(_values.Count - mark);
        for (int i = mark; i < _values.Count; i++) result.Add((T)_values[i]);
        _values.RemoveRange(mark, _values.Count - mark);
        return result;
    }

    // ------------------------------------------------------------------ statements

    private void Statement(StatementContext context, int mark)
    {
        // An if or global statement has already left its node (its own rule).
        if (context.Start.Type is IF or GLOBAL) return;
        var span = positions.Span(context);
        Stmt statement = context.Start.Type switch
        {
            DEF => FunctionDef(context, mark, span),
            WHILE => While(span),
            FOR => For(mark, span),
            NO_GRAD => new NoGrad(Pop<List<Stmt>>(), span),
            IMPORT => Import(context, span),
            RETURN => new Return(_values.Count > mark ? Pop<Expr>() : null, span),
            BREAK => new Break(span),
            CONTINUE => new Continue(span),
            DEL => Delete(mark, span),
            _ when context.assign is not null => Assignment(mark, span),
            _ when context.op is not null => CompoundAssignment(context, span),
            _ => new ExprStmt(Pop<Expr>(), span),
        };
        _values.Add(statement);
    }

    private void GlobalStatement(GlobalStatementContext context) =>
        _values.Add(new Global(context._names.Select(names.Text).ToList(), positions.Span(context)));

    // import "lib/nn.grad" binds nn: the file's name must be a name unless `as` gives one.
    private Import Import(StatementContext context, SourceSpan span)
    {
        string specifier = StringValue(context.path);
        string name = context.alias is { } alias ? names.Text(alias) : Path.GetFileNameWithoutExtension(specifier);
        if (context.alias is null && !IsIdentifier(name))
            errors.Add($"import \"{specifier}\" needs `as NAME`: '{name}' is not a name", positions.Span(context.path));
        return new Import(specifier, name, span);
    }

    private static bool IsIdentifier(string text) =>
        text.Length > 0 && (char.IsAsciiLetter(text[0]) || text[0] == '_') && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    // Values: the targets, then the value (one expression, or a list display for `a, b = x, y`).
    private Assign Assignment(int mark, SourceSpan span)
    {
        var value = Pop<Expr>();
        var targets = Take<Expr>(mark);
        foreach (var target in targets) CheckTarget(target);
        return new Assign(targets, value, span);
    }

    private CompoundAssign CompoundAssignment(StatementContext context, SourceSpan span)
    {
        var value = Pop<Expr>();
        var target = Pop<Expr>();
        CheckTarget(target);
        return new CompoundAssign(OperatorTokens.Compound(context.op.Type), target, value, span);
    }

    private void CheckTarget(Expr target)
    {
        if (target is not (Name or Index or Slice or Member))
            errors.Add($"cannot assign to {Describe(target)}", target.Span);
    }

    private Delete Delete(int mark, SourceSpan span)
    {
        var targets = Take<Expr>(mark);
        foreach (var target in targets)
        {
            if (target is not (Name or Index or Slice)) errors.Add($"cannot delete {Describe(target)}", target.Span);
        }
        return new Delete(targets, span);
    }

    private While While(SourceSpan span)
    {
        var body = Pop<List<Stmt>>();
        return new While(Pop<Expr>(), body, span);
    }

    // Values: the targets, the iterable, the body.
    private For For(int mark, SourceSpan span)
    {
        var body = Pop<List<Stmt>>();
        var iterable = Pop<Expr>();
        var names = new List<Name>();
        foreach (var target in Take<Expr>(mark))
        {
            if (target is Name name) names.Add(name);
            else errors.Add($"a for loop binds names, not {Describe(target)}", target.Span);
        }
        return new For(names, iterable, body, span);
    }

    // Values: the parameters (when there are any), the body.
    private FunctionDef FunctionDef(StatementContext context, int mark, SourceSpan span)
    {
        var body = Pop<List<Stmt>>();
        var parameters = _values.Count > mark ? Pop<List<Parameter>>() : [];
        return new FunctionDef(names.Text(context.name), parameters, body, positions.Span(context.name), span);
    }

    // Values: the condition, the body, and an else block or an else-if statement.
    private void IfStatement(ParserRuleContext context, int mark) => IfStatement(positions.Span(context), mark);

    private void IfStatement(SourceSpan span, int mark)
    {
        IReadOnlyList<Stmt>? orElse = null;
        if (_values.Count - mark == 3)
            orElse = _values[^1] is If elseIf ? [elseIf] : (List<Stmt>)_values[^1];
        var body = (List<Stmt>)_values[mark + 1];
        var condition = (Expr)_values[mark];
        _values.RemoveRange(mark, _values.Count - mark);
        _values.Add(new If(condition, body, orElse, span));
    }

    // `else { … }` and `else if …` leave their block or statement as the else part; `elif c { … }`
    // is an if statement of its own, spanning from `elif`.
    private void ElsePart(ElsePartContext context, int mark)
    {
        if (context.elif is { } elif) IfStatement(positions.Span(elif, context.Stop ?? elif), mark);
    }

    private void Parameters(int mark)
    {
        var parameters = Take<Parameter>(mark);
        bool sawDefault = false;
        for (int i = 0; i < parameters.Count; i++)
        {
            var parameter = parameters[i];
            if (IndexOfName(parameters, i, parameter.Name) >= 0)
                errors.Add($"duplicate parameter '{parameter.Name}'", parameter.Span);
            if (parameter.Default is null && sawDefault)
                errors.Add($"parameter '{parameter.Name}' without a default follows one with a default", parameter.Span);
            sawDefault |= parameter.Default is not null;
        }
        _values.Add(parameters);
    }

    private static int IndexOfName(List<Parameter> parameters, int count, string name)
    {
        for (int i = 0; i < count; i++)
        {
            if (parameters[i].Name == name) return i;
        }
        return -1;
    }

    private void Parameter(ParserRuleContext context, int mark)
    {
        var defaultValue = _values.Count > mark ? Pop<Expr>() : null;
        _values.Add(new Parameter(names.Text(context.Start), defaultValue, positions.Span(context.Start)));
    }

    // `a, b = x, y`: several values make a list display.
    private void Expressions(ParserRuleContext context, int mark)
    {
        if (_values.Count - mark > 1) _values.Add(new ListExpr(Take<Expr>(mark), positions.Span(context)));
    }

    private static string Describe(Expr expr) => expr switch
    {
        Call => "a call",
        Literal => "a literal",
        ListExpr => "a list display",
        _ => "an expression",
    };
}
