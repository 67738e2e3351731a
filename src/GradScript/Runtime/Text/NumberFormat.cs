namespace GradScript.Runtime;

using System.Globalization;
using System.Numerics;
using System.Text;

/// <summary>
/// Turns numbers and strings into text exactly as Python 3.11 does: <c>repr(float)</c>, <c>str(int)</c>
/// and the format-spec mini-language of f-strings, <c>[[fill]align][sign][z][#][0][width][,|_][.precision][type]</c>.
/// The code follows CPython's <c>formatter_unicode.c</c> and <c>pystrtod.c</c> step by step, so that the
/// corner cases (zero padding through separators, <c>'#'</c> with <c>'g'</c>, <c>'z'</c>, error messages)
/// agree too. Digits are computed exactly, never through <c>double.ToString("F")</c>, because Python rounds
/// the exact binary value half to even (<c>f"{0.125:.2f}"</c> is <c>0.12</c>).
/// </summary>
internal static class NumberFormat
{
    /// <summary>A parsed format spec; <see cref="Type"/> is a code point, 0 when none was given.</summary>
    private readonly record struct Spec(
        string Fill, char Align, char Sign, bool NoNeg0, bool Alt, int Width, char Sep, int Group, int Precision, int Type);

    /// <summary>Python's <c>repr(value)</c>: the shortest digits that read back as the same double.</summary>
    public static string FormatFloat(double value) => FloatText(value, 'r', 0, addDot0: true, alt: false, noNeg0: false, upper: false);

