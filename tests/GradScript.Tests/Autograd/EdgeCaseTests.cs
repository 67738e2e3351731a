namespace GradScript.Tests.Autograd;

/// <summary>
/// Values and gradients at the edges of each operation's domain, exactly, bit for bit (signed
/// zeros included; any NaN matches any NaN). The expected numbers are PyTorch's: each row is what
/// its formula in derivatives.yaml gives for a float64 tensor, so a row is also the reason for the
/// behaviour. Where GradScript differs from PyTorch on purpose, the row says so.
/// </summary>
public class EdgeCaseTests
{
    private const double Inf = double.PositiveInfinity, NaN = double.NaN;

    /// <summary>An expression of the float64 params x and y: its value, ∂/∂x and ∂/∂y after backward.</summary>
    public static TheoryData<string, double, double, double, double, double> Float64Cases() => new()
    {
        // expression      x      y      value  ∂/∂x   ∂/∂y
        // relu: PyTorch masks the gradient where relu(x) <= 0, so relu′(0) = 0 and NaN passes it on.
        { "relu(x)",       0.0,   0,     0.0,   0,     0 },
        { "relu(x)",       -0.0,  0,     -0.0,  0,     0 },   // clamp_min keeps -0.0, as PyTorch's does
        { "relu(x)",       -1,    0,     0.0,   0,     0 },
        { "relu(x)",       NaN,   0,     NaN,   1,     0 },
        { "relu(x)",       Inf,   0,     Inf,   1,     0 },
        { "relu(x)",       -Inf,  0,     0.0,   0,     0 },
        // abs′ is sgn(x), and PyTorch's sgn(0) = sgn(NaN) = 0.
        { "abs(x)",        0.0,   0,     0.0,   0,     0 },
        { "abs(x)",        -0.0,  0,     0.0,   0,     0 },
        { "abs(x)",        NaN,   0,     NaN,   0,     0 },
        { "abs(x)",        -Inf,  0,     Inf,   -1,    0 },
        // sqrt′ = 1 / (2 sqrt(x)): infinite at 0, with the sign of the zero.
        { "sqrt(x)",       0.0,   0,     0.0,   Inf,   0 },
        { "sqrt(x)",       -0.0,  0,     -0.0,  -Inf,  0 },
        { "sqrt(x)",       -1,    0,     NaN,   NaN,   0 },
        { "sqrt(x)",       Inf,   0,     Inf,   0,     0 },
        // log′ = 1 / x, even where log itself is NaN: log(-2) is NaN but its gradient is -0.5.
        { "log(x)",        0.0,   0,     -Inf,  Inf,   0 },
        { "log(x)",        -0.0,  0,     -Inf,  -Inf,  0 },
        { "log(x)",        -2,    0,     NaN,   -0.5,  0 },
        { "log(x)",        Inf,   0,     Inf,   0,     0 },
        // exp overflows to inf, and so does its gradient; at -inf both are 0.
        { "exp(x)",        710,   0,     Inf,   Inf,   0 },
        { "exp(x)",        -Inf,  0,     0.0,   0,     0 },
        // 0^0 = 1. PyTorch's pow gradient is 0 for the base where the exponent is 0, and 0 for the
        // exponent where the base is 0 and the exponent >= 0 (not 1 * log(0) = -inf).
        { "x ^ y",         0.0,   0.0,   1,     0,     0 },
        { "x ^ 0",         0.0,   0,     1,     0,     0 },
        { "0 ^ y",         0,     0.0,   1,     0,     0 },
        { "x ^ y",         0.0,   2,     0.0,   0,     0 },
        { "x ^ y",         0.0,   1,     0.0,   1,     0 },
        { "x ^ 0.5",       0.0,   0,     0.0,   Inf,   0 },
        { "x ^ y",         0.0,   -1,    Inf,   -Inf,  -Inf },
        { "x ^ -1",        -0.0,  0,     -Inf,  -Inf,  0 },
        // A negative base: integral exponents are fine for the base; the exponent's gradient,
        // x^y * log(x), is NaN, as in PyTorch. A fractional exponent makes everything NaN.
        { "x ^ y",         -2,    2,     4,     -4,    NaN },
        { "x ^ 3",         -2,    0,     -8,    12,    0 },
        { "(-2) ^ y",      0,     2,     4,     0,     NaN },
        { "x ^ 0.5",       -4,    0,     NaN,   NaN,   0 },
        { "x ^ y",         -8,    1.0 / 3, NaN, NaN,   NaN },
        { "pow(x, y)",     -2,    3,     -8,    12,    NaN },
        // Division by +0 and -0 follows IEEE (docs/language.md §3): ±inf, with gradients 1/y and -x/y².
        { "1 / x",         0.0,   0,     Inf,   -Inf,  0 },
        { "1 / x",         -0.0,  0,     -Inf,  -Inf,  0 },
        { "x / 0.0",       1,     0,     Inf,   Inf,   0 },
        { "x / -0.0",      1,     0,     -Inf,  -Inf,  0 },
        { "x / y",         1,     0.0,   Inf,   Inf,   -Inf },
        { "x / y",         0.0,   0.0,   NaN,   Inf,   NaN },
        // NaN propagates into values and into the gradients of everything it touches.
        { "x * 2",         NaN,   0,     NaN,   2,     0 },
        { "x * y",         NaN,   3,     NaN,   3,     NaN },
        { "x + y",         NaN,   1,     NaN,   1,     1 },
        { "sin(x)",        NaN,   0,     NaN,   NaN,   0 },
        { "tanh(x)",       NaN,   0,     NaN,   NaN,   0 },
        { "sigmoid(x)",    NaN,   0,     NaN,   NaN,   0 },
        { "-x",            NaN,   0,     NaN,   -1,    0 },
        // Infinities: inf - inf is NaN but the gradient of x - x is still 1 - 1 = 0.
        { "x - x",         Inf,   0,     NaN,   0,     0 },
        { "x * 0",         Inf,   0,     NaN,   0,     0 },
        { "x * y",         Inf,   0,     NaN,   0,     Inf },
        { "x * x",         -Inf,  0,     Inf,   -Inf,  0 },
        { "tanh(x)",       Inf,   0,     1,     0,     0 },
        { "sigmoid(x)",    Inf,   0,     1,     0,     0 },
        { "sigmoid(x)",    -Inf,  0,     0.0,   0,     0 },
        { "sigmoid(x)",    -800,  0,     0.0,   0,     0 },
        { "sin(x)",        Inf,   0,     NaN,   NaN,   0 },
        { "x ^ 0",         Inf,   0,     1,     0,     0 },
        { "x ^ y",         Inf,   0,     1,     0,     Inf },
        // max/min: a tie splits the gradient evenly. A NaN operand makes the result NaN, and since
        // PyTorch masks only where one operand is strictly better, both operands get the gradient.
        { "max(x, y)",     1,     1,     1,     0.5,   0.5 },
        { "min(x, 2)",     2,     0,     2,     0.5,   0 },
        { "max(x, y)",     NaN,   1,     NaN,   1,     1 },
        { "min(x, y)",     1,     NaN,   NaN,   1,     1 },
        { "max(x, nan)",   1,     0,     NaN,   1,     0 },
        { "max(x, y)",     Inf,   Inf,   Inf,   0.5,   0.5 },
    };

