namespace GradScript.Tests.Properties;

// Functions: definitions with defaults, globals and closures, the one recursive template, and
// calls with positional and keyword arguments.
internal sealed partial class ProgramGenerator
{
    // A return in the middle of a function, under a condition.
    private string EarlyReturn()
    {
        var function = _scope.Function!;
        // A function that makes a closure returns it at its end only.
        if (function.MakesClosure) return $"if {Condition()} {{ {Print()} }}";
        string value = function.Returns is { } type ? " " + Expression(type) : "";
        return $"if {Condition()} {{ return{value} }}";
    }

    private string FunctionDefinition()
    {
        if (_scope.IsGlobal && _dice.Chance(0.15)) return Countdown();
        string name = Fresh(null, "f");
        // Required parameters first, then those with defaults; a tracked value has no literal default.
        int count = _dice.Weighted((2, 0), (4, 1), (3, 2), (1, 3));
        int required = _dice.Between(0, count);
        var parameters = new List<Parameter>();
        for (int i = 0; i < count; i++)
        {
            var type = _dice.Weighted((4, Ty.Float), (3, Ty.Int), (1, Ty.Str), (1, Ty.List), (i < required && !_context.NoGrad ? 1 : 0, Ty.Tracked));
            parameters.Add(new Parameter(Fresh(type, "p"), type, i < required ? null : Literal(type)));
        }
        bool closure = _scope.Depth + 1 < MaxFunctionDepth && _dice.Chance(0.25);
        var returns = closure || _dice.Chance(0.15) ? (Ty?)null : RandomType(allowTracked: !_context.NoGrad);
        var function = new Fn(name, parameters, returns, closure);
        string body = InFunction(function, () =>
        {
            var statements = new List<string>();
            var globals = GlobalVariables().Where(v => v.Kind is Kind.Plain or Kind.Leaf).ToList();
            if (globals.Count > 0 && _dice.Chance(0.25))
            {
                var g = _dice.Pick(globals);
                _scope.DeclaredGlobal.Add(g.Name);
                statements.Add($"global {g.Name}");
                statements.Add(g.Kind == Kind.Leaf ? $"{g.Name} = {Param()}" : $"{g.Name} = {Expression(g.Type)}");
            }
            // A closure's first job is to update a variable of the function around it.
            if (!_scope.Parent!.IsGlobal && _dice.Chance(0.7))
            {
                var outer = CompoundTargets().Where(v => !_scope.Variables.Contains(v) && !IsGlobal(v)).ToList();
                if (outer.Count > 0) statements.Add(CompoundAssignment(_dice.Pick(outer)));
            }
            statements.AddRange(Statements(1, 3));
            if (closure)
            {
                _budget++;
                statements.Add(FunctionDefinition());
                function.Closure = _scope.Functions[^1];
                statements.Add($"return {function.Closure.Name}");
            }
            else if (returns is { } type) statements.Add($"return {Expression(type)}");
            else if (_dice.Chance(0.3)) statements.Add("return");
            return statements;
        });
        _scope.Functions.Add(function);
        if (function.TouchesAutograd) Touch();
        string signature = string.Join(", ", parameters.Select(p => p.Default is null ? p.Name : $"{p.Name}={p.Default}"));
        return $"def {name}({signature}) {body}";
    }

    // Makes the body of `function` in a scope of its own, where its parameters are locals.
    private string InFunction(Fn function, Func<List<string>> body)
    {
        var outerScope = _scope;
        var outerContext = _context;
        _scope = new Scope(outerScope, function);
        foreach (var p in function.Parameters)
            _scope.Variables.Add(new Var(p.Name, p.Type, p.Type == Ty.List ? Kind.Borrowed : Kind.Plain));
        // Loops outside do not reach in (break and continue); no_grad does, as a call inside records nothing.
        _context = _context with { LoopDepth = 0, BlockDepth = outerContext.BlockDepth + 1 };
        var statements = body();
        _context = outerContext;
        _scope = outerScope;
        return Layout(statements, angle: false);
    }

    // Recursion with a bound: the first argument counts down to 0, and callers pass a small one.
    private string Countdown()
    {
        string name = Fresh(null, "r"), n = Fresh(Ty.Int, "n"), acc = Fresh(Ty.Int, "acc");
        _scope.Functions.Add(new Fn(name, [new Parameter(n, Ty.Int, null), new Parameter(acc, Ty.Int, "0")], Ty.Int, countdown: true));
        return _dice.Chance(0.5)
            ? $"def {name}({n}, {acc}=0) {{\n    if {Compare($"{n} <= 0")} {{ return {acc} }}\n    return {name}({n} - 1, {acc} + {n} * {_dice.Between(1, 9)})\n}}"
            : $"def {name}({n}, {acc}=0) {{\n    if {Compare($"{n} < 2")} {{ return {n} + {acc} }}\n    return {name}({n} - 1) + {name}({n} - 2)\n}}";
    }

    // A variable holding a closure: `t = make(…)`.
    private string? NewClosure()
    {
        var makers = Callable(f => f.MakesClosure && f.Closure is not null).ToList();
        if (makers.Count == 0) return null;
        var maker = _dice.Pick(makers);
        string name = Fresh(null, "c");
        string call = Call(maker);
        _scope.Functions.Add(maker.Closure!.As(name));
        return $"{name} = {call}";
    }

    // ------------------------------------------------------------------ calls

