using System.Text;

namespace GradScript.Oracle;

/// <summary>How far GradScript's number is from libtorch's.</summary>
internal enum Verdict { Equal, OneUlp, SignedZero, Worse }

/// <summary>
/// Compares numbers bit for bit (any NaN equals any NaN: libtorch does not promise a payload) and
/// keeps a tally and the first mismatches of each kind for the report.
/// </summary>
internal sealed class Comparison
{
    private readonly Dictionary<Verdict, int> _counts = Enum.GetValues<Verdict>().ToDictionary(v => v, _ => 0);
    private readonly List<string> _examples = [];

    /// <summary>Cases compared (one per program or run).</summary>
    public int Cases { get; set; }

    /// <summary>Cases left out because TorchSharp cannot express them.</summary>
    public int Skipped { get; set; }

    /// <summary>Cases where libtorch's MKL and the C library differ by an ulp in some call (see <see cref="LibmAgreement"/>).</summary>
    public int LibmDivergent { get; set; }

    /// <summary>The widest gap between MKL's and the C library's result of one call, in ulps, over the cases compared.</summary>
    public double WidestLibmGap { get; set; }

    /// <summary>
    /// Mismatches that are more than rounding: NaN or an infinity against a finite number, a zero
    /// against a nonzero number, or opposite signs.
    /// </summary>
    public int DifferInKind { get; private set; }

    /// <summary>
    /// Signed-zero differences of the one class the bar allows (<see cref="ExpressionOracleTests.TrackedEfficientZero"/>),
    /// counted apart from <see cref="Verdict.SignedZero"/>.
    /// </summary>
    public int Allowed { get; private set; }

    /// <summary>Numbers compared.</summary>
    public int Numbers => _counts.Values.Sum() + Allowed;

    public int Count(Verdict v) => _counts[v];

    /// <summary>How many ulps of the dtype lie between two numbers (0 for two NaNs, infinity for NaN and a number).</summary>
    public static double Ulps(double a, double b, bool float32)
    {
        if (double.IsNaN(a) || double.IsNaN(b)) return double.IsNaN(a) && double.IsNaN(b) ? 0 : double.PositiveInfinity;
        long x = float32 ? Ordered((float)a) : Ordered(a), y = float32 ? Ordered((float)b) : Ordered(b);
        return (double)Int128.Abs((Int128)x - y);
    }

    // Bit patterns in number order: negative numbers mirrored below zero (both zeros are 0).
    private static long Ordered(double v)
    {
        long bits = BitConverter.DoubleToInt64Bits(v);
        return bits < 0 ? -(bits & long.MaxValue) : bits;
    }

    private static long Ordered(float v)
    {
        int bits = BitConverter.SingleToInt32Bits(v);
        return bits < 0 ? -(long)(bits & int.MaxValue) : bits;
    }

    public static Verdict Judge(double expected, double actual, bool float32)
    {
        if (double.IsNaN(expected) && double.IsNaN(actual)) return Verdict.Equal;
        if (BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual)) return Verdict.Equal;
        if (expected == 0 && actual == 0) return Verdict.SignedZero;
        if (double.IsNaN(expected) || double.IsNaN(actual)) return Verdict.Worse;
        double ulps = float32
            ? Math.Abs((double)BitConverter.SingleToInt32Bits((float)expected) - BitConverter.SingleToInt32Bits((float)actual))
            : Math.Abs((double)BitConverter.DoubleToInt64Bits(expected) - BitConverter.DoubleToInt64Bits(actual));
        bool sameSign = double.IsNegative(expected) == double.IsNegative(actual);
        return sameSign && ulps <= 1 ? Verdict.OneUlp : Verdict.Worse;
    }

    /// <summary>
    /// Compares one number; 1 ulp is allowed only with <paramref name="libm"/> (the program calls a
    /// libm function, whose result may differ by an ulp between libm versions). <paramref name="describe"/>
    /// is called only for a mismatch.
    /// </summary>
    public void Check(string what, double expected, double actual, bool float32, bool libm, Func<string> describe, bool zeroSignAllowed = false)
    {
        var verdict = Judge(expected, actual, float32);
        if (verdict == Verdict.OneUlp && !libm) verdict = Verdict.Worse;
        if (verdict == Verdict.SignedZero && zeroSignAllowed)
        {
            Allowed++;
            if (_examples.Count < 40) _examples.Add($"Allowed (a tracked efficient zero): {what}: libtorch {R(expected)}, GradScript {R(actual)}\n{describe()}");
            return;
        }
        _counts[verdict]++;
        if (verdict == Verdict.Worse && InKind(expected, actual)) DifferInKind++;
        if (verdict != Verdict.Equal && _examples.Count < 40)
            _examples.Add($"{verdict}: {what}: libtorch {R(expected)}, GradScript {R(actual)}{(float32 ? " (float32)" : "")}\n{describe()}");
    }

    private static bool InKind(double a, double b) =>
        double.IsFinite(a) != double.IsFinite(b) || (a == 0) != (b == 0) || double.IsNegative(a) != double.IsNegative(b);

    public static string R(double x) => x.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    public string Report(string suite)
    {
        var text = new StringBuilder();
        text.AppendLine($"{suite}: {Cases} cases, {Numbers} numbers: {Count(Verdict.Equal)} equal, {Count(Verdict.OneUlp)} 1 ulp, " +
            $"{Count(Verdict.SignedZero)} signed-zero, {Count(Verdict.Worse)} worse ({DifferInKind} in kind), {Allowed} allowed; {Skipped} skipped, {LibmDivergent} apart (an MKL call 1 ulp from libm)");
        foreach (var e in _examples) text.AppendLine(e).AppendLine();
        return text.ToString();
    }
}
