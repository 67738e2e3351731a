namespace GradScript.Binding;

using System.Runtime.CompilerServices;
using GradScript.Ast;
using GradScript.Diagnostics;

/// <summary>
/// Binds every name to where it lives, with Python's rules (docs/language.md §3): a function's parameters
/// and the names it assigns (by <c>=</c>, <c>for</c> or <c>def</c>) are its locals unless declared
/// <c>global</c>; any other name is read from the nearest enclosing function that has it as a local,
/// else from the globals; a compound assignment creates nothing and updates the nearest existing
/// variable. At top level every name is global. Blocks open no scopes.
/// After <see cref="Resolve(ScriptNode, List{ScriptDiagnostic})"/> finds no errors, every function has its scope, every global its
/// slot (in order of first use, as the script is walked in evaluation order), and <c>return</c>,
/// <c>break</c> and <c>continue</c> stand where they may; <see cref="Resolution.Of"/> then says
/// where any name lives.
/// </summary>
internal sealed class Resolver
{
    private readonly Resolution _resolution = new();
    private readonly List<ScriptDiagnostic> _errors;
    private FunctionScope? _function;
    private int _loopDepth;

    private Resolver(List<ScriptDiagnostic> errors) => _errors = errors;

    /// <summary>Resolves a script, adding its errors to <paramref name="errors"/>.</summary>
    public static Resolution Resolve(ScriptNode script, List<ScriptDiagnostic> errors)
    {
        var resolver = new Resolver(errors);
        resolver.Statements(script.Body);
        return resolver._resolution;
    }

    /// <summary>
    /// A resolver given a script's top-level statements one at a time, in order, by
    /// <see cref="TopLevel"/>: after the last, <see cref="Resolution"/> is what
    /// <see cref="Resolve"/> gives for the whole script, and <paramref name="errors"/> holds its errors.
    /// </summary>
    public static Resolver ForStatements(List<ScriptDiagnostic> errors) => new(errors);

    /// <summary>Resolves the script's next top-level statement.</summary>
    public void TopLevel(Stmt statement) => Statement(statement);

    /// <summary>What has been resolved so far.</summary>
    public Resolution Resolution => _resolution;

    private void Error(string message, SourceSpan span, string? hint = null) => _errors.Add(new ScriptDiagnostic(message, span, hint));

    // ------------------------------------------------------------------ statements

    private void Statements(IReadOnlyList<Stmt> statements)
    {
        for (int i = 0; i < statements.Count; i++) Statement(statements[i]);
    }

