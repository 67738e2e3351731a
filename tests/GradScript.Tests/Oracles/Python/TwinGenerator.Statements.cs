namespace GradScript.Tests.Oracles.Python;

using System.Globalization;

// Statements: assignments, prints, list updates in place, functions (locals, closures, globals),
// loops, conditions and seeds.
internal sealed partial class TwinGenerator
{
    private int _functions;

    /// <summary>A program of a few statements, its expressions at most <paramref name="depth"/> deep.</summary>
    public TwinProgram Program(int statements, int depth)
    {
        var result = new List<TwinStatement>();
        for (int i = 0; i < statements; i++) result.Add(Statement(depth));
        result.Add(PrintAll());
        return new TwinProgram(result);
    }

    private TwinStatement Statement(int depth)
    {
        switch (_dice.Below(17))
        {
            case 0: case 1: case 2: case 3: return Assignment(depth);
            case 4: case 5: case 6: return Print(depth);
            case 7: return ListInPlace(depth);
            case 8: return Function(depth);
            case 9: return Closure(depth);
            case 10: return GlobalUpdate(depth);
            case 11: return Loop(depth);
            case 12: return Condition(depth);
            case 13: case 14: case 15: return PythonStatement(depth);
            default: return Seed();
        }
    }

    private static TwinStatement Fixed(string gs, string py) => new([], _ => (gs, py));

    private TwinStatement Assignment(int depth)
    {
        var kind = _dice.OneOf(Kind.Int, Kind.Int, Kind.Float, Kind.Float, Kind.Bool, Kind.Str, Kind.List, Kind.Dict);
        var value = Expression(kind, depth);
        string name = $"v{_variables.Count}";
        _variables.Add((name, kind));
        return new([value], e => ($"{name} = {e[0].Gs}", $"{name} = {e[0].Py}"));
    }

    private TwinStatement Print(int depth)
    {
        var values = Enumerable.Range(0, _dice.Between(1, 3)).Select(_ => Expression(_dice.OneOf(Kind.Int, Kind.Float, Kind.Bool, Kind.Str, Kind.List, Kind.None, Kind.Dict), depth)).ToArray();
        string settings = _dice.Weighted((6, ""), (1, ", sep=\"\""), (1, ", sep=none"), (1, ", end=\"|\\n\""), (1, ", sep=\", \", end=none"));
        return new(values, e => (
            $"print({string.Join(", ", e.Select(x => x.Gs))}{settings})",
            $"print({string.Join(", ", e.Select(x => x.Py))}{settings.Replace("none", "None")})"));
    }

    // An alias sees `+=` and `*=` on a list, which change it in place, as Python's do.
    private TwinStatement ListInPlace(int depth)
    {
        var list = Expression(Kind.List, depth);
        string name = $"v{_variables.Count}";
        _variables.Add((name, Kind.List));
        string alias = $"v{_variables.Count}";
        _variables.Add((alias, Kind.List));
        int how = _dice.Below(3);
        var operand = how == 0 ? Expression(Kind.List, depth) : SmallInt(-1, 3);
        return new([list, operand], e =>
        {
            string update = how switch { 0 => $"{name} += {e[1].Gs}", 1 => $"{name} *= {e[1].Gs}", _ => $"append({name}, {e[1].Gs})" };
            string pyUpdate = how switch { 0 => $"{name} += {e[1].Py}", 1 => $"{name} *= {e[1].Py}", _ => $"append({name}, {e[1].Py})" };
            return ($"{name} = {e[0].Gs}; {alias} = {name}; {update}; print({alias}, len({name}))",
                $"{name} = {e[0].Py}; {alias} = {name}; {pyUpdate}; print({alias}, len({name}))");
        });
    }

