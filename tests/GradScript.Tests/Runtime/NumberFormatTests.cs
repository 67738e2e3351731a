namespace GradScript.Tests.Runtime;

using GradScript.Runtime;
using Xunit;

/// <summary>
/// <see cref="NumberFormat"/> against tables printed by CPython 3.11 (<c>repr(x)</c>, <c>format(x, spec)</c>
/// and the messages of the ValueErrors it raises). The values were produced by running Python, not by hand.
/// </summary>
public class NumberFormatTests
{
    /// <summary>repr of double literals: layout switches, boundaries of fixed notation, shortest digits.</summary>
    [Theory]
    [InlineData(4.0, "4.0")]
    [InlineData(0.1, "0.1")]
    [InlineData(-7.840000152587891, "-7.840000152587891")]
    [InlineData(1e-5, "1e-05")]
    [InlineData(1E16, "1e+16")]
    [InlineData(1.5e300, "1.5e+300")]
    [InlineData(1e22, "1e+22")]
    [InlineData(123456789012345.0, "123456789012345.0")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.0, "0.0")]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(2.2250738585072014e-308, "2.2250738585072014e-308")]
    [InlineData(2.225073858507201e-308, "2.225073858507201e-308")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(9999999999999998.0, "9999999999999998.0")]
    [InlineData(1e16 - 4, "9999999999999996.0")]
    [InlineData(12345678901234567.0, "1.2345678901234568e+16")]
    [InlineData(1e17, "1e+17")]
    [InlineData(9007199254740992.0, "9007199254740992.0")]
    [InlineData(9007199254740995.0, "9007199254740996.0")]
    [InlineData(0.00009999, "9.999e-05")]
    [InlineData(0.00010000000000000002, "0.00010000000000000002")]
    [InlineData(1e23, "1e+23")]
    [InlineData(9.999999999999997e22, "9.999999999999997e+22")]
    [InlineData(1.0 / 3, "0.3333333333333333")]
    [InlineData(2.0 / 3, "0.6666666666666666")]
    [InlineData(100.0, "100.0")]
    [InlineData(1e100, "1e+100")]
    [InlineData(1.1, "1.1")]
    [InlineData(2.675, "2.675")]
    [InlineData(123.456, "123.456")]
    [InlineData(-1.5, "-1.5")]
    [InlineData(3.141592653589793, "3.141592653589793")]
    [InlineData(2.718281828459045, "2.718281828459045")]
    [InlineData(1e-7, "1e-07")]
    [InlineData(1e-320, "1e-320")]
    [InlineData(1.5e-323, "1.5e-323")]
    [InlineData(1e16 + 2, "1.0000000000000002e+16")]
    [InlineData(0.3, "0.3")]
    [InlineData(1.23456789e-300, "1.23456789e-300")]
    [InlineData(6.02214076e23, "6.02214076e+23")]
    [InlineData(1.602176634e-19, "1.602176634e-19")]
    [InlineData(-2.5e-5, "-2.5e-05")]
    [InlineData(12345.6789, "12345.6789")]
    [InlineData(1e-4 * 0.5, "5e-05")]
    [InlineData(4.35, "4.35")]
    [InlineData(0.5, "0.5")]
    [InlineData(1234567890123456.0, "1234567890123456.0")]
    [InlineData(123456789012345678.0, "1.2345678901234568e+17")]
    [InlineData(4503599627370497.5, "4503599627370498.0")]
    [InlineData(0.000123, "0.000123")]
    [InlineData(0.001, "0.001")]
    [InlineData(-100.5, "-100.5")]
    public void ReprOfLiteral(double value, string expected) => Assert.Equal(expected, NumberFormat.FormatFloat(value));

    /// <summary>repr of exact bit patterns: subnormals, signs, NaN, and powers of two where .NET's "R" is wrong.</summary>
    [Theory]
    [InlineData(0x3E60000000000000UL, "2.9802322387695312e-08")] // 2**-25: .NET's "R" gives a 16-digit string that does not read back
    [InlineData(0x0410000000000000UL, "4.1045368012983762e-289")] // 2**-958: the same .NET flaw
    [InlineData(0x0010000000000000UL, "2.2250738585072014e-308")] // smallest normal
    [InlineData(0x000FFFFFFFFFFFFFUL, "2.225073858507201e-308")] // largest subnormal
    [InlineData(0x0000000000000003UL, "1.5e-323")] // three ulps of zero
    [InlineData(0x4330000000000000UL, "4503599627370496.0")]
    [InlineData(0x43E0000000000000UL, "9.223372036854776e+18")] // 2**63
    [InlineData(0x3FE0000000000000UL, "0.5")]
    [InlineData(0x7FE0000000000000UL, "8.98846567431158e+307")] // largest power of two
    [InlineData(0x8000000000000000UL, "-0.0")] // negative zero
    [InlineData(0xFFF8000000000000UL, "nan")] // a NaN with its sign bit set
    [InlineData(0xFFF0000000000000UL, "-inf")]
    [InlineData(0x7FF0000000000000UL, "inf")]
    [InlineData(0x7FEFFFFFFFFFFFFEUL, "1.7976931348623155e+308")] // just below the largest double
    [InlineData(0x00000000000003E8UL, "4.94e-321")]
    public void ReprOfBits(ulong bits, string expected) =>
        Assert.Equal(expected, NumberFormat.FormatFloat(BitConverter.UInt64BitsToDouble(bits)));

    /// <summary>A float32 widened to a double prints as that double does in Python: all its digits.</summary>
    [Theory]
    [InlineData(7.315943717956543f, "7.315943717956543")]
    [InlineData(0.1f, "0.10000000149011612")]
    [InlineData(3.14159f, "3.141590118408203")]
    [InlineData(1e-45f, "1.401298464324817e-45")]
    [InlineData(float.MaxValue, "3.4028234663852886e+38")]
    [InlineData(16777217f, "16777216.0")]
    [InlineData(-7.84f, "-7.840000152587891")]
    [InlineData(1e10f, "10000000000.0")]
    [InlineData(0.0001f, "9.999999747378752e-05")]
    [InlineData(1e-40f, "9.99994610111476e-41")]
    public void ReprOfFloat32(float value, string expected) => Assert.Equal(expected, NumberFormat.FormatFloat(value));

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(-17L, "-17")]
    [InlineData(long.MinValue, "-9223372036854775808")]
    [InlineData(long.MaxValue, "9223372036854775807")]
    public void StrOfInt(long value, string expected) => Assert.Equal(expected, NumberFormat.FormatInt(value));

    /// <summary>format(float, spec): half-even rounding of the exact value, 'z', separators, zero padding, '#'.</summary>
    [Theory]
    [InlineData(3.14159, ".2f", "3.14")]
    [InlineData(0.125, ".2f", "0.12")]
    [InlineData(0.375, ".2f", "0.38")]
    [InlineData(2.5, ".0f", "2")]
    [InlineData(3.5, ".0f", "4")]
    [InlineData(-0.0001, ".2f", "-0.00")]
    [InlineData(-0.0001, "z.2f", "0.00")]
    [InlineData(-0.0, "z", "0.0")]
    [InlineData(1234567.891, ",.2f", "1,234,567.89")]
    [InlineData(1234567.891, "_.1f", "1_234_567.9")]
    [InlineData(1234.5, "015,.2f", "0,000,001,234.50")]
    [InlineData(-1234.5, "015,.2f", "-000,001,234.50")]
    [InlineData(1234.5, "010", "00001234.5")]
    [InlineData(-3.5, "=+10.1f", "-      3.5")]
    [InlineData(3.5, "*^11.2f", "***3.50****")]
    [InlineData(3.5, "<8", "3.5     ")]
    [InlineData(3.5, ">8", "     3.5")]
    [InlineData(0.000123456, "e", "1.234560e-04")]
    [InlineData(123456.0, ".3e", "1.235e+05")]
    [InlineData(123456.0, ".3E", "1.235E+05")]
    [InlineData(0.5, ".0e", "5e-01")]
    [InlineData(1.0, "#.0e", "1.e+00")]
    [InlineData(1e-05, "g", "1e-05")]
    [InlineData(0.0001, "g", "0.0001")]
    [InlineData(123456789.0, "g", "1.23457e+08")]
    [InlineData(1234567.0, ".3g", "1.23e+06")]
    [InlineData(100.0, "#g", "100.000")]
    [InlineData(100.0, ".3", "1e+02")]
    [InlineData(1234.5, ".4", "1.234e+03")]
    [InlineData(1.0, ".3", "1.0")]
    [InlineData(1e+16, "", "1e+16")]
    [InlineData(1e+16, ".17", "1e+16")]
    [InlineData(0.1, ".20f", "0.10000000000000000555")]
    [InlineData(0.1, ".17g", "0.10000000000000001")]
    [InlineData(0.25, "%", "25.000000%")]
    [InlineData(0.1234, ".1%", "12.3%")]
    [InlineData(-0.5, " .2f", "-0.50")]
    [InlineData(0.5, " .2f", " 0.50")]
    [InlineData(0.5, "+.2f", "+0.50")]
    [InlineData(double.PositiveInfinity, "010", "0000000inf")]
    [InlineData(double.NegativeInfinity, "+.2f", "-inf")]
    [InlineData(double.NaN, "F", "NAN")]
    [InlineData(double.PositiveInfinity, "E", "INF")]
    [InlineData(double.Epsilon, ".3e", "4.941e-324")]
    [InlineData(double.MaxValue, ".5g", "1.7977e+308")]
    [InlineData(9.995, ".2f", "9.99")]
    [InlineData(99.96, ".1f", "100.0")]
    [InlineData(1234.5678, "n", "1234.57")]
    [InlineData(1e22, ",.0f", "10,000,000,000,000,000,000,000")]
    public void FormatFloatSpec(double value, string spec, string expected) => Assert.Equal(expected, NumberFormat.Format(value, spec));

    /// <summary>format(int, spec): bases, prefixes, 'c', grouping by four for '_' in hex and binary, float types.</summary>
    [Theory]
    [InlineData(42L, "", "42")]
    [InlineData(42L, "5", "   42")]
    [InlineData(42L, "<5", "42   ")]
    [InlineData(42L, "^6", "  42  ")]
    [InlineData(42L, "*>6", "****42")]
    [InlineData(-42L, "06", "-00042")]
    [InlineData(-42L, "=6", "-   42")]
    [InlineData(255L, "x", "ff")]
    [InlineData(255L, "#X", "0XFF")]
    [InlineData(255L, "#010x", "0x000000ff")]
    [InlineData(-255L, "#010x", "-0x00000ff")]
    [InlineData(5L, "b", "101")]
    [InlineData(5L, "#b", "0b101")]
    [InlineData(1234567L, ",", "1,234,567")]
    [InlineData(1234567L, "_", "1_234_567")]
    [InlineData(1234567L, "015,", "000,001,234,567")]
    [InlineData(65535L, "_x", "ffff")]
    [InlineData(65535L, "#_b", "0b1111_1111_1111_1111")]
    [InlineData(65L, "c", "A")]
    [InlineData(128512L, "^5c", "  😀  ")]
    [InlineData(long.MinValue, "d", "-9223372036854775808")]
    [InlineData(long.MinValue, "x", "-8000000000000000")]
    [InlineData(long.MaxValue, ",", "9,223,372,036,854,775,807")]
    [InlineData(42L, "+", "+42")]
    [InlineData(42L, " ", " 42")]
    [InlineData(42L, ".2f", "42.00")]
    [InlineData(7L, "e", "7.000000e+00")]
    [InlineData(3L, "%", "300.000000%")]
    [InlineData(9007199254740993L, ".1f", "9007199254740992.0")]
    [InlineData(8L, "o", "10")]
    [InlineData(8L, "#o", "0o10")]
    [InlineData(1234L, "n", "1234")]
    public void FormatIntSpec(long value, string spec, string expected) => Assert.Equal(expected, NumberFormat.Format(value, spec));

    /// <summary>format(str, spec): width and precision count code points, so an emoji is one character.</summary>
    [Theory]
    [InlineData("abc", "10", "abc       ")]
    [InlineData("abc", ">10", "       abc")]
    [InlineData("abc", "^10", "   abc    ")]
    [InlineData("abc", "*^8", "**abc***")]
    [InlineData("abc", ".2", "ab")]
    [InlineData("abcdef", "^5.3", " abc ")]
    [InlineData("abc", "05", "abc00")]
    [InlineData("a😀b", ".2", "a😀")]
    [InlineData("a😀b", "😀^7", "😀😀a😀b😀😀")]
    [InlineData("héllo", "s", "héllo")]
    [InlineData("abc", "2", "abc")]
    public void FormatStringSpec(string value, string spec, string expected) =>
        Assert.Equal(expected, NumberFormat.FormatString(value, spec));

    [Theory]
    [InlineData(".3q", "Unknown format code 'q' for object of type 'float'")]
    [InlineData(".3qq", "Invalid format specifier '.3qq' for object of type 'float'")]
    [InlineData(",_", "Cannot specify both ',' and '_'.")]
    [InlineData(".", "Format specifier missing precision")]
    [InlineData("d", "Unknown format code 'd' for object of type 'float'")]
    [InlineData("99999999999999999999", "Too many decimal digits in format string")]
    [InlineData(",n", "Cannot specify ',' with 'n'.")]
    public void InvalidFloatSpecThrowsPythonsMessage(string spec, string message) =>
        Assert.Equal(message, Assert.Throws<FormatException>(() => NumberFormat.Format(1.0, spec)).Message);

    [Theory]
    [InlineData(5L, ".2", "Precision not allowed in integer format specifier")]
    [InlineData(5L, "z", "Negative zero coercion (z) not allowed in integer format specifier")]
    [InlineData(5L, ",x", "Cannot specify ',' with 'x'.")]
    [InlineData(5L, "+c", "Sign not allowed with integer format specifier 'c'")]
    [InlineData(5L, "#c", "Alternate form (#) not allowed with integer format specifier 'c'")]
    [InlineData(-1L, "c", "%c arg not in range(0x110000)")]
    [InlineData(5L, "s", "Unknown format code 's' for object of type 'int'")]
    [InlineData(5L, "é", "Unknown format code '\\xe9' for object of type 'int'")]
    public void InvalidIntSpecThrowsPythonsMessage(long value, string spec, string message) =>
        Assert.Equal(message, Assert.Throws<FormatException>(() => NumberFormat.Format(value, spec)).Message);

    [Theory]
    [InlineData("+", "Sign not allowed in string format specifier")]
    [InlineData(" ", "Space not allowed in string format specifier")]
    [InlineData("#", "Alternate form (#) not allowed in string format specifier")]
    [InlineData("=", "'=' alignment not allowed in string format specifier")]
    [InlineData("z", "Negative zero coercion (z) not allowed in string format specifier")]
    [InlineData("d", "Unknown format code 'd' for object of type 'str'")]
    [InlineData(",", "Cannot specify ',' with 's'.")]
    public void InvalidStringSpecThrowsPythonsMessage(string spec, string message) =>
        Assert.Equal(message, Assert.Throws<FormatException>(() => NumberFormat.FormatString("ab", spec)).Message);
}
