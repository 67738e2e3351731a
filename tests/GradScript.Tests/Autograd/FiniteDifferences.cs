namespace GradScript.Tests.Autograd;

using System.Globalization;

/// <summary>
/// Compares a script function's gradient from backward with central differences of the same
/// function run on plain numbers, with PyTorch gradcheck's tolerances, in double precision.
/// </summary>
internal static class FiniteDifferences
{
    /// <summary>PyTorch gradcheck's defaults: step, absolute and relative tolerance.</summary>
    public const double H = 1e-6, Atol = 1e-5, Rtol = 1e-3;

    public static bool Close(double analytic, double numeric, double atol = Atol, double rtol = Rtol) =>
        Math.Abs(analytic - numeric) <= atol + rtol * Math.Abs(numeric);

    /// <summary>∂f/∂point[i] by central difference, calling <paramref name="function"/> on plain floats.</summary>
    public static double Numeric(Engine engine, string function, double[] point, int i)
    {
        var shifted = (double[])point.Clone();
        shifted[i] = point[i] + H;
        double above = Number(engine.Call(function, Boxed(shifted)));
        shifted[i] = point[i] - H;
        double below = Number(engine.Call(function, Boxed(shifted)));
        return (above - below) / (2 * H);
    }

    /// <summary>The step of <see cref="SecondNumeric"/>: rounding grows as 1/h², truncation as h².</summary>
    public const double H2 = 1e-4;

    /// <summary>
    /// ∂²f/∂point[i]∂point[j] by second central differences of <paramref name="function"/> on plain
    /// floats alone: no derivative the engine computes enters it.
    /// </summary>
    public static double SecondNumeric(Engine engine, string function, double[] point, int i, int j)
    {
        double At(double di, double dj)
        {
            var shifted = (double[])point.Clone();
            shifted[i] += di;
            shifted[j] += dj;
            return Number(engine.Call(function, Boxed(shifted)));
        }
        if (i == j) return (At(H2, 0) - 2 * At(0, 0) + At(-H2, 0)) / (H2 * H2);
        return (At(H2, H2) - At(H2, -H2) - At(-H2, H2) + At(-H2, -H2)) / (4 * H2 * H2);
    }

    /// <summary>
    /// Checks backward's gradient of <paramref name="function"/> at <paramref name="point"/> (float64
    /// params) against central differences, and that the tracked and the plain value agree. Returns
    /// a description of each disagreement.
    /// </summary>
    public static IEnumerable<string> Disagreements(Engine engine, string function, double[] point, string what)
    {
        var analytic = engine.CallWithGradient(function, point);
        double plain = Number(engine.Call(function, Boxed(point)));
        if (!(Math.Abs(analytic.Value - plain) <= 1e-12 * Math.Abs(plain) + 1e-300))
            yield return $"{what} at {Show(point)}: tracked value {R(analytic.Value)}, plain value {R(plain)}";
        for (int i = 0; i < point.Length; i++)
        {
            double numeric = Numeric(engine, function, point, i);
            if (!Close(analytic.Gradient[i], numeric))
                yield return $"{what}, argument {i + 1}, at {Show(point)}: analytic {R(analytic.Gradient[i])}, numeric {R(numeric)}";
        }
    }

    public static object?[] Boxed(double[] point) => point.Select(v => (object?)v).ToArray();

    public static double Number(object? result) => result switch
    {
        double d => d,
        long l => l,
        _ => throw new InvalidOperationException($"expected a number, got {result ?? "none"}"),
    };

    public static string Show(double[] point) => "(" + string.Join(", ", point.Select(R)) + ")";

    public static string R(double d) => d.ToString("R", CultureInfo.InvariantCulture);
}
