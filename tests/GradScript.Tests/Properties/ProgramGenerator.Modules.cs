namespace GradScript.Tests.Properties;

// The standard library: imports at top level (`import "nn"`, `import "data" as m3`), and its
// functions called through members (`nn.mlp(2, [3, 1])`, `losses.mse(…)`, `data.linear(…)`).
internal sealed partial class ProgramGenerator
{
    private static readonly string[] StandardModules = ["nn", "losses", "data"];

    // Only at top level and outside blocks, so that the module is bound wherever it is used later.
    private string Import()
    {
        string module = _dice.Pick(StandardModules);
        if (_dice.Chance(0.3))
        {
            string alias = Fresh(null, "m");
            _modules[module] = alias;
            return $"import {Quote(module)} as {alias}";
        }
        _modules[module] = module;
        return $"import {Quote(module)}";
    }

    private string ModuleStatement()
    {
        string module = _dice.Pick(_modules.Keys.ToList());
        string name = _modules[module];
        switch (module)
        {
            case "nn":
                string model = Fresh(null, "model");
                var lines = new List<string> { $"{model} = {name}.mlp(2, [{_dice.Between(1, 4)}, 1])" };
                string output = $"{name}.forward({model}, [{Float()}, {Float()}])";
                if (_context.NoGrad) lines.Add($"print({output})");
                else
                {
                    string loss = Fresh(Ty.Tracked, "l");
                    Touch();
                    lines.Add($"{loss} = ({output} - {Operand(Ty.Float, Level.Multiplicative)}) ^ 2");
                    lines.Add($"zero_grad({name}.parameters({model})); backward({loss})");
                    lines.Add($"print({loss}, len({name}.parameters({model})))");
                }
                return string.Join("\n", lines);
            case "losses":
                return _context.NoGrad ? Print() : $"print({Loss(_expressionDepth - 1).Text})";
            default:
                string xs = Fresh(Ty.List), ys = Fresh(Ty.List);
                bool linear = _dice.Chance(0.5);
                string call = linear
                    ? $"{name}.linear({_dice.Between(1, 6)}, {FloatLiteral()}, {FloatLiteral()}{(_dice.Chance(0.5) ? $", noise={FloatLiteral()}" : "")})"
                    : $"{name}.moons({_dice.Between(2, 8)}, noise={FloatLiteral()})";
                // moons gives points (pairs), not numbers: only its labels are a list of numbers.
                if (linear) Define(xs, Ty.List);
                Define(ys, Ty.List);
                return $"{xs}, {ys} = {call}";
        }
    }

    // A loss of the losses module over a prediction list with a tracked value in it.
    private Code Loss(int d)
    {
        Touch();
        string name = _modules["losses"];
        string prediction = Make(Ty.Tracked, d).Text;
        return _dice.Weighted<Func<Code>>(
            (2, () => Postfix($"{name}.mse([{prediction}, {Make(Ty.Float, d).Text}], [{FloatLiteral()}, {FloatLiteral()}])")),
            (1, () => Postfix($"{name}.hinge([{prediction}], [{_dice.OneOf("1", "-1")}])")),
            (1, () => Postfix($"{name}.binary_cross_entropy([sigmoid({prediction})], [{_dice.OneOf("0", "1")}])")))();
    }
}
