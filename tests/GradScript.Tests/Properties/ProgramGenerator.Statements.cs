namespace GradScript.Tests.Properties;

// Statements other than function definitions: assignments of every kind, prints, expression
// statements, the control flow (if chains, bounded while loops, for loops over every kind of
// iterable, the angle-block one-liner), no_grad, and what autograd does.
internal sealed partial class ProgramGenerator
{
    private string NewVariable()
    {
        if (_dice.Chance(0.1))
        {
            // Destructuring, from a list display or from two expressions.
            var (a, b) = (Fresh(Ty.Float), Fresh(Ty.Int));
            string value = _dice.Chance(0.5) ? $"{Float()}, {Int()}" : $"[{Float()}, {Int()}]";
            Define(a, Ty.Float);
            Define(b, Ty.Int);
            return $"{a}, {b} = {value}";
        }
        var type = RandomType();
        if (type == Ty.Tracked && _context.NoGrad) type = Ty.Float;
        var kind = Kind.Plain;
        string expression;
        if (type == Ty.Tracked && _dice.Chance(0.4))
        {
            expression = Param();
            kind = Kind.Leaf;
        }
        else expression = Expression(type);
        string name = Fresh(type);
        Define(name, type, kind);
        return $"{name} = {expression}";
    }

    private string Reassignment()
    {
        var v = _dice.Pick(Assignable().ToList());
        if (v.Kind == Kind.Leaf) return $"{v.Name} = {Param()}";
        return $"{v.Name} = {Expression(v.Type)}";
    }

    private string CompoundAssignment() => CompoundAssignment(_dice.Pick(CompoundTargets().ToList()));

    private string CompoundAssignment(Var v)
    {
        // The value may not mention a string or list variable: `s += s` would double s.
        _sequenceReferences = 0;
        return v.Type switch
        {
            Ty.Int => _dice.Chance(0.2) ? $"{v.Name} {_dice.OneOf("//=", "%=")} {_dice.OneOf("2", "3", "-5", "7")}"
                : $"{v.Name} {_dice.OneOf("+=", "-=", "*=")} {Int()}",
            Ty.Float => _dice.Chance(0.2) ? $"{v.Name} {_dice.OneOf("/=", "//=", "%=")} {NonZeroFloat()}" : $"{v.Name} {_dice.OneOf("+=", "-=", "*=")} {Float()}",
            Ty.Str => $"{v.Name} += {Expression(Ty.Str)}",
            Ty.List => $"{v.Name} += {Expression(Ty.List)}",
            Ty.Tracked when v.Kind == Kind.Leaf => _dice.Weighted(
                (3, $"{v.Name} -= {FloatLiteral()} * grad({v.Name})"),
                (1, $"{v.Name} {_dice.OneOf("+=", "-=", "*=")} {Float()}"),
                (1, $"{v.Name} /= {_dice.OneOf("2", "4.0", "1.5")}")),
            Ty.Tracked => $"{v.Name} {_dice.OneOf("+=", "-=", "*=")} {Expression(Ty.Tracked)}",
            _ => throw new InvalidOperationException(v.Type.ToString()),
        };
    }

    private string ListMutation()
    {
        var xs = _dice.Pick(MutableLists().ToList()).Name;
        return _dice.Weighted(
            (5, $"append({xs}, {Float()})"),
            (3, $"{xs}[{_dice.OneOf("0", "-1", $"len({xs}) - 1")}] = {Float()}"),
            (1, $"{xs}[{Operand(Ty.Int, Level.Multiplicative)} % len({xs})] {_dice.OneOf("+=", "*=")} {Float()}"),
            (3, $"print(pop({xs}))"),
            (2, $"{xs}.append({Float()})"),
            (1, $"print({xs}.pop())"),
            (1, $"{xs}.extend({ListDisplay()})"),
            (1, $"{xs}.insert({_dice.OneOf("0", "-1", "100")}, {Float()})"),
            (1, $"{xs}.{_dice.OneOf("reverse()", "sort()", "sort(reverse=true)", "sort(key=abs)")}"),
            (2, $"if len({xs}) > 1 {{ del {xs}[{_dice.OneOf("0", "-1")}] }}"),
            (1, $"{xs}[{_dice.OneOf("1:", ":-1", "1:2", ":", "0:0")}] = {ListDisplay()}"),
            (1, $"{xs}[{_dice.OneOf("::2", "::-1", "1::3")}] = reversed({xs}[{_dice.OneOf("::2", "::-1", "1::3")}])"),
            (1, $"{xs}[:1] += {ListDisplay()}"),
            (1, $"del {xs}[{_dice.OneOf("1:", "::2", "-2:", "::-3")}]"));
    }

