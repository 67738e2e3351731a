namespace GradScript.Tests.Properties;

using System.Collections.Immutable;

/// <summary>
/// Makes random well-formed GradScript programs over every construct of the language, growing with a
/// size (FsCheck's, 0 to 100). It keeps the types of the variables and functions it has defined, so
/// that most programs run to the end; and it keeps every program finite:
/// <list type="bullet">
/// <item>a <c>while</c> loop counts a counter of its own up to a small bound, and increments it first;</item>
/// <item>a <c>for</c> loop walks a small literal range, a list, a string or a zip/enumerate of lists,
///   and never changes the list it walks;</item>
/// <item>recursion only comes from one template that counts its first argument down from a small number;</item>
/// <item>an expression mentions at most one string or list variable, so no statement can double a
///   string or a list, however often a loop repeats it.</item>
/// </list>
/// Runtime errors still happen (an index out of range, an int overflow, a division by zero); the
/// properties accept them. The limits the properties set are a second line, not the first.
/// This file holds the state and lays statements out; the other parts make statements,
/// functions, expressions and literals.
/// </summary>
internal sealed partial class ProgramGenerator
{
    private const int MaxBlockDepth = 3;
    private const int MaxFunctionDepth = 2;

    private readonly Dice _dice;
    private readonly int _size;
    private readonly int _expressionDepth;
    private int _budget;
    private int _nextName;
    private Scope _scope = new(null, null);
    private readonly Dictionary<string, string> _modules = new(); // a standard module imported, and the name it is bound to
    private Context _context = new(0, 0, false, false, ImmutableHashSet<string>.Empty);

    public ProgramGenerator(ulong seed, int size)
    {
        _dice = new Dice(seed);
        _size = Math.Clamp(size, 0, 100);
        _expressionDepth = 1 + _size / 35;
        _budget = 3 + _size / 4;
    }

    /// <summary>The value types the generator keeps track of. Float means any plain number.</summary>
    internal enum Ty { Int, Float, Bool, Str, List, Tracked }

    /// <summary>How a variable may be changed.</summary>
    private enum Kind
    {
        /// <summary>Assigned and updated freely.</summary>
        Plain,
        /// <summary>A <c>param()</c> leaf: only ever reassigned a new leaf, so it stays one.</summary>
        Leaf,
        /// <summary>A loop counter or loop variable: read only.</summary>
        ReadOnly,
        /// <summary>A list parameter: it belongs to the caller, so it is never changed in place.</summary>
        Borrowed,
    }

    private sealed record Var(string Name, Ty Type, Kind Kind);

    private sealed record Parameter(string Name, Ty Type, string? Default);

    /// <summary>
    /// A function the program can call, with its parameters and what it returns: a value of type
    /// <see cref="Returns"/>, nothing (null), or, for a function that <see cref="MakesClosure"/>, the
    /// function <see cref="Closure"/>. A <see cref="Countdown"/> function recurses on its first
    /// argument, which its callers keep small.
    /// </summary>
    private sealed class Fn(string name, IReadOnlyList<Parameter> parameters, Ty? returns, bool makesClosure = false, bool countdown = false)
    {
        public string Name => name;
        public IReadOnlyList<Parameter> Parameters => parameters;
        public Ty? Returns => returns;
        public bool MakesClosure => makesClosure;
        public bool Countdown => countdown;
        public Fn? Closure { get; set; }
        /// <summary>It records or differentiates: inside <c>no_grad</c> that would go wrong, so it is not called there.</summary>
        public bool TouchesAutograd { get; set; }

        /// <summary>The same function under another name: a variable that holds it.</summary>
        public Fn As(string alias) => new(alias, parameters, returns, makesClosure, countdown) { Closure = Closure, TouchesAutograd = TouchesAutograd };
    }

    /// <summary>The global scope or one function's: the names it defined that may still be relied on.</summary>
    private sealed class Scope(Scope? parent, Fn? function)
    {
        public Scope? Parent => parent;
        public Fn? Function => function;
        public List<Var> Variables { get; } = [];
        public List<Fn> Functions { get; } = [];
        public HashSet<string> DeclaredGlobal { get; } = [];
        public bool IsGlobal => parent is null;
        public int Depth => parent is null ? 0 : parent.Depth + 1;
    }

