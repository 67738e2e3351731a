namespace GradScript.Tests.Adjoints;

using System.Globalization;
using System.Text;

/// <summary>
/// Random straight-line functions of numbers, the shape a generated adjoint takes: loops over ranges
/// of literals (unrolled), assignments of
/// every differentiable operation (+ - * / ^, unary minus, each recording builtin, max/min of two and
/// three values, pow), compound assignments, expression statements whose nodes nothing reaches,
/// locals that are reassigned, constants that are ints, signed zeros, huge and tiny, and folded
/// infinities and NaNs. Some take what a kernel does not (a compound assignment to a parameter, an
/// operation of two plain numbers), so the fallback is compared too.
/// </summary>
internal sealed class StraightLineFunctions(Random random)
{
    private static readonly string[] UnaryBuiltins = ["exp", "log", "sqrt", "sin", "cos", "tan", "tanh", "sigmoid", "relu", "abs"];
    private static readonly string[] Operators = ["+", "-", "*", "/", "^"];
    private static readonly string[] Constants =
        ["0", "1", "2", "3", "-1", "7", "0.5", "-0.5", "2.5", "0.0", "-0.0", "1e300", "1e-300", "-2.0", "3.0", "1.5e-5",
         "(1e308 * 10)", "(-1e308 * 10)", "(1e308 * 10 - 1e308 * 10)", "0.1", "-3"];

    /// <summary>Arguments that meet every edge: signed zeros, infinities, NaN, subnormals, ±1, large and small.</summary>
    public static readonly double[] EdgeArguments =
        [0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity, double.NaN, 1.0, -1.0, 0.5, -2.5, 1e-310, 3.7, -1e10, 100.0, 2.0];

    private readonly List<string> _readable = [];

    /// <summary>A function <c>f</c> of <paramref name="parameters"/> parameters.</summary>
    public string Function(int parameters)
    {
        _readable.Clear();
        var text = new StringBuilder("def f(");
        for (int i = 0; i < parameters; i++)
        {
            text.Append(i == 0 ? "" : ", ").Append('p').Append(i);
            _readable.Add($"p{i}");
        }
        text.Append(") {\n");
        int statements = random.Next(1, 12);
        for (int s = 0; s < statements; s++)
        {
            int kind = random.Next(100);
            if (kind < 8 && _readable.Count > parameters)
                text.Append($"    {Pick(_readable.Skip(parameters).ToList())} {Pick(Operators[..4])}= {Expression(2)}\n");
            else if (kind < 10)
                text.Append($"    p{random.Next(parameters)} {Pick(Operators[..4])}= {Expression(1)}\n"); // a leaf updated in place
            else if (kind < 15)
                text.Append($"    {Expression(2)}\n");
            else if (kind < 20)
                text.Append($"    p{random.Next(parameters)} = {Expression(2)}\n");
            else if (kind < 28)
            {
                // An unrolled loop: a temp updated with the loop variable in each iteration.
                string name = $"t{s}", index = $"i{s}";
                text.Append($"    {name} = {Expression(2)}\n");
                _readable.Add(name);
                int start = random.Next(-2, 3);
                text.Append($"    for {index} in range({start}, {start + random.Next(1, 4)}) {{\n");
                _readable.Add(index);
                text.Append($"        {name} = ({name} {Pick(Operators[..4])} {Expression(2)})\n");
                text.Append($"    }}\n");
            }
            else
            {
                string name = $"t{s}";
                text.Append($"    {name} = {Expression(3)}\n");
                _readable.Add(name);
            }
        }
        text.Append($"    return {Expression(3)}\n}}\n");
        return text.ToString();
    }

    /// <summary>An argument: mostly ordinary numbers, often an edge.</summary>
    public double Argument() => random.Next(3) == 0 ? Pick(EdgeArguments) : Math.Round(random.NextDouble() * 6 - 3, 3);

    /// <summary>The argument as a script writes it.</summary>
    public static string Literal(double x) => x switch
    {
        double.PositiveInfinity => "inf",
        double.NegativeInfinity => "-inf",
        _ when double.IsNaN(x) => "nan",
        _ when x == 0 && double.IsNegative(x) => "-0.0",
        _ => x.ToString("R", CultureInfo.InvariantCulture),
    };

    private string Expression(int depth)
    {
        int kind = random.Next(depth <= 0 ? 10 : 100);
        if (kind < 7) return Pick(_readable);
        if (kind < 10) return Pick(Constants);
        if (kind < 50) return $"({Expression(depth - 1)} {Pick(Operators)} {Expression(depth - 1)})";
        if (kind < 75) return $"{Pick(UnaryBuiltins)}({Expression(depth - 1)})";
        if (kind < 82) return $"-{Expression(depth - 1)}";
        if (kind < 88) return $"pow({Expression(depth - 1)}, {Expression(depth - 1)})";
        string extreme = random.Next(2) == 0 ? "max" : "min";
        return random.Next(3) == 0
            ? $"{extreme}({Expression(depth - 1)}, {Expression(depth - 1)}, {Expression(depth - 1)})"
            : $"{extreme}({Expression(depth - 1)}, {Expression(depth - 1)})";
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
