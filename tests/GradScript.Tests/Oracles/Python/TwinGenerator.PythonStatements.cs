namespace GradScript.Tests.Oracles.Python;

// Statements of issue 16's constructs: slice assignment and deletion, dict updates, list methods,
// tuples (GradScript's are lists: the Python side makes lists where it would print a tuple) and
// lambdas bound to names.
internal sealed partial class TwinGenerator
{
    private TwinStatement PythonStatement(int depth) => _dice.Below(5) switch
    {
        0 => SliceUpdate(depth),
        1 => DictUpdate(depth),
        2 => ListMethods(depth),
        3 => Tuples(depth),
        _ => NamedLambda(depth),
    };

    // An alias sees a slice assigned or deleted: the list changes in place.
    private TwinStatement SliceUpdate(int depth)
    {
        string name = NewVariable(Kind.List), alias = NewVariable(Kind.List);
        string Bound() => _dice.Chance(0.4) ? "" : SmallInt(-4, 4).Gs;
        string simple = $"{Bound()}:{Bound()}";
        string extended = $"{Bound()}:{Bound()}:{_dice.OneOf("2", "-1", "-2", "3")}";
        int how = _dice.Below(5);
        return new([Expression(Kind.List, depth), Expression(_dice.OneOf(Kind.List, Kind.Str), depth)], e =>
        {
            string Update(string value) => how switch
            {
                0 => $"{name}[{simple}] = {value}",
                // The same number of items, so that both run on.
                1 => $"{name}[{extended}] = reversed({name}[{extended}])",
                2 => $"del {name}[{simple}]",
                3 => $"del {name}[{extended}]",
                _ => $"{name}[{simple}] += {value}",
            };
            return ($"{name} = {e[0].Gs}; {alias} = {name}; {Update(e[1].Gs)}; print({alias}, len({name}))",
                $"{name} = {e[0].Py}; {alias} = {name}; {Update(e[1].Py)}; print({alias}, len({name}))");
        });
    }

    private TwinStatement DictUpdate(int depth)
    {
        string name = NewVariable(Kind.Dict);
        var (key, other) = (Key(), Key());
        int how = _dice.Below(3);
        return new([Expression(Kind.Dict, depth), Expression(Kind.Int, depth)], e =>
        {
            string Update(string value) => how switch
            {
                0 => $"{name}[{key.Gs}] = {value}",
                1 => $"print({name}.pop({key.Gs}, {value}))",
                _ => $"{name}.setdefault({key.Gs}, {value})",
            };
            string tail = $"print({name}, len({name}), {other.Gs} in {name}, {name}.get({other.Gs}, 0))";
            return ($"{name} = {e[0].Gs}; {Update(e[1].Gs)}; {tail}", $"{name} = {e[0].Py}; {Update(e[1].Py)}; {tail}");
        });
    }

    // Methods that change a list in place (not index, count or remove, which compare by ==).
    private TwinStatement ListMethods(int depth)
    {
        string name = NewVariable(Kind.List);
        int how = _dice.Below(6);
        string position = SmallInt(-3, 4).Gs;
        return new([Expression(Kind.List, depth), Expression(_dice.OneOf(Kind.Int, Kind.Str, Kind.Float), depth), Expression(Kind.List, depth)], e =>
        {
            string Method(string xs, string item, string other) => how switch
            {
                0 => $"append({item})",
                1 => $"extend({other})",
                2 => $"insert({position}, {item})",
                3 => "reverse()",
                4 => "clear()",
                _ => $"extend({xs})",
            };
            return ($"{name} = {e[0].Gs}; {name}.{Method(name, e[1].Gs, e[2].Gs)}; print({name}, len({name}.copy()))",
                $"{name} = {e[0].Py}; {name}.{Method(name, e[1].Py, e[2].Py)}; print({name}, len({name}.copy()))");
        });
    }

    // `t = a, b`, `x, y = y, x`, and a function returning two values: GradScript's tuples are lists.
    private TwinStatement Tuples(int depth)
    {
        string t = NewVariable(Kind.List);
        string f = $"f{_functions++}";
        return new([Expression(Kind.Int, depth), Expression(Kind.Str, depth)], e => (
            $"{t} = {e[0].Gs}, {e[1].Gs}\nx, y = {t}\nx, y = y, x\ndef {f}() {{\n  return y, x\n}}\nlo, hi = {f}()\nprint({t}, x, y, lo, hi, {f}())",
            $"{t} = [{e[0].Py}, {e[1].Py}]\nx, y = {t}\nx, y = y, x\ndef {f}():\n    return [y, x]\nlo, hi = {f}()\nprint({t}, x, y, lo, hi, {f}())"));
    }

    private TwinStatement NamedLambda(int depth)
    {
        string g = $"f{_functions++}";
        var kind = _dice.OneOf(Kind.Int, Kind.Str, Kind.List);
        var saved = _variables.ToList();
        _variables.Add(("a", kind));
        var body = Expression(_dice.OneOf(Kind.Int, Kind.Str, Kind.Bool, Kind.List), depth);
        _variables.Clear();
        _variables.AddRange(saved);
        return new([body, Expression(kind, depth), Expression(kind, depth)], e => (
            $"{g} = lambda a, b=2: [{e[0].Gs}, b]\nprint({g}({e[1].Gs}), {g}({e[2].Gs}, b=3))",
            $"{g} = lambda a, b=2: [{e[0].Py}, b]\nprint({g}({e[1].Py}), {g}({e[2].Py}, b=3))"));
    }

    private string NewVariable(Kind kind)
    {
        string name = $"v{_variables.Count}";
        _variables.Add((name, kind));
        return name;
    }
}
