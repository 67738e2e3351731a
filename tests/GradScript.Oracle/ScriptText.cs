using System.Globalization;
using System.Text;

namespace GradScript.Oracle;

/// <summary>Writes a program as GradScript source: parameters p0…, values t0…, the root last.</summary>
internal static class ScriptText
{
    /// <summary>A literal that reads back as exactly <paramref name="x"/>.</summary>
    public static string Literal(double x)
    {
        if (double.IsNaN(x)) return "nan";
        if (double.IsPositiveInfinity(x)) return "inf";
        if (double.IsNegativeInfinity(x)) return "(-inf)";
        string text = x.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e");
        if (!text.Contains('.') && !text.Contains('e')) text += ".0";
        return x < 0 || double.IsNegative(x) ? $"({(x == 0 ? "-0.0" : text)})" : text;
    }

    /// <summary>The name of value <paramref name="index"/>.</summary>
    public static string Name(Program program, int index) =>
        index < program.Parameters.Count ? $"p{index}" : $"t{index - program.Parameters.Count}";

    /// <summary>The parameters' declarations.</summary>
    public static string Parameters(Program program, string indent = "")
    {
        var text = new StringBuilder();
        for (int i = 0; i < program.Parameters.Count; i++)
        {
            var p = program.Parameters[i];
            text.Append(indent).Append($"p{i} = param({Literal(p.Value)}{(p.Float32 ? ", dtype=\"float32\"" : "")})\n");
        }
        return text.ToString();
    }

    /// <summary>The instructions, one assignment a line.</summary>
    public static string Body(Program program, string indent = "")
    {
        var text = new StringBuilder();
        for (int i = 0; i < program.Code.Count; i++)
            text.Append(indent).Append($"t{i} = {Expression(program, program.Code[i])}\n");
        return text.ToString();
    }

    /// <summary>The root's name.</summary>
    public static string Root(Program program) => $"t{program.Code.Count - 1}";

    /// <summary>The list of the parameters' names, as a GradScript list.</summary>
    public static string ParameterList(Program program) =>
        "[" + string.Join(", ", Enumerable.Range(0, program.Parameters.Count).Select(i => $"p{i}")) + "]";

    /// <summary>The list of the parameters' gradients, as a GradScript list.</summary>
    public static string GradientList(Program program) =>
        "[" + string.Join(", ", Enumerable.Range(0, program.Parameters.Count).Select(i => $"grad(p{i})")) + "]";

    private static string Expression(Program program, Instruction c)
    {
        string a = Operand(program, c.A);
        if (c.B is not { } bOperand)
        {
            return c.Op switch
            {
                Kind.Neg => $"-{a}",
                _ => $"{c.Op.ToString().ToLowerInvariant()}({a})",
            };
        }
        string b = Operand(program, bOperand);
        return c.Op switch
        {
            Kind.Add => $"{a} + {b}",
            Kind.Sub => $"{a} - {b}",
            Kind.Mul => $"{a} * {b}",
            Kind.Div => $"{a} / {b}",
            Kind.Pow => $"{a} ^ {b}",
            Kind.Max => $"max({a}, {b})",
            Kind.Min => $"min({a}, {b})",
            _ => throw new InvalidOperationException(c.Op.ToString()),
        };
    }

    private static string Operand(Program program, Operand o) => o.IsConstant ? Literal(o.Constant) : Name(program, o.Ref);
}
