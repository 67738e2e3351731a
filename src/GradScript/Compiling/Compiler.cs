namespace GradScript.Runtime;

using System.Diagnostics;
using System.Runtime.CompilerServices;
using GradScript.Ast;
using GradScript.Binding;
using GradScript.Diagnostics;
using GradScript.Runtime.Nodes;

/// <summary>
/// Turns a resolved AST into executable nodes, once. Every variable access becomes a slot access,
/// every operator a node specialised for it, and operations on two constants are folded. After
/// <see cref="Compile"/> returns, nothing in the result refers to a name by string except for error
/// messages.
/// </summary>
internal sealed partial class Compiler(Resolution resolution, bool echo)
{
    // The scope of the function whose body is being compiled; null at top level.
    private FunctionScope? _scope;

    // Each function's visible locals, by scope (see VisibleLocals).
    private readonly Dictionary<FunctionScope, string[]> _visibleLocals = new(ReferenceEqualityComparer.Instance);

    /// <summary>Left-associative chains longer than this run in a loop instead of a deep tree.</summary>
    private const int ChainThreshold = 32;

    public static CompiledProgram Compile(ScriptNode script, Resolution resolution, bool echo = false)
    {
        var compiler = new Compiler(resolution, echo);
        var body = new Instruction[script.Body.Count];
        for (int i = 0; i < body.Length; i++) body[i] = compiler.TopLevel(script.Body[i]);
        return new CompiledProgram(body, resolution.GlobalNames);
    }

    /// <summary>Compiles one top-level statement of the script, once its names are resolved.</summary>
    public Instruction TopLevel(Stmt statement) =>
        echo && statement is ExprStmt s ? new EchoInstruction(Expression(s.Expression), s.Span) : Statement(statement);

    // Loops, not Select, here and in the resolver: a script is thousands of blocks, and each Select
    // over an IReadOnlyList made a delegate and an iterator.
    private Instruction[] Block(IReadOnlyList<Stmt>? statements)
    {
        if (statements is null || statements.Count == 0) return [];
        var instructions = new Instruction[statements.Count];
        for (int i = 0; i < instructions.Length; i++) instructions[i] = Statement(statements[i]);
        return instructions;
    }

    private Instruction Statement(Stmt statement)
    {
        EnsureStack(statement.Span);
        return statement switch
        {
            ExprStmt s => new ExprInstruction(Expression(s.Expression), s.Span),
            Assign s => new AssignInstruction(Targets(s.Targets, s.Span), Expression(s.Value), s.Span),
            CompoundAssign s => CompoundAssignment(s),
            If s => new IfInstruction(Expression(s.Condition), Block(s.Then), Block(s.Else), s.Span),
            While s => new WhileInstruction(Expression(s.Condition), Block(s.Body), s.Span),
            For s => For(s),
            Break s => new BreakInstruction(s.Span),
            Delete s => new DeleteInstruction(s.Targets.Select(Deletion).ToArray(), s.Span),
            Continue s => new ContinueInstruction(s.Span),
            Return s => new ReturnInstruction(s.Value is null ? null : Expression(s.Value), s.Span),
            FunctionDef s => Function(s),
            NoGrad s => new NoGradInstruction(Block(s.Body), s.Span),
            Global s => new NoOpInstruction(s.Span), // the resolver has used it
            Import s => new ImportInstruction(s.Specifier, s.Name, VariableStore(s.Name, s.Span), s.Span),
            _ => throw new UnreachableException(statement.GetType().Name),
        };
    }

    private Instruction Function(FunctionDef def)
    {
        var scope = resolution.Functions[def];
        var outer = _scope;
        _scope = scope;
        var body = Block(def.Body);
        _scope = outer;
        // Defaults are evaluated, and the function bound, where it is defined.
        var proto = new FunctionProto(def.Name, def.Parameters.Select(p => p.Name).ToArray(), scope.SlotCount, body, def.Span)
        {
            Adjoint = Adjoints.PlanBuilder.TryBuild(def, scope, resolution),
        };
        var defaults = def.Parameters.Select(p => p.Default is null ? null : Expression(p.Default)).ToArray();
        return new DefInstruction(proto, defaults, VariableStore(def.Name, def.NameSpan), def.Span);
    }

