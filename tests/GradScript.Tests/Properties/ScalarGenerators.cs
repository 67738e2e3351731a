namespace GradScript.Tests.Properties;

using System.Text;
using FsCheck;
using FsCheck.Fluent;

/// <summary>
/// Strings and doubles over everything their types hold, for the literal round-trip properties.
/// FsCheck's own strings are ASCII and its doubles small, so these draw from a seed FsCheck supplies
/// (replaying a run's seed makes the same values) with a <see cref="Random"/> of their own.
/// </summary>
public static class ScalarGenerators
{
    // First: the properties below read it while the class initialises.
    private static Gen<int> Seeds { get; } = Gen.Choose(int.MinValue, int.MaxValue);

    /// <summary>
    /// Strings of UTF-16 code units from every part of Unicode: ASCII with the quotes, backslash and
    /// braces a printer must escape, control characters, the line and paragraph separators, the rest
    /// of the basic plane, astral characters as surrogate pairs, and in about one string in six a
    /// lone surrogate, which is no character at all.
    /// </summary>
    public static Arbitrary<string> AnyString { get; } = Arb.From(
        Gen.Sized(size => Seeds.Select(seed => MakeString(new Random(seed), Math.Max(1, size)))),
        s => Enumerable.Range(0, s.Length).Select(i => s.Remove(i, 1)));

    /// <summary>
    /// Doubles of every sign and magnitude: any bit pattern but NaN's, subnormals, the neighbours of
    /// the powers of ten where printing switches between fixed and exponent notation, and the
    /// special values (±0, ±∞, the extremes).
    /// </summary>
    public static Arbitrary<double> AnyDouble { get; } = Arb.From(
        Seeds.Select(seed => MakeDouble(new Random(seed))),
        d => d == 0 ? [] : [0.0, Math.Truncate(d), d / 2]);

    private static string MakeString(Random random, int size)
    {
        var text = new StringBuilder();
        int length = random.Next(0, size + 1);
        bool lone = random.Next(6) == 0;
        for (int i = 0; i < length; i++) text.Append(random.Next(10) switch
        {
            0 or 1 => ((char)random.Next(0x20, 0x7F)).ToString(),
            2 => Pick(random, "\"", "'", "\\", "{", "}", "\u2028", "\u2029", "\uFEFF", "\u00A0"),
            3 => ((char)random.Next(0, 0x20)).ToString(),
            4 => ((char)random.Next(0x7F, 0xA0)).ToString(),
            5 or 6 => BasicPlane(random),
            _ => char.ConvertFromUtf32(random.Next(0x10000, 0x110000)),
        });
        if (lone)
        {
            string half = ((char)(random.Next(2) == 0 ? random.Next(0xD800, 0xDC00) : random.Next(0xDC00, 0xE000))).ToString();
            // Between two code points, never inside a pair (which would make it a different pair).
            int at = random.Next(0, text.Length + 1);
            while (at > 0 && at < text.Length && char.IsLowSurrogate(text[at])) at--;
            text.Insert(at, half);
        }
        return text.ToString();
    }

    private static string BasicPlane(Random random)
    {
        int c;
        do c = random.Next(0xA0, 0x10000);
        while (c is >= 0xD800 and < 0xE000);
        return ((char)c).ToString();
    }

    private static double MakeDouble(Random random)
    {
        double sign = random.Next(2) == 0 ? 1 : -1;
        switch (random.Next(8))
        {
            case 0 or 1:
                double any;
                do any = BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue));
                while (double.IsNaN(any));
                return any;
            case 2:   // subnormal: exponent bits 0, any mantissa
                return sign * BitConverter.Int64BitsToDouble(random.NextInt64(1, 1L << 52));
            case 3:   // near 1e16 and 1e-4 (and 1e-5): where fixed and exponent notation meet
                double power = Math.Pow(10, Pick(random, 15, 16, 17, -4, -5, -6));
                double near = power * (1 + (random.NextDouble() - 0.5) * Math.Pow(10, -random.Next(1, 17)));
                return sign * Step(near, random.Next(-2, 3));
            case 4:   // a random magnitude, uniformly over the exponents
                return sign * random.NextDouble() * Math.Pow(10, random.Next(-330, 310));
            case 5:   // whole numbers, small and large
                return sign * Math.Round(random.NextDouble() * Math.Pow(10, random.Next(0, 20)));
            case 6:
                return sign * Pick(random, 0.0, double.PositiveInfinity, double.MaxValue, double.Epsilon, 2.2250738585072014E-308,
                    2.2250738585072009E-308, 1e16, 1e-4, 1e-5, 0.1, 9007199254740993.0, 1e22, 1e23);
            default:
                return sign * random.NextDouble() * 200;
        }
    }

    // The double n representable steps above (or below) d.
    private static double Step(double d, int n)
    {
        for (; n > 0; n--) d = Math.BitIncrement(d);
        for (; n < 0; n++) d = Math.BitDecrement(d);
        return d;
    }

    private static T Pick<T>(Random random, params T[] choices) => choices[random.Next(choices.Length)];
}