    private void Statement(Stmt statement)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new ScriptSyntaxException([new ScriptDiagnostic("too deeply nested", statement.Span)]);
        switch (statement)
        {
            case ExprStmt s: Expression(s.Expression); break;
            case Assign s:
                Expression(s.Value);
                for (int i = 0; i < s.Targets.Count; i++) Target(s.Targets[i]);
                break;
            case CompoundAssign s:
                Expression(s.Value);
                Target(s.Target);
                break;
            case Delete s:
                foreach (var target in s.Targets) Target(target);
                break;
            case If s:
                Expression(s.Condition);
                Statements(s.Then);
                if (s.Else is not null) Statements(s.Else);
                break;
            case While s:
                Expression(s.Condition);
                Loop(s.Body);
                break;
            case For s:
                Expression(s.Iterable);
                for (int i = 0; i < s.Targets.Count; i++) Use(s.Targets[i].Identifier);
                Loop(s.Body);
                break;
            case Break or Continue:
                if (_loopDepth == 0)
                    Error($"'{(statement is Break ? "break" : "continue")}' outside a loop", statement.Span);
                break;
            case Return s:
                if (_function is null) Error("'return' outside a function", s.Span);
                if (s.Value is not null) Expression(s.Value);
                break;
            case FunctionDef s: Function(s); break;
            case Global s:
                foreach (var name in s.Names)
                {
                    if (_function?.IsParameter(name) == true)
                        Error($"'{name}' is a parameter and cannot be declared global", s.Span);
                }
                break;
            case NoGrad s: Statements(s.Body); break;
            case Import s: Use(s.Name); break;
            default: throw new System.Diagnostics.UnreachableException(statement.GetType().Name);
        }
    }

    private void Loop(IReadOnlyList<Stmt> body)
    {
        _loopDepth++;
        Statements(body);
        _loopDepth--;
    }

    private void Function(FunctionDef def)
    {
        // Defaults are evaluated where the function is defined, in the enclosing scope.
        var parameters = def.Parameters;
        for (int i = 0; i < parameters.Count; i++)
        {
            if (parameters[i].Default is { } defaultValue) Expression(defaultValue);
        }
        Use(def.Name);

        var scope = new FunctionScope(def.Name, _function, parameters.Count);
        for (int i = 0; i < parameters.Count; i++) scope.AddParameter(parameters[i].Name);
        LocalsCollector.Collect(def.Body, scope);
        _resolution.Functions[def] = scope;

        var (outerFunction, outerLoops) = (_function, _loopDepth);
        (_function, _loopDepth) = (scope, 0);
        Statements(def.Body);
        (_function, _loopDepth) = (outerFunction, outerLoops);
    }

    private void Target(Expr target)
    {
        switch (target)
        {
            case Name name: Use(name.Identifier); break;
            case Index index:
                Expression(index.Target);
                Expression(index.Key);
                break;
            case Slice slice: Expression(slice); break;
            case Member member: Expression(member.Target); break;
            // The builder has reported any other target as an error; its names are still resolved,
            // so that the script's other errors are found too.
            default: Expression(target); break;
        }
    }

    // A comprehension is a function of its own, as in Python 3: its targets are its locals. Its first
    // iterable is evaluated outside it, in the enclosing scope, as Python evaluates it.
    private void Comprehension(Comprehension c)
    {
        var first = (ComprehensionFor)c.Clauses[0];
        _pending.Push(first.Iterable);
        var targets = c.Clauses.OfType<ComprehensionFor>().SelectMany(f => f.Targets).Select(t => t.Identifier);
        InScopeOf(c, c is DictComprehension ? "<dictcomp>" : "<listcomp>", [], targets, () =>
        {
            foreach (var clause in c.Clauses)
            {
                switch (clause)
                {
                    case ComprehensionFor f:
                        if (!ReferenceEquals(f, first)) Expression(f.Iterable);
                        foreach (var target in f.Targets) Use(target.Identifier);
                        break;
                    case ComprehensionIf i: Expression(i.Condition); break;
                }
            }
            switch (c)
            {
                case ListComprehension list: Expression(list.Element); break;
                case DictComprehension dict:
                    Expression(dict.Key);
                    Expression(dict.Value);
                    break;
                default: throw new System.Diagnostics.UnreachableException(c.GetType().Name);
            }
        });
    }

    // Resolves what `walk` reaches inside a new function scope for `node`, with a stack of its own.
    private void InScopeOf(Expr node, string name, IEnumerable<string> parameters, IEnumerable<string> locals, Action walk)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new ScriptSyntaxException([new ScriptDiagnostic("too deeply nested", node.Span)]);
        var scope = new FunctionScope(name, _function, parameters);
        foreach (var local in locals) scope.AddLocal(local);
        _resolution.ExpressionScopes[node] = scope;
        var (outerFunction, outerLoops, outerPending) = (_function, _loopDepth, _pending);
        (_function, _loopDepth, _pending) = (scope, 0, new Stack<Expr>());
        walk();
        (_function, _loopDepth, _pending) = (outerFunction, outerLoops, outerPending);
    }

    // A name read or bound here: a global's slot is fixed at its first use.
    private void Use(string name) => _resolution.Of(_function, name);

    // ------------------------------------------------------------------ expressions

    // Expressions are walked with an explicit stack: a flat chain of a million operators is a
    // million-deep tree, and order does not matter when only names are being bound. One stack
    // serves every expression (it is empty between them): a script has tens of thousands.
    private Stack<Expr> _pending = new();

    // Its own method: a closure in Expression's switch would be allocated for every expression popped.
    private void Lambda(Lambda l)
    {
        // Defaults are evaluated where the lambda is, in the enclosing scope.
        foreach (var parameter in l.Parameters)
        {
            if (parameter.Default is not null) _pending.Push(parameter.Default);
        }
        InScopeOf(l, "<lambda>", l.Parameters.Select(p => p.Name), [], () => Expression(l.Body));
    }

    private void Expression(Expr root)
    {
        var pending = _pending;
        int bottom = pending.Count;
        pending.Push(root);
        while (pending.Count > bottom)
        {
            switch (pending.Pop())
            {
                case Name name:
                    // Python's True, False and None read as names, and would fail only when run.
                    if (name.Identifier.Length is 4 or 5 && Hints.PythonConstant(name.Identifier) is not null)
                        Error(Hints.PythonConstantMessage(name.Identifier), name.Span, Hints.PythonConstantHint(name.Identifier));
                    Use(name.Identifier);
                    break;
                case Literal: break;
                case FString f:
                    for (int i = 0; i < f.Parts.Count; i++)
                    {
                        if (f.Parts[i].Value is { } value) pending.Push(value);
                        if (f.Parts[i].NestedSpec is { } spec) pending.Push(spec);
                    }
                    break;
                case ListExpr l:
                    for (int i = 0; i < l.Items.Count; i++) pending.Push(l.Items[i]);
                    break;
                case DictDisplay d:
                    for (int i = d.Keys.Count - 1; i >= 0; i--) { pending.Push(d.Values[i]); pending.Push(d.Keys[i]); }
                    break;
                case Unary u: pending.Push(u.Operand); break;
                case Not n: pending.Push(n.Operand); break;
                case Binary b: pending.Push(b.Right); pending.Push(b.Left); break;
                case Logical l: pending.Push(l.Right); pending.Push(l.Left); break;
                case RangeExpr r: pending.Push(r.Stop); pending.Push(r.Start); break;
                case Index i: pending.Push(i.Key); pending.Push(i.Target); break;
                case Member m: pending.Push(m.Target); break;
                case Slice s:
                    if (s.Step is not null) pending.Push(s.Step);
                    if (s.Upper is not null) pending.Push(s.Upper);
                    if (s.Lower is not null) pending.Push(s.Lower);
                    pending.Push(s.Target);
                    break;
                case Conditional c: pending.Push(c.Otherwise); pending.Push(c.Then); pending.Push(c.Condition); break;
                case Lambda l: Lambda(l); break;
                case Comprehension c: Comprehension(c); break;
                case Call c:
                    for (int i = 0; i < c.Keywords.Count; i++) pending.Push(c.Keywords[i].Value);
                    for (int i = 0; i < c.Arguments.Count; i++) pending.Push(c.Arguments[i]);
                    pending.Push(c.Callee);
                    break;
                case var other: throw new System.Diagnostics.UnreachableException(other.GetType().Name);
            }
        }
    }
}