    private Instruction CompoundAssignment(CompoundAssign s)
    {
        var value = Expression(s.Value);
        return s.Target switch
        {
            Name name => new CompoundAssignInstruction(s.Op, Expression(name), VariableStore(name.Identifier, name.Span), value, s.Span, s.Span),
            Index index => new CompoundIndexInstruction(s.Op, Expression(index.Target), Expression(index.Key), value, s.Span, s.Span),
            Slice slice => new CompoundSliceInstruction(s.Op, Expression(slice.Target), Optional(slice.Lower), Optional(slice.Upper), Optional(slice.Step), value, s.Span),
            // w.data -= e: read, compute (recording nothing from plain numbers), assign.
            Member member => new AssignInstruction(MemberTarget(member),
                Arithmetic(s.Op, Expression(member), value, s.Span, s.Span), s.Span),
            _ => throw new UnreachableException(),
        };
    }

    private Instruction For(For loop)
    {
        var body = Block(loop.Body);
        if (loop.Iterable is not Call { Callee: Name callee } call || call.Arguments.Count == 0
            || !IsZip(call, callee, loop.Targets.Count) && !IsEnumerate(call, callee, loop.Targets.Count))
            return new ForInstruction(Targets(loop.Targets, loop.Span), Expression(loop.Iterable), body, loop.Span);

        // The general loop (for when the name no longer means the builtin) is made of the same
        // nodes as the fast one, compiled once, in the order the general loop alone would be.
        var targets = new Store[loop.Targets.Count];
        for (int i = 0; i < targets.Length; i++) targets[i] = Target(loop.Targets[i]);
        var calleeCode = Expression(callee);
        var arguments = Expressions(call.Arguments);
        Code? start = call.Keywords is [var keyword] ? Expression(keyword.Value) : null;
        var general = new ForInstruction(
            targets.Length == 1 ? targets[0] : new DestructuringStore(targets, loop.Span),
            new CallCode(calleeCode, arguments, KeywordNames(call), start is null ? [] : [start], call.Span), body, loop.Span);
        return new ZipForInstruction(
            callee.Identifier == "zip" ? Builtins.ZipFunction : Builtins.EnumerateFunction, calleeCode, arguments,
            start, call.Span, targets, general, body, loop.Span);
    }

    private static bool IsZip(Call call, Name callee, int targets) =>
        callee.Identifier == "zip" && call.Keywords.Count == 0 && targets == call.Arguments.Count;

    private static bool IsEnumerate(Call call, Name callee, int targets) =>
        callee.Identifier == "enumerate" && call.Arguments.Count == 1 && targets == 2 && call.Keywords is [] or [{ Name: "start" }];

    private Store Targets<T>(IReadOnlyList<T> targets, SourceSpan span) where T : Expr =>
        targets.Count == 1 ? Target(targets[0]) : new DestructuringStore(targets.Select(t => Target(t)).ToArray(), span);

    private Store Target(Expr target) => target switch
    {
        Name name => VariableStore(name.Identifier, name.Span),
        Index index => new IndexStore(Expression(index.Target), Expression(index.Key), index.Span),
        Slice slice => SliceTarget(slice),
        Member member => MemberTarget(member),
        _ => throw new UnreachableException(target.GetType().Name),
    };

    private DeleteInstruction.Target Deletion(Expr target) => target switch
    {
        Name name => new(VariableStore(name.Identifier, name.Span), null, null, name.Span),
        Index index => new(null, Expression(index.Target), Expression(index.Key), index.Span),
        Slice slice => new(null, null, null, slice.Span, SliceTarget(slice)),
        _ => throw new UnreachableException(target.GetType().Name),
    };

    private SliceStore SliceTarget(Slice slice) =>
        new(Expression(slice.Target), Optional(slice.Lower), Optional(slice.Upper), Optional(slice.Step), slice.Span);

    private Store VariableStore(string identifier, SourceSpan span)
    {
        var variable = resolution.Of(_scope, identifier);
        return variable.Kind switch
        {
            VariableKind.Local => new LocalSet(variable.Slot, span),
            VariableKind.Enclosing => new EnclosingSet(variable.Depth, variable.Slot, span),
            _ => new GlobalSet(variable.Slot, span),
        };
    }

    private static void EnsureStack(SourceSpan span)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new ScriptSyntaxException([new ScriptDiagnostic("too deeply nested to compile", span)]);
    }
}
