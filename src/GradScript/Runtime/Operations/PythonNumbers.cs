namespace GradScript.Runtime;

using System.Globalization;
using System.Numerics;

/// <summary>
/// CPython's numeric algorithms where the obvious C# expression gives a different answer: float
/// floor division and modulo (CPython's <c>_float_div_mod</c>, built on <c>fmod</c>, so that
/// <c>a == (a // b) * b + a % b</c> holds and zeros keep Python's signs), int / int rounded once
/// from the exact quotient (<c>long_true_divide</c>), and <c>round</c> with a digit count, exact on
/// the binary value of a float and on an int.
/// </summary>
internal static class PythonNumbers
{
    /// <summary>Python's <c>x // y</c> for floats; a zero divisor gives IEEE's inf or nan, as PyTorch's floor_divide.</summary>
    public static double FloorDivide(double x, double y)
    {
        if (y == 0) return Math.Floor(x / y);
        double mod = x % y; // the C# remainder of doubles is C's fmod: exact, with the sign of x
        double div = (x - mod) / y;
        if (mod != 0 && (y < 0) != (mod < 0)) div -= 1.0;
        if (div == 0) return Math.CopySign(0.0, x / y);
        double floor = Math.Floor(div);
        // (x - mod) / y is within half a unit of an integer; floor it back onto that integer.
        return div - floor > 0.5 ? floor + 1.0 : floor;
    }

    /// <summary>Python's <c>x % y</c> for floats: the sign of the divisor, a zero result signed as the divisor.</summary>
    public static double Modulo(double x, double y)
    {
        if (y == 0) return double.NaN;
        double mod = x % y;
        if (mod == 0) return Math.CopySign(0.0, y);
        return (y < 0) != (mod < 0) ? mod + y : mod;
    }

    /// <summary>The largest int a double holds exactly together with every smaller one: 2^53.</summary>
    private const long ExactInDouble = 1L << 53;

    /// <summary>
    /// Python's <c>x / y</c> for ints: the exact quotient rounded once to the nearest double, ties to
    /// even. Below 2^53 both operands are exact doubles and one IEEE division is that rounding.
    /// </summary>
    public static double TrueDivide(long x, long y)
    {
        if (x is >= -ExactInDouble and <= ExactInDouble && y is >= -ExactInDouble and <= ExactInDouble) return (double)x / y;
        bool negative = (x < 0) != (y < 0);
        var a = BigInteger.Abs(x);
        var b = BigInteger.Abs(y);
        if (a.IsZero) return negative ? -0.0 : 0.0;
        // Scale a so that the quotient has at least 55 bits: 53 kept, one to round by, and more;
        // a nonzero remainder is a "sticky" bit below them all, which breaks a tie upwards.
        int shift = (int)Math.Max(0, 55 + b.GetBitLength() - a.GetBitLength());
        var q = BigInteger.DivRem(a << shift, b, out var rest);
        int extra = (int)q.GetBitLength() - 53;
        var kept = q >> extra;
        var dropped = q - (kept << extra);
        var half = BigInteger.One << (extra - 1);
        int c = dropped.CompareTo(half);
        if (c > 0 || (c == 0 && (!rest.IsZero || !kept.IsEven))) kept += 1;
        double magnitude = Math.ScaleB((double)(long)kept, extra - shift); // 2^53 at most: exact
        return negative ? -magnitude : magnitude;
    }

    /// <summary>
    /// Python's <c>round(x, digits)</c> for an int with a negative digit count: the nearest multiple of
    /// 10^-digits, ties to even; null when the result does not fit in 64 bits.
    /// </summary>
    public static long? RoundInt(long x, long digits)
    {
        if (digits >= 0) return x;
        if (digits < -19) return 0; // 10^20 / 2 is beyond every long
        var unit = BigInteger.Pow(10, (int)-digits);
        var rounded = RoundHalfEven(BigInteger.Abs(x), unit) * unit;
        if (x < 0) rounded = -rounded;
        return rounded >= long.MinValue && rounded <= long.MaxValue ? (long)rounded : null;
    }

    /// <summary>
    /// Python's <c>round(x, digits)</c> for a finite float: the exact binary value rounded, ties to
    /// even, to a multiple of 10^-digits, then read back correctly rounded; null when that overflows.
    /// </summary>
    public static double? RoundFloat(double x, long digits)
    {
        // As CPython: beyond these the value is returned unchanged, or as a zero of its sign.
        if (digits > 323 || x == 0 || !double.IsFinite(x)) return x;
        if (digits < -308) return 0.0 * x;
        long bits = BitConverter.DoubleToInt64Bits(x);
        int biased = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (biased != 0) mantissa |= 1L << 52;
        int e2 = Math.Max(biased, 1) - 1075;
        // |x| * 10^digits = numerator / denominator, exactly.
        BigInteger numerator = mantissa, denominator = BigInteger.One;
        if (e2 >= 0) numerator <<= e2; else denominator <<= -e2;
        if (digits >= 0) numerator *= BigInteger.Pow(10, (int)digits);
        else denominator *= BigInteger.Pow(10, (int)-digits);
        var rounded = RoundHalfEven(numerator, denominator);
        string text = $"{rounded.ToString(CultureInfo.InvariantCulture)}e{-digits}";
        double result = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.IsInfinity(result)) return null;
        return double.IsNegative(x) ? -result : result;
    }

    /// <summary>numerator / denominator (both non-negative) rounded to an integer, ties to even.</summary>
    private static BigInteger RoundHalfEven(BigInteger numerator, BigInteger denominator)
    {
        var q = BigInteger.DivRem(numerator, denominator, out var rest);
        int c = (rest * 2).CompareTo(denominator);
        return c > 0 || (c == 0 && !q.IsEven) ? q + 1 : q;
    }
}
