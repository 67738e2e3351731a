namespace GradScript.Oracle;

/// <summary>
/// Draws programs: mostly ordinary numbers, often the edges of the domain (signed zeros,
/// infinities, NaN, tiny and huge magnitudes, the exponents PyTorch special-cases), with values
/// reused so that gradients meet and add up, and float32/float64 mixed so that promotion is exercised.
/// </summary>
internal sealed class Generator(Random random)
{
    private static readonly double[] Edges =
    [
        0.0, -0.0, 1.0, -1.0, 2.0, -2.0, 0.5, -0.5, 3.0,
        double.PositiveInfinity, double.NegativeInfinity, double.NaN,
        1e-300, 1e-160, 1e-170, 1e300, 1e160, 1e-38, 1e-20, 1e-45, 3e38, 5e-324,
    ];

    private static readonly double[] Exponents = [0.0, 1.0, 2.0, 3.0, 0.5, -0.5, -1.0, -2.0, -3.0, 0.1, 1.5, -1.5];

    /// <summary>A number: an edge one time in five, else uniform in [-5, 5] or log-uniform.</summary>
    public double Number()
    {
        int pick = random.Next(10);
        if (pick < 2) return Edges[random.Next(Edges.Length)];
        if (pick < 8) return Math.Round(random.NextDouble() * 10 - 5, random.Next(1, 16));
        double magnitude = Math.Pow(10, random.NextDouble() * 40 - 20);
        return random.Next(2) == 0 ? magnitude : -magnitude;
    }

    /// <summary>A float32, float64 or mixed set of parameters.</summary>
    public Parameter[] Parameters(int count)
    {
        int mode = random.Next(5); // 0-1 float64, 2-3 float32, 4 mixed
        return Enumerable.Range(0, count)
            .Select(_ => new Parameter(Number(), mode is 2 or 3 || (mode == 4 && random.Next(2) == 0)))
            .ToArray();
    }

    /// <summary>A program of <paramref name="length"/> instructions over <paramref name="count"/> parameters.</summary>
    public Program Program(int count, int length, bool allowConstants = true)
    {
        var parameters = Parameters(count);
        var code = new List<Instruction>();
        for (int i = 0; i < length; i++)
        {
            int available = count + i;
            var op = (Kind)random.Next(Enum.GetValues<Kind>().Length);
            // The root uses the newest value more often, so long chains form; older ones are reused.
            var a = Operand.Of(random.Next(3) == 0 ? available - 1 : random.Next(available));
            if (global::GradScript.Oracle.Program.IsUnary(op)) { code.Add(new Instruction(op, a, null)); continue; }
            Operand b;
            if (allowConstants && random.Next(3) == 0)
                b = Operand.Plain(op == Kind.Pow && random.Next(2) == 0 ? Exponents[random.Next(Exponents.Length)] : Number());
            else b = Operand.Of(random.Next(available));
            code.Add(random.Next(2) == 0 ? new Instruction(op, a, b) : new Instruction(op, b, a));
        }
        return new Program(parameters, code);
    }
}