    /// <summary>
    /// What the statement being made may do. <see cref="AngleBlock"/>: comparisons need brackets (a
    /// bare <c>&gt;</c> would close the block). <see cref="Walked"/>: lists a loop is walking.
    /// </summary>
    private readonly record struct Context(int LoopDepth, int BlockDepth, bool NoGrad, bool AngleBlock, ImmutableHashSet<string> Walked);

    /// <summary>A whole program: a few top-level statements, then a print of some of its variables.</summary>
    public GeneratedProgram Generate()
    {
        var statements = new List<string>();
        if (_dice.Chance(0.2)) statements.Add($"# generated, size {_size}");
        while (_budget > 0) statements.Add(Statement());
        var shown = _scope.Variables.Where(v => v.Type != Ty.Tracked || _dice.Chance(0.5)).TakeLast(4).ToList();
        if (shown.Count > 0) statements.Add($"print({string.Join(", ", shown.Select(v => v.Name))})");
        return new GeneratedProgram(statements);
    }

    // ------------------------------------------------------------------ statements

    private string Statement()
    {
        _budget--;
        bool nested = _budget > 0 && _context.BlockDepth < MaxBlockDepth;
        bool inFunction = !_scope.IsGlobal;
        var make = _dice.Weighted<Func<string>>(
            (10, NewVariable),
            (Assignable().Any() ? 6 : 0, Reassignment),
            (CompoundTargets().Any() ? 6 : 0, CompoundAssignment),
            (MutableLists().Any() ? 7 : 0, ListMutation),
            (8, Print),
            (4, ExpressionStatement),
            (nested ? 4 : 0, IfStatement),
            (nested ? 3 : 0, WhileLoop),
            (nested ? 5 : 0, ForLoop),
            (nested && !_context.NoGrad ? 2 : 0, NoGradBlock),
            (nested && !_context.NoGrad ? 2 : 0, () => OptimizerLoop() ?? AutogradStatement()),
            (_context.NoGrad ? 1 : 4, AutogradStatement),
            (nested && _scope.Depth < MaxFunctionDepth ? 4 : 0, FunctionDefinition),
            (_context.LoopDepth > 0 ? 2 : 0, BreakOrContinue),
            (inFunction ? 2 : 0, EarlyReturn),
            (_scope.Functions.Count > 0 ? 2 : 0, () => NewClosure() ?? Print()),
            (_scope.IsGlobal && _context.BlockDepth == 0 ? 1 : 0, Import),
            (_modules.Count > 0 ? 3 : 0, ModuleStatement),
            (1, ErrorCall),
            (1, () => $"seed({_dice.Between(0, 99)})"));
        _sequenceReferences = 1;
        return make();
    }

    /// <summary>Statements of a block, laid out in braces (or in angle brackets when <paramref name="angle"/>).</summary>
    private string Block(Func<List<string>> body, bool angle = false)
    {
        int saved = _scope.Variables.Count, savedFunctions = _scope.Functions.Count;
        var outer = _context;
        _context = _context with { BlockDepth = outer.BlockDepth + 1, AngleBlock = outer.AngleBlock || angle };
        var statements = body();
        _context = outer;
        // What a block defines may not exist after it (a branch not taken, a loop run no times).
        _scope.Variables.RemoveRange(saved, _scope.Variables.Count - saved);
        _scope.Functions.RemoveRange(savedFunctions, _scope.Functions.Count - savedFunctions);
        return Layout(statements, angle);
    }

    private List<string> Statements(int min, int max, params string[] first)
    {
        var list = new List<string>(first);
        int count = _dice.Between(min, max);
        for (int i = 0; i < count && (i < min || _budget > 0); i++) list.Add(Statement());
        return list;
    }