    // A function transform called at once: `grad(f)(x)`, `grad(grad(sin))(x)`, `value_and_grad(f,
    // argnums=1)(x, y)`. f is a builtin of one number, or a function of the program whose
    // parameters are all numbers and which returns one; the arguments go by position, as transforms
    // pass no keywords on.
    private Code Transform(string transform, int d)
    {
        var functions = Callable(f => f.Parameters.Count > 0 && f.Parameters.All(p => p.Type == Ty.Float)
            && f.Returns is Ty.Float or Ty.Tracked).ToList();
        if (functions.Count > 0 && _dice.Chance(0.6))
        {
            var f = _dice.Pick(functions);
            int count = _dice.Between(f.Parameters.Count(p => p.Default is null), f.Parameters.Count);
            if (count == 0) count = 1;
            var arguments = Enumerable.Range(0, count).Select(_ => Make(Ty.Float, d).Text);
            // One argnums, not a list: a list of gradients is not the number (or pair) asked for.
            string argnums = count > 1 && _dice.Chance(0.4) ? $", argnums={_dice.Below(count)}" : "";
            return Postfix($"{transform}({f.Name}{argnums})({string.Join(", ", arguments)})");
        }
        string builtin = _dice.OneOf("sin", "cos", "tanh", "exp", "sigmoid", "sqrt", "log", "abs", "relu");
        string inner = transform == "grad" && _dice.Chance(0.3) ? $"grad({builtin})" : builtin;
        return Postfix($"{transform}({inner})({Make(Ty.Float, d).Text})");
    }

    // `gradcheck(f, x, …, raise_exception=false)`: a function of numbers checked at a point, as a
    // transform takes one; false rather than an error where the gradients disagree (at a kink).
    private Code GradCheck(int d)
    {
        var functions = Callable(f => f.Parameters.Count > 0 && f.Parameters.All(p => p.Type == Ty.Float)
            && f.Returns is Ty.Float or Ty.Tracked).ToList();
        if (functions.Count > 0 && _dice.Chance(0.6))
        {
            var f = _dice.Pick(functions);
            int count = Math.Max(1, _dice.Between(f.Parameters.Count(p => p.Default is null), f.Parameters.Count));
            var arguments = Enumerable.Range(0, count).Select(_ => Make(Ty.Float, d).Text);
            return Postfix($"gradcheck({f.Name}, {string.Join(", ", arguments)}, raise_exception=false)");
        }
        string builtin = _dice.OneOf("sin", "cos", "tanh", "exp", "sigmoid", "sqrt", "log", "abs", "relu");
        return Postfix($"gradcheck({builtin}, {Make(Ty.Float, d).Text}, raise_exception=false)");
    }

    /// <summary>The functions in reach that <paramref name="which"/> accepts; inside no_grad, none that touches autograd.</summary>
    private IEnumerable<Fn> Callable(Func<Fn, bool> which)
    {
        for (var scope = _scope; scope is not null; scope = scope.Parent)
        {
            foreach (var f in scope.Functions)
            {
                if (which(f) && !(_context.NoGrad && f.TouchesAutograd)) yield return f;
            }
        }
    }

    private Code? CallReturning(Ty type)
    {
        var direct = Callable(f => f.Returns == type).ToList();
        var made = Callable(f => f.MakesClosure && f.Closure?.Returns == type).ToList();
        if (made.Count > 0 && (direct.Count == 0 || _dice.Chance(0.2)))
        {
            // `make(…)(…)`: calling the closure a call returns.
            var maker = _dice.Pick(made);
            return Postfix(Call(maker) + Arguments(maker.Closure!));
        }
        return direct.Count == 0 ? null : Postfix(Call(_dice.Pick(direct)));
    }

    /// <summary>A call of a function that returns nothing, as a statement; null when there is none.</summary>
    private string? CallOfNothing()
    {
        var functions = Callable(f => f.Returns is null).ToList();
        return functions.Count == 0 ? null : Call(_dice.Pick(functions));
    }

    private string Call(Fn function) => function.Name + Arguments(function);

    // Required arguments by position, optional ones sometimes, by position or keyword; now and
    // then every argument by keyword, in any order.
    private string Arguments(Fn function)
    {
        var parameters = function.Parameters;
        var values = new List<(string Name, string Value, bool Required)>();
        foreach (var p in parameters)
        {
            bool required = p.Default is null;
            if (!required && !_dice.Chance(0.5)) continue;
            string value = function.Countdown && p == parameters[0]
                ? (_dice.Chance(0.01) ? "250" : _dice.Between(0, 7).ToString())
                : Make(p.Type, _expressionDepth - 1).Text;
            values.Add((p.Name, value, required));
        }
        if (_dice.Chance(0.2))
        {
            var shuffled = values.OrderBy(_ => _dice.Below(1000)).Select(v => $"{v.Name}={v.Value}");
            return $"({string.Join(", ", shuffled)})";
        }
        var text = new List<string>();
        bool keywords = false;
        for (int i = 0; i < values.Count; i++)
        {
            // Once one optional argument is skipped, the ones after it need their names.
            bool skipped = i < parameters.Count && values[i].Name != parameters[i].Name;
            keywords |= skipped || (!values[i].Required && _dice.Chance(0.4));
            text.Add(keywords ? $"{values[i].Name}={values[i].Value}" : values[i].Value);
        }
        return $"({string.Join(", ", text)})";
    }
}