    private string Print()
    {
        int count = _dice.Between(0, 3);
        var arguments = Enumerable.Range(0, count).Select(_ => Expression(RandomType(allowTracked: true))).ToList();
        if (_dice.Chance(0.05)) arguments.Add("none");
        if (_dice.Chance(0.15)) arguments.Add($"sep={StringLiteral()}");
        if (_dice.Chance(0.1)) arguments.Add($"end={_dice.OneOf("\"\\n\"", "\" |\\n\"", "\"\"")}");
        string call = $"print({string.Join(", ", arguments)})";
        // `end=""` leaves the line open; close it so that the next print starts its own.
        return call.Contains("end=\"\"") ? call + "; print()" : call;
    }

    private string ExpressionStatement() => _dice.Weighted<Func<string>>(
        (4, () => CallOfNothing() ?? Print()),
        (2, () => Expression(RandomType())),
        (1, () => $"print({StringLiteral()}, type({Expression(RandomType(allowTracked: true))}), len({Expression(Ty.Str)}))"),
        (1, () => $"print({_dice.OneOf("str", "len")}({Expression(Ty.List)}), {_dice.OneOf("int", "float", "bool", "str")}({Float()}))"),
        (1, () => $"plot({Expression(Ty.List)}{(_dice.Chance(0.5) ? $", title={StringLiteral()}" : "")}{(_dice.Chance(0.3) ? ", width=20, height=5" : "")})"))();

    private string IfStatement()
    {
        var text = new System.Text.StringBuilder($"if {Condition()} {Block(() => Statements(1, 3))}");
        int elseIfs = _dice.Weighted((6, 0), (3, 1), (1, 2));
        for (int i = 0; i < elseIfs; i++) text.Append($" {_dice.OneOf("else if", "elif")} {Condition()} {Block(() => Statements(1, 2))}");
        if (_dice.Chance(0.5)) text.Append(_dice.Chance(0.1) ? "\nelse " : " else ").Append(Block(() => Statements(1, 2)));
        return text.ToString();
    }

    private string WhileLoop()
    {
        string counter = Fresh(Ty.Int, "k");
        int bound = _dice.Between(0, 5);
        Define(counter, Ty.Int, Kind.ReadOnly);
        string body;
        string header;
        if (_dice.Chance(0.25))
        {
            header = "while true";
            body = InLoop(() => Block(() => Statements(0, 2, $"{counter} += 1", $"if {Compare($"{counter} > {bound}")} {{ break }}")));
        }
        else
        {
            string test = Compare($"{counter} < {bound}");
            header = _dice.Chance(0.3) ? $"while {test} and {Operand(Ty.Bool, Level.Not)}" : $"while {test}";
            body = InLoop(() => Block(() => Statements(1, 3, $"{counter} += 1")));
        }
        return $"{counter} = 0\n{header} {body}";
    }

    private string ForLoop()
    {
        // A loop variable may not be read after the loop (the loop may run no times), so it is
        // defined only inside it, as Block forgets what was defined in it.
        string i = Fresh(Ty.Int, "i"), x = Fresh(Ty.Float, "v");
        var lists = Readable(Ty.List).ToList();
        Var[] One(string name, Ty type) => [new Var(name, type, Kind.ReadOnly)];
        Var[] Two(Ty first) => [new Var(i, first, Kind.ReadOnly), new Var(x, Ty.Float, Kind.ReadOnly)];
        string AnyList() => lists.Count > 0 && _dice.Chance(0.7) ? _dice.Pick(lists).Name : ListDisplay();
        var (header, targets) = _dice.Weighted<Func<(string, Var[])>>(
            (6, () => ($"for {i} in {SmallRange()}", One(i, Ty.Int))),
            (2, () => ($"for {i} in range({_dice.OneOf("0, 4", "1, 6, 2", "5, 0, -1", "3", "2, 2", "0, 5, step=2")})", One(i, Ty.Int))),
            (1, () => ($"for {i} in progress({SmallRange()})", One(i, Ty.Int))),
            (lists.Count > 0 ? 4 : 0, () => ($"for {x} in {_dice.Pick(lists).Name}", One(x, Ty.Float))),
            (2, () => ($"for {x} in {ListDisplay()}", One(x, Ty.Float))),
            (1, () => ($"for {x} in {StringLiteral()}", One(x, Ty.Str))),
            (2, () => ($"for {i}, {x} in enumerate({AnyList()}{(_dice.Chance(0.3) ? ", start=1" : "")})", Two(Ty.Int))),
            (2, () => ($"for {i}, {x} in zip({AnyList()}, {ListDisplay()})", Two(Ty.Float))))();
        var walked = lists.Where(l => header.Contains(l.Name)).Select(l => l.Name);
        var outer = _context;
        _context = _context with { Walked = outer.Walked.Union(walked) };
        bool angle = !_context.AngleBlock && header.Contains("..") && _dice.Chance(0.15);
        string body = InLoop(() => Block(() =>
        {
            foreach (var target in targets) _scope.Variables.Add(target);
            if (_dice.Chance(0.2) && TrainingStep() is { } step) return [step];
            return Statements(1, angle ? 2 : 3);
        }, angle));
        _context = outer;
        return $"{header} {body}";
    }

    /// <summary>A comparison written out, in brackets directly inside an angle block.</summary>
    private string Compare(string comparison) => _context.AngleBlock ? $"({comparison})" : comparison;

    private string InLoop(Func<string> body)
    {
        var outer = _context;
        _context = _context with { LoopDepth = outer.LoopDepth + 1 };
        try { return body(); }
        finally { _context = outer; }
    }

    // The oneliner's shape: a loss from a leaf, backward, an in-place step.
    private string? TrainingStep()
    {
        if (_context.NoGrad) return null;
        var leaves = Readable(Ty.Tracked).Where(v => v.Kind == Kind.Leaf && CompoundTargets().Contains(v)).ToList();
        if (leaves.Count == 0) return null;
        var w = _dice.Pick(leaves).Name;
        Touch();
        string loss = Fresh(Ty.Tracked, "l");
        return $"{loss} = ({w} * {Operand(Ty.Float, Level.Unary)} - {Operand(Ty.Float, Level.Multiplicative)}) ^ 2; backward({loss}); {w} -= {_dice.OneOf("0.01", "0.1", "1e-3")} * grad({w})";
    }

    private string NoGradBlock()
    {
        var outer = _context;
        _context = _context with { NoGrad = true };
        string block = Block(() => Statements(1, 3));
        _context = outer;
        return $"no_grad {block}";
    }

    private string AutogradStatement()
    {
        var tracked = Readable(Ty.Tracked).ToList();
        if (tracked.Count == 0 || _context.NoGrad)
        {
            if (_context.NoGrad) return Print();
            string name = Fresh(Ty.Tracked, "w");
            string param = Param();
            Define(name, Ty.Tracked, Kind.Leaf);
            Touch();
            return $"{name} = {param}";
        }
        Touch();
        var t = _dice.Pick(tracked).Name;
        return _dice.Weighted<Func<string>>(
            (5, () => $"backward({t})"),
            (1, () => $"backward({t}, accumulate={_dice.OneOf("true", "false")})"),
            (2, () => $"backward({t}, create_graph=true)"),
            (2, () => $"detect_anomaly({_dice.OneOf("true", "false")})"),
            (1, () => $"help({_dice.OneOf("grad", "backward", Quote("nn.mlp"))})"),
            (4, () => $"print(grad({t}), {Expression(Ty.Tracked)})"),
            (2, () => $"zero_grad({string.Join(", ", tracked.Take(3).Select(v => v.Name))})"),
            (1, () => $"zero_grad([{string.Join(", ", tracked.Take(2).Select(v => v.Name))}])"),
            (1, () => $"print(value({t}), detach({t}))"),
            (3, () => $"{t}.backward({_dice.OneOf("", "", "retain_graph=true", "create_graph=true")})"),
            (2, () => $"print({t}.grad, {t}.is_leaf, {t}.requires_grad, {t}.grad_fn)"),
            (1, () => $"{t}.grad = none"),
            (1, () => LeafDataAssignment(tracked) ?? $"print({t}.data)"),
            (2, () => $"print(len(graph({t})) > 0)"))();
    }

    // A training loop with an optimizer over the leaves in reach, as docs/training.md writes one.
    private string? OptimizerLoop()
    {
        var leaves = Readable(Ty.Tracked).Where(v => v.Kind == Kind.Leaf).DistinctBy(v => v.Name).Take(3).ToList();
        if (leaves.Count == 0 || _context.NoGrad) return null;
        Touch();
        string opt = Fresh(null, "opt"), i = Fresh(Ty.Int, "i"), loss = Fresh(Ty.Tracked, "l");
        string parameters = $"[{string.Join(", ", leaves.Select(v => v.Name))}]";
        string make = _dice.Weighted(
            (3, $"adam({parameters}, lr={_dice.OneOf("0.1", "0.01", "1e-3")})"),
            (1, $"adam({parameters}, lr=0.05, betas=[0.8, 0.99], weight_decay=0.01, amsgrad={_dice.OneOf("true", "false")})"),
            (2, $"sgd({parameters}, {_dice.OneOf("0.1", "0.01")})"),
            (1, $"sgd({parameters}, lr=0.05, momentum=0.9, nesterov={_dice.OneOf("true", "false")})"));
        string value = $"{loss} = ({string.Join(" + ", leaves.Select(v => $"{v.Name} * {FloatLiteral()}"))} - {FloatLiteral()}) ^ 2";
        string note = _dice.Chance(0.5) ? $"; progress_note({Quote("loss")}, {loss})" : "";
        string range = $"{(_dice.Chance(0.5) ? "progress(" : "(")}0..{_dice.Between(1, 6)})";
        string step = _dice.Chance(0.5)
            ? $"zero_grad({opt}); backward({loss}); step({opt})"
            : $"{opt}.zero_grad(); {loss}.backward(); {opt}.step()";
        return $"{opt} = {make}\nfor {i} in {range} {{ {value}; {step}{note} }}";
    }

    // `w.data = …` on a leaf, PyTorch's unrecorded update; null when no leaf is in reach.
    private string? LeafDataAssignment(List<Var> tracked)
    {
        var leaves = tracked.Where(v => v.Kind == Kind.Leaf).ToList();
        if (leaves.Count == 0) return null;
        var w = _dice.Pick(leaves).Name;
        return _dice.Chance(0.5) ? $"{w}.data = {w}.data - {FloatLiteral()}" : $"{w}.data {_dice.OneOf("+=", "-=")} {Float()}";
    }

    // A script's own runtime error; rare, or it would end too many programs early.
    private string ErrorCall() => _dice.Chance(0.2) ? $"if {Condition()} {{ error({StringLiteral()}) }}" : Print();

    private string BreakOrContinue()
    {
        string word = _dice.OneOf("break", "continue");
        return _dice.Chance(0.7) ? $"if {Condition()} {{ {word} }}" : word;
    }
}