    private string Layout(List<string> statements, bool angle)
    {
        if (angle) return "< " + string.Join("; ", statements) + " >";
        if (statements.Count == 0) return _dice.OneOf("{ }", "{}", "{\n}");
        if (_dice.Chance(0.25) && statements.All(s => !s.Contains('#')))
            return "{ " + string.Join("; ", statements) + (_dice.Chance(0.2) ? "; }" : " }");
        var text = new System.Text.StringBuilder("{\n");
        for (int i = 0; i < statements.Count; i++)
        {
            text.Append(Indented(statements[i]));
            bool last = i == statements.Count - 1;
            text.Append(last ? "\n" : Separator(statements[i]));
        }
        return text.Append('}').ToString();
    }

    // Between two statements of a block: usually a newline; sometimes a `;`, a blank line or a
    // comment; after a closing brace, nothing but a space may do.
    private string Separator(string statement) => _dice.Weighted(
        (20, "\n"),
        (2, ";\n"),
        (2, "\n\n"),
        (2, "  # note: x = 1; { }\n"),
        (statement.EndsWith('}') ? 3 : 0, " "));

    private static string Indented(string statement) => "    " + statement.Replace("\n", "\n    ");

    // ------------------------------------------------------------------ names

    private string Fresh(Ty? type, string? prefix = null)
    {
        prefix ??= type switch
        {
            Ty.Int => "n",
            Ty.Float => "x",
            Ty.Bool => "b",
            Ty.Str => "s",
            Ty.List => "xs",
            Ty.Tracked => "t",
            _ => "f",
        };
        return $"{prefix}{_nextName++}";
    }

    private void Define(string name, Ty type, Kind kind = Kind.Plain) => _scope.Variables.Add(new Var(name, type, kind));

    private void Touch()
    {
        for (var scope = _scope; scope.Function is { } f; scope = scope.Parent!) f.TouchesAutograd = true;
    }

    private Ty RandomType(bool allowTracked = true) => _dice.Weighted(
        (5, Ty.Float), (4, Ty.Int), (2, Ty.Bool), (3, Ty.Str), (3, Ty.List),
        (allowTracked && !_context.NoGrad ? 3 : 0, Ty.Tracked));

    // ------------------------------------------------------------------ what is in reach

    /// <summary>Variables readable here, innermost scope first; a null type means any.</summary>
    private IEnumerable<Var> Readable(Ty? type)
    {
        for (var scope = _scope; scope is not null; scope = scope.Parent)
        {
            foreach (var v in scope.Variables)
            {
                if (type is null || v.Type == type) yield return v;
            }
        }
    }

    private IEnumerable<Var> GlobalVariables()
    {
        var scope = _scope;
        while (scope.Parent is not null) scope = scope.Parent;
        return scope.Variables;
    }

    private bool IsGlobal(Var v) => GlobalVariables().Contains(v);

    /// <summary>Variables a plain <c>=</c> may assign: the scope's own, and globals it declared.</summary>
    private IEnumerable<Var> Assignable() =>
        Readable(null).Where(v => v.Kind != Kind.ReadOnly
            && (_scope.Variables.Contains(v) || (_scope.DeclaredGlobal.Contains(v.Name) && IsGlobal(v)))
            && !(v.Type == Ty.Tracked && v.Kind != Kind.Leaf && _context.NoGrad)
            && !(v.Type == Ty.List && _context.Walked.Contains(v.Name)));

    /// <summary>
    /// Variables <c>op=</c> may update: any in reach (it updates the nearest), but lists only the
    /// scope's own, and tracked values only leaves inside <c>no_grad</c> (elsewhere `t += e` would
    /// make a plain float of a tracked value).
    /// </summary>
    private IEnumerable<Var> CompoundTargets() =>
        Readable(null).Where(v => v.Kind != Kind.ReadOnly && v.Type != Ty.Bool
            && !(v.Type == Ty.List && (!_scope.Variables.Contains(v) || v.Kind == Kind.Borrowed || _context.Walked.Contains(v.Name)))
            && !(v.Type == Ty.Tracked && v.Kind != Kind.Leaf && _context.NoGrad))
        .GroupBy(v => v.Name).Select(g => g.First());

    private IEnumerable<Var> MutableLists() =>
        _scope.Variables.Where(v => v.Type == Ty.List && v.Kind == Kind.Plain && !_context.Walked.Contains(v.Name));
}