    [Theory]
    [MemberData(nameof(Float64Cases))]
    public void Float64EdgesAreAsInPyTorch(string expression, double x, double y, double value, double dx, double dy) =>
        Check(expression, x, y, float32: false, value, dx, dy);

    /// <summary>The same in float32: overflow and underflow come sooner, and the gradient is float32 too.</summary>
    public static TheoryData<string, double, double, double, double, double> Float32Cases() => new()
    {
        { "relu(x)",       0.0,   0,     0.0,   0,     0 },
        { "relu(x)",       NaN,   0,     NaN,   1,     0 },
        { "sqrt(x)",       0.0,   0,     0.0,   Inf,   0 },
        { "exp(x)",        89,    0,     Inf,   Inf,   0 },            // e^89 > 3.4e38
        { "sigmoid(x)",    -100,  0,     0.0,   0,     0 },            // e^100 overflows float32
        { "x ^ 2",         1e20,  0,     Inf,   2e20f, 0 },
        { "1 / x",         -0.0,  0,     -Inf,  -Inf,  0 },
        { "x * y",         1e30,  1e30,  Inf,   1e30f, 1e30f },
        { "max(x, y)",     NaN,   1,     NaN,   1,     1 },
        { "x ^ y",         0.0,   0.0,   1,     0,     0 },
        { "log(x)",        -2,    0,     NaN,   -0.5,  0 },
    };

    [Theory]
    [MemberData(nameof(Float32Cases))]
    public void Float32EdgesAreAsInPyTorch(string expression, double x, double y, double value, double dx, double dy) =>
        Check(expression, x, y, float32: true, value, dx, dy);

    private static void Check(string expression, double x, double y, bool float32, double value, double dx, double dy)
    {
        var engine = new Engine(new EngineOptions { Output = TextWriter.Null });
        engine.SetParameter("x", x, float32);
        engine.SetParameter("y", y, float32);
        engine.Run($"l = {expression}\nbackward(l)");
        string at = $"{expression} at x = {x}, y = {y}";
        Assert.True(Same(value, engine.GetNumber("l")), $"{at}: value {engine.GetNumber("l")}, expected {value}");
        Assert.True(Same(dx, engine.GetGradient("x")), $"{at}: ∂/∂x {engine.GetGradient("x")}, expected {dx}");
        Assert.True(Same(dy, engine.GetGradient("y")), $"{at}: ∂/∂y {engine.GetGradient("y")}, expected {dy}");
    }

    private static bool Same(double expected, double actual) =>
        double.IsNaN(expected) ? double.IsNaN(actual) : BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual);
}