    /// <summary>Python's <c>str(value)</c> for an int.</summary>
    public static string FormatInt(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Python's <c>format(value, spec)</c> for a float.</summary>
    /// <exception cref="FormatException">The spec is invalid for a float; the message is Python's.</exception>
    public static string Format(double value, string spec)
    {
        if (spec.Length == 0) return FormatFloat(value);
        var s = Parse(spec, "float", 0, '>');
        return s.Type is 0 or 'e' or 'E' or 'f' or 'F' or 'g' or 'G' or 'n' or '%' ? FloatField(value, s) : throw Unknown(s.Type, "float");
    }

    /// <summary>Python's <c>format(value, spec)</c> for an int; the float types convert it to a float first.</summary>
    /// <exception cref="FormatException">The spec is invalid for an int; the message is Python's.</exception>
    public static string Format(long value, string spec)
    {
        if (spec.Length == 0) return FormatInt(value);
        var s = Parse(spec, "int", 'd', '>');
        // Python converts with float(n), which rounds correctly, as the long-to-double conversion does.
        if (s.Type is 'e' or 'E' or 'f' or 'F' or 'g' or 'G' or '%') return FloatField(value, s);
        if (s.Type is not ('b' or 'c' or 'd' or 'o' or 'x' or 'X' or 'n')) throw Unknown(s.Type, "int");
        if (s.Precision >= 0) throw new FormatException("Precision not allowed in integer format specifier");
        if (s.NoNeg0) throw new FormatException("Negative zero coercion (z) not allowed in integer format specifier");
        if (s.Type == 'c')
        {
            if (s.Sign != 0) throw new FormatException("Sign not allowed with integer format specifier 'c'");
            if (s.Alt) throw new FormatException("Alternate form (#) not allowed with integer format specifier 'c'");
            if (value is < 0 or > 0x10FFFF) throw new FormatException("%c arg not in range(0x110000)");
            // As in CPython the character is a "remainder": neither grouped nor zero-padded.
            return Field(s, '+', "", "", hasDecimal: false, char.ConvertFromUtf32((int)value));
        }
        int radix = s.Type switch { 'b' => 2, 'o' => 8, 'x' or 'X' => 16, _ => 10 };
        // -long.MinValue overflows a long; as a ulong it is 2^63, which Convert prints unsigned as it should.
        ulong magnitude = value < 0 ? (ulong)(-(value + 1)) + 1 : (ulong)value;
        string digits = radix == 10 ? magnitude.ToString(CultureInfo.InvariantCulture) : Convert.ToString((long)magnitude, radix);
        string prefix = s.Alt && radix != 10 ? "0" + (char)s.Type : ""; // "0X" for 'X', as Python
        return Field(s, value < 0 ? '-' : '+', prefix, s.Type == 'X' ? digits.ToUpperInvariant() : digits, hasDecimal: false, "");
    }

    /// <summary>Python's <c>format(value, spec)</c> for a str: fill, alignment, width and truncation.</summary>
    /// <exception cref="FormatException">The spec is invalid for a str; the message is Python's.</exception>
    public static string FormatString(string value, string spec)
    {
        if (spec.Length == 0) return value;
        var s = Parse(spec, "str", 's', '<');
        if (s.Type != 's') throw Unknown(s.Type, "str");
        string? error = s.Sign == ' ' ? "Space not allowed in string format specifier"
            : s.Sign != 0 ? "Sign not allowed in string format specifier"
            : s.NoNeg0 ? "Negative zero coercion (z) not allowed in string format specifier"
            : s.Alt ? "Alternate form (#) not allowed in string format specifier"
            : s.Align == '=' ? "'=' alignment not allowed in string format specifier" : null;
        if (error != null) throw new FormatException(error);
        // Python counts code points, so a surrogate pair is one character for width and precision.
        var runes = value.EnumerateRunes().ToList();
        if (s.Precision >= 0 && runes.Count > s.Precision)
        {
            runes.RemoveRange(s.Precision, runes.Count - s.Precision);
            value = string.Concat(runes);
        }
        int pad = Math.Max(0, s.Width - runes.Count);
        int left = s.Align == '>' ? pad : s.Align == '^' ? pad / 2 : 0;
        return Repeat(s.Fill, left) + value + Repeat(s.Fill, pad - left);
    }

    /// <summary>
    /// The largest width and precision a format spec may give: 2^20 characters. CPython takes any,
    /// but a field of a billion characters is only ever an attack on memory, and zero-padding with
    /// separators costs far more than one copy per character.
    /// </summary>
    public const int MaxWidth = 1 << 20;

    /// <summary>Parses a spec as CPython's <c>parse_internal_render_format_spec</c> does, with its messages.</summary>
    private static Spec Parse(string spec, string typeName, int defaultType, char defaultAlign)
    {
        // Code points, because the fill may be any character, one outside the BMP included.
        var r = spec.EnumerateRunes().Select(x => x.Value).ToArray();
        int pos = 0;
        string fill = " ";
        char align = defaultAlign, sign = '\0', sep = '\0';
        bool fillGiven = false, alignGiven = false, noNeg0 = false, alt = false;
        static bool IsAlign(int c) => c is '<' or '>' or '=' or '^';
        if (r.Length >= 2 && IsAlign(r[1])) (fill, align, fillGiven, alignGiven, pos) = (char.ConvertFromUtf32(r[0]), (char)r[1], true, true, 2);
        else if (r.Length >= 1 && IsAlign(r[0])) (align, alignGiven, pos) = ((char)r[0], true, 1);
        if (pos < r.Length && r[pos] is '+' or '-' or ' ') sign = (char)r[pos++];
        if (pos < r.Length && r[pos] == 'z') (noNeg0, pos) = (true, pos + 1);
        if (pos < r.Length && r[pos] == '#') (alt, pos) = (true, pos + 1);
        // A leading '0' pads with zeros after the sign, unless a fill or an alignment says otherwise.
        if (!fillGiven && pos < r.Length && r[pos] == '0') (fill, align, pos) = ("0", !alignGiven && defaultAlign == '>' ? '=' : align, pos + 1);
        int width = Integer(r, ref pos, -1);
        if (width > MaxWidth) throw new FormatException($"format width too large (more than {MaxWidth})");
        if (pos < r.Length && r[pos] == ',') (sep, pos) = (',', pos + 1);
        if (pos < r.Length && r[pos] == '_') (sep, pos) = (sep == 0 ? '_' : throw Both(), pos + 1);
        if (pos < r.Length && r[pos] == ',' && sep == '_') throw Both();
        int precision = -1;
        if (pos < r.Length && r[pos] == '.')
        {
            pos++;
            precision = Integer(r, ref pos, -2);
            if (precision == -2) throw new FormatException("Format specifier missing precision");
            if (precision > MaxWidth) throw new FormatException($"format precision too large (more than {MaxWidth})");
        }
        if (r.Length - pos > 1) throw new FormatException($"Invalid format specifier '{spec}' for object of type '{typeName}'");
        int type = pos < r.Length ? r[pos] : defaultType;
        int group = sep == '_' && type is 'b' or 'o' or 'x' or 'X' ? 4 : 3; // PEP 515: '_' groups these by four
        if (sep != 0 && group == 3 && type is not ('d' or 'e' or 'f' or 'g' or 'E' or 'G' or '%' or 'F' or 0))
            throw new FormatException($"Cannot specify '{sep}' with '{TypeText(type)}'.");
        return new Spec(fill, align, sign, noNeg0, alt, width, sep, group, precision, type);
    }

    /// <summary>Reads the decimal digits at <paramref name="pos"/>; <paramref name="none"/> when there are none.</summary>
    private static int Integer(int[] r, ref int pos, int none)
    {
        long n = 0;
        int start = pos;
        for (; pos < r.Length && r[pos] is >= '0' and <= '9'; pos++)
            if ((n = n * 10 + (r[pos] - '0')) > int.MaxValue) throw new FormatException("Too many decimal digits in format string");
        return pos == start ? none : (int)n;
    }

    private static FormatException Both() => new("Cannot specify both ',' and '_'.");

    private static string TypeText(int type) => type is > 32 and < 128 ? ((char)type).ToString() : $"\\x{type:x}";

    private static FormatException Unknown(int type, string typeName) =>
        new($"Unknown format code '{TypeText(type)}' for object of type '{typeName}'");

    /// <summary>CPython's <c>format_float_internal</c>: picks the dtoa mode, then lays out the field.</summary>
    private static string FloatField(double value, Spec s)
    {
        char type = (char)s.Type;
        // No type is repr, or with a precision 'g' that keeps a ".0"; 'n' is 'g' in the C locale.
        int precision = s.Precision >= 0 ? s.Precision : type == 0 ? 0 : 6;
        char code = type switch { '\0' => s.Precision >= 0 ? 'g' : 'r', 'n' => 'g', '%' => 'f', _ => type };
        string body = FloatText(type == '%' ? value * 100 : value, char.ToLowerInvariant(code), precision,
            addDot0: type == 0, s.Alt, s.NoNeg0, char.IsUpper(code)) + (type == '%' ? "%" : "");
        bool neg = body[0] == '-';
        body = neg ? body[1..] : body;
        // Only the integer digits are grouped; the point and what follows it are copied as they are.
        int intDigits = 0;
        while (intDigits < body.Length && char.IsAsciiDigit(body[intDigits])) intDigits++;
        bool hasDecimal = intDigits < body.Length && body[intDigits] == '.';
        return Field(s, neg ? '-' : '+', "", body[..intDigits], hasDecimal, body[(intDigits + (hasDecimal ? 1 : 0))..]);
    }

    /// <summary>
    /// CPython's <c>format_float_short</c>: the text of a double for code <c>r</c> (shortest, repr),
    /// <c>e</c>/<c>g</c> (significant digits) or <c>f</c> (digits after the point).
    /// </summary>
    private static string FloatText(double v, char code, int precision, bool addDot0, bool alt, bool noNeg0, bool upper)
    {
        if (!double.IsFinite(v))
        {
            string text = (v < 0 ? "-" : "") + (double.IsNaN(v) ? "nan" : "inf"); // a NaN's sign is ignored, as in CPython
            return upper ? text.ToUpperInvariant() : text;
        }
        if (code == 'e') precision++;
        else if (code == 'g' && precision == 0) precision = 1;
        var (digits, decpt) = code == 'r' ? Shortest(v) : Rounded(v, code == 'f', precision);
        // 'z' drops the sign of a value that rounded to zero.
        bool neg = double.IsNegative(v) && !(noNeg0 && digits == "0");
        bool useExp = code == 'e' || (code == 'g' && (decpt <= -4 || decpt > (addDot0 ? precision - 1 : precision)))
            || (code == 'r' && (decpt <= -4 || decpt > 16)); // repr switches to an exponent at 1e16
        int end = code == 'e' || (code == 'g' && alt) ? precision : code == 'f' ? decpt + precision : digits.Length, exp = 0;
        if (useExp) (exp, decpt) = (decpt - 1, 1);
        // Write the slice [start, end) of the digits padded with zeros on both sides, the point at decpt.
        int start = decpt <= 0 ? decpt - 1 : 0;
        end = Math.Max(end, !useExp && addDot0 ? decpt + 1 : decpt);
        var sb = new StringBuilder(neg ? "-" : "", end - start + 8);
        for (int i = start; i < end; i++)
        {
            if (i == decpt) sb.Append('.');
            sb.Append(i >= 0 && i < digits.Length ? digits[i] : '0');
        }
        if (decpt == end && alt) sb.Append('.'); // '#' keeps the point even with nothing after it
        if (useExp) sb.Append(upper ? 'E' : 'e').Append(exp < 0 ? '-' : '+').Append(Math.Abs(exp).ToString("00", CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    /// <summary>
    /// The shortest digits (no trailing zeros) that read back as |v|, the closest such when there are several,
    /// and the point position: what dtoa mode 0 gives. .NET's "R" is taken when it reads back, but it is
    /// wrong at some powers of two (2**-25 gives 2.980232238769531e-08), so those are searched for exactly.
    /// </summary>
    private static (string Digits, int Decpt) Shortest(double v)
    {
        double a = Math.Abs(v);
        if (a == 0) return ("0", 1);
        string r = a.ToString("R", CultureInfo.InvariantCulture);
        int e = r.IndexOf('E');
        int exp = e < 0 ? 0 : int.Parse(r.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        string mantissa = e < 0 ? r : r[..e];
        int dot = mantissa.IndexOf('.');
        string digits = mantissa.Replace(".", "", StringComparison.Ordinal);
        int decpt = (dot < 0 ? mantissa.Length : dot) + exp - (digits.Length - digits.TrimStart('0').Length);
        digits = digits.Trim('0');
        bool powerOfTwo = (BitConverter.DoubleToInt64Bits(a) & 0xFFFFFFFFFFFFFL) == 0;
        if (!powerOfTwo && ReadsBack(digits, decpt, a)) return (digits, decpt);
        for (int n = 1; ; n++)
        {
            // The closest n-digit decimal; failing that the one above it, because below a power of two the
            // doubles are twice as dense, so the interval that reads back is narrower on that side.
            (digits, decpt) = Rounded(a, false, n);
            if (ReadsBack(digits, decpt, a)) return (digits, decpt);
            string up = (BigInteger.Parse(digits.PadRight(n, '0'), CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture);
            (digits, decpt) = (up.TrimEnd('0'), decpt + up.Length - n);
            if (ReadsBack(digits, decpt, a)) return (digits, decpt);
        }
    }

    /// <summary>Whether 0.DIGITS × 10^decpt parses (correctly rounded, as .NET does) to <paramref name="a"/>.</summary>
    private static bool ReadsBack(string digits, int decpt, double a) =>
        double.Parse($"0.{digits}e{decpt}", NumberStyles.Float, CultureInfo.InvariantCulture) == a;

    /// <summary>
    /// The digits of |v| (no trailing zeros) and the point position, rounded half to even on the exact binary
    /// value, as dtoa modes 2 and 3: to <paramref name="n"/> digits after the point, or to n significant ones.
    /// </summary>
    private static (string Digits, int Decpt) Rounded(double v, bool afterPoint, int n)
    {
        long bits = BitConverter.DoubleToInt64Bits(v);
        int biased = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (mantissa == 0 && biased == 0) return ("0", 1);
        if (biased != 0) mantissa |= 1L << 52;
        int e2 = Math.Max(biased, 1) - 1075;
        // |v| = exact / 10^scale with no error, since 2^-k = 5^k / 10^k.
        var exact = e2 >= 0 ? new BigInteger(mantissa) << e2 : mantissa * BigInteger.Pow(5, -e2);
        int scale = Math.Max(0, -e2);
        int keep = afterPoint ? n : n - (exact.ToString(CultureInfo.InvariantCulture).Length - scale); // digits after the point
        var rounded = exact;
        if (keep >= scale) keep = scale; // the exact value has no more digits; the layout pads with zeros
        else
        {
            var divisor = BigInteger.Pow(10, scale - keep);
            rounded = BigInteger.DivRem(exact, divisor, out var rest);
            int half = (rest * 2).CompareTo(divisor);
            if (half > 0 || (half == 0 && !rounded.IsEven)) rounded += 1;
        }
        if (rounded.IsZero) return ("0", 1);
        string text = rounded.ToString(CultureInfo.InvariantCulture);
        int decpt = text.Length - keep;
        if (!afterPoint && text.Length > n) text = text[..n]; // the rounding carried into a new digit: 9.96 -> 10.0
        return (text.TrimEnd('0'), decpt);
    }

    /// <summary>
    /// CPython's <c>calc_number_widths</c> and <c>fill_number</c>: sign, prefix, grouped integer digits, point
    /// and remainder, padded to the width. Zero padding ('0' fill with '=') is grouped like the digits.
    /// </summary>
    private static string Field(Spec s, char signOfValue, string prefix, string digits, bool hasDecimal, string rest)
    {
        string sign = signOfValue == '-' ? "-" : s.Sign is '+' or ' ' ? s.Sign.ToString() : "";
        int fixedLength = sign.Length + prefix.Length + (hasDecimal ? 1 : 0) + rest.EnumerateRunes().Count();
        int minWidth = s.Fill == "0" && s.Align == '=' ? s.Width - fixedLength : 0;
        string grouped = digits.Length == 0 ? "" : Group(digits, minWidth, s.Sep, s.Group);
        int pad = Math.Max(0, s.Width - fixedLength - grouped.Length);
        int left = s.Align switch { '>' => pad, '^' => pad / 2, _ => 0 };
        int right = s.Align is '<' or '^' ? pad - left : 0;
        return Repeat(s.Fill, left) + sign + prefix + (s.Align == '=' ? Repeat(s.Fill, pad) : "")
            + grouped + (hasDecimal ? "." : "") + rest + Repeat(s.Fill, right);
    }

    /// <summary>CPython's <c>_PyUnicode_InsertThousandsGrouping</c>: groups from the right, zero-padding to <paramref name="minWidth"/>.</summary>
    private static string Group(string digits, int minWidth, char sep, int size)
    {
        if (sep == 0) return digits.PadLeft(Math.Max(minWidth, 1), '0');
        var parts = new List<string>();
        int remaining = digits.Length;
        while (true)
        {
            int l = Math.Min(size, Math.Max(Math.Max(remaining, minWidth), 1));
            int chars = Math.Max(0, Math.Min(remaining, l));
            parts.Add(new string('0', Math.Max(0, l - remaining)) + digits.Substring(remaining - chars, chars));
            remaining -= chars;
            minWidth -= l;
            if (remaining <= 0 && minWidth <= 0) break;
            minWidth--; // the separator's own width counts towards the minimum
        }
        parts.Reverse();
        return string.Join(sep, parts);
    }

    private static string Repeat(string fill, int count) =>
        count <= 0 ? "" : fill.Length == 1 ? new string(fill[0], count) : string.Concat(Enumerable.Repeat(fill, count));
}