    // A function with parameters and a local, called once: the local shadows a global of its name.
    private TwinStatement Function(int depth)
    {
        string f = $"f{_functions++}";
        var (ka, kb) = (NumberKind(), _dice.OneOf(Kind.Int, Kind.Float, Kind.Str));
        var saved = _variables.ToList();
        _variables.Add(("a", ka));
        _variables.Add(("b", kb));
        string local = _variables.Count > 2 && _dice.Chance(0.5) ? _variables[0].Name : "t";
        var first = Expression(ka, depth);
        _variables.Add((local, ka));
        var result = Expression(_dice.OneOf(ka, kb, Kind.Bool), depth);
        _variables.Clear();
        _variables.AddRange(saved);
        var (x, y) = (Expression(ka, depth), Expression(kb, depth));
        return new([first, result, x, y], e => (
            $"def {f}(a, b) {{\n  {local} = {e[0].Gs}\n  return {e[1].Gs}\n}}\nprint({f}({e[2].Gs}, {e[3].Gs}))",
            $"def {f}(a, b):\n    {local} = {e[0].Py}\n    return {e[1].Py}\nprint({f}({e[2].Py}, {e[3].Py}))"));
    }

    // A closure reads its enclosing function's variable, which changes after the closure is made.
    private TwinStatement Closure(int depth)
    {
        string f = $"f{_functions++}";
        var kind = NumberKind();
        var saved = _variables.ToList();
        _variables.Add(("a", kind));
        _variables.Add(("c", kind));
        var body = Expression(kind, depth);
        _variables.Clear();
        _variables.AddRange(saved);
        var argument = Expression(kind, depth);
        var later = Expression(kind, depth);
        return new([body, argument, later], e => (
            $"def {f}(a) {{\n  c = a\n  def g() {{\n    return {e[0].Gs}\n  }}\n  first = g()\n  c = {e[2].Gs}\n  return [first, g()]\n}}\nprint({f}({e[1].Gs}))",
            $"def {f}(a):\n    c = a\n    def g():\n        return {e[0].Py}\n    first = g()\n    c = {e[2].Py}\n    return [first, g()]\nprint({f}({e[1].Py}))"));
    }

    // `global` lets a function assign a top-level variable.
    private TwinStatement GlobalUpdate(int depth)
    {
        var numbers = _variables.Where(v => v.Kind is Kind.Int or Kind.Float).ToList();
        if (numbers.Count == 0) return Assignment(depth);
        var (name, kind) = _dice.Pick(numbers);
        string f = $"f{_functions++}";
        var value = Expression(kind, depth);
        return new([value], e => (
            $"def {f}() {{\n  global {name}\n  {name} = {e[0].Gs}\n}}\n{f}()\nprint({name})",
            $"def {f}():\n    global {name}\n    {name} = {e[0].Py}\n{f}()\nprint({name})"));
    }

    private TwinStatement Loop(int depth)
    {
        int n = _dice.Between(0, 5);
        string i = $"i{_variables.Count}";
        string total = $"v{_variables.Count}";
        var kind = NumberKind();
        var start = Expression(kind, depth);
        _variables.Add((i, Kind.Int));
        var step = Expression(kind, depth);
        _variables[^1] = (total, kind);
        string op = _dice.OneOf("+", "-", "*");
        string helper = op switch { "+" => "_add", "-" => "_sub", _ => "_mul" };
        return new([start, step], e => (
            $"{total} = {e[0].Gs}\nfor {i} in 0..{n} {{\n  {total} = {total} {op} {e[1].Gs}\n}}\nprint({total}, {i})",
            $"{total} = {e[0].Py}\nfor {i} in range(0, {n}):\n    {total} = {helper}({total}, {e[1].Py})\nprint({total}, {i})"));
    }

    private TwinStatement Condition(int depth)
    {
        var condition = Expression(_dice.OneOf(Kind.Bool, Kind.Bool, Kind.Int, Kind.Str, Kind.List), depth);
        var (yes, no) = (Expression(Kind.Str, depth), Expression(NumberKind(), depth));
        return new([condition, yes, no], e => (
            $"if {e[0].Gs} {{\n  print({e[1].Gs})\n}} else {{\n  print({e[2].Gs})\n}}",
            $"if {e[0].Py}:\n    print({e[1].Py})\nelse:\n    print({e[2].Py})"));
    }

    private TwinStatement Seed()
    {
        string n = _dice.Between(0, 1000).ToString(CultureInfo.InvariantCulture);
        return Fixed($"seed({n})", $"seed({n})");
    }

    // The variables at the end, so that a wrong value assigned early shows even if never printed.
    private TwinStatement PrintAll()
    {
        var names = _variables.Select(v => v.Name).ToList();
        return names.Count == 0 ? Fixed("print()", "print()") : Fixed($"print({string.Join(", ", names)})", $"print({string.Join(", ", names)})");
    }
}
