namespace GradScript.Runtime;

using System.Collections.Frozen;
using System.Globalization;
using System.Text;

/// <summary>
/// Python's <c>str.upper()</c>, <c>str.lower()</c> and whitespace, as CPython 3.11 has them: the full
/// case mappings (<c>"ß".upper()</c> is <c>"SS"</c>, <c>"İ".lower()</c> is <c>"i̇"</c>), a capital
/// sigma lowered to <c>ς</c> at the end of a word, and the whitespace that <c>split()</c> and
/// <c>strip()</c> take, which holds U+001C–U+001F as well as what .NET calls white space.
/// </summary>
internal static class PythonText
{
    /// <summary>Python's <c>str.isspace()</c> of one character.</summary>
    public static bool IsSpace(char c) => char.IsWhiteSpace(c) || c is >= '\u001C' and <= '\u001F';

    /// <summary><c>str.strip()</c> (both ends), <c>lstrip()</c> or <c>rstrip()</c> of whitespace.</summary>
    public static string Strip(string s, bool start, bool end)
    {
        int first = 0, last = s.Length;
        if (start) while (first < last && IsSpace(s[first])) first++;
        if (end) while (last > first && IsSpace(s[last - 1])) last--;
        return s[first..last];
    }

    /// <summary><c>str.upper()</c>.</summary>
    public static string Upper(string s)
    {
        if (Ascii.IsValid(s)) return s.ToUpperInvariant();
        var builder = new StringBuilder(s.Length);
        foreach (var rune in s.EnumerateRunes())
        {
            if (SpecialUpper.TryGetValue(rune.Value, out var expansion)) builder.Append(expansion);
            else builder.Append(Rune.ToUpperInvariant(rune).ToString());
        }
        return builder.ToString();
    }

    /// <summary><c>str.lower()</c>.</summary>
    public static string Lower(string s)
    {
        if (Ascii.IsValid(s)) return s.ToLowerInvariant();
        var runes = s.EnumerateRunes().ToArray();
        var builder = new StringBuilder(s.Length);
        for (int i = 0; i < runes.Length; i++)
        {
            var rune = runes[i];
            if (rune.Value == 0x0130) builder.Append("i\u0307"); // the one lower mapping longer than its character
            else if (rune.Value == 0x03A3) builder.Append(FinalSigma(runes, i) ? 'ς' : 'σ');
            else builder.Append(Rune.ToLowerInvariant(rune).ToString());
        }
        return builder.ToString();
    }

    // Unicode's Final_Sigma condition, as CPython tests it: a cased letter before the sigma and none
    // after it, skipping case-ignorable characters (marks, format characters, apostrophes) both ways.
    private static bool FinalSigma(Rune[] runes, int at)
    {
        int before = at - 1;
        while (before >= 0 && IsCaseIgnorable(runes[before])) before--;
        if (before < 0 || !IsCased(runes[before])) return false;
        int after = at + 1;
        while (after < runes.Length && IsCaseIgnorable(runes[after])) after++;
        return after == runes.Length || !IsCased(runes[after]);
    }

    private static bool IsCased(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
        || Rune.ToUpperInvariant(rune) != rune || Rune.ToLowerInvariant(rune) != rune;

    private static bool IsCaseIgnorable(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format
            or UnicodeCategory.ModifierLetter or UnicodeCategory.ModifierSymbol
        || rune.Value is '\'' or '.' or ':' or 0x00B7 or 0x0387 or 0x055F or 0x05F4 or 0x2018 or 0x2019 or 0x2024 or 0x2027
            or 0xFE13 or 0xFE52 or 0xFE55 or 0xFF07 or 0xFF0E or 0xFF1A;

    /// <summary>
    /// Where Python's upper case is not .NET's invariant one: the characters whose upper case is more
    /// than one character (Unicode 14's SpecialCasing.txt); ı and ſ, which .NET's invariant culture
    /// leaves alone; and ƛ and ɤ, which have upper cases only since Unicode 16.
    /// </summary>
    private static readonly FrozenDictionary<int, string> SpecialUpper = new Dictionary<int, string>
    {
        [0x0131] = "I", [0x017F] = "S", [0x019B] = "\u019B", [0x0264] = "\u0264",
        [0x00DF] = "\u0053\u0053", [0x0149] = "\u02BC\u004E", [0x01F0] = "\u004A\u030C", [0x0390] = "\u0399\u0308\u0301",
        [0x03B0] = "\u03A5\u0308\u0301", [0x0587] = "\u0535\u0552", [0x1E96] = "\u0048\u0331", [0x1E97] = "\u0054\u0308",
        [0x1E98] = "\u0057\u030A", [0x1E99] = "\u0059\u030A", [0x1E9A] = "\u0041\u02BE", [0x1F50] = "\u03A5\u0313",
        [0x1F52] = "\u03A5\u0313\u0300", [0x1F54] = "\u03A5\u0313\u0301", [0x1F56] = "\u03A5\u0313\u0342", [0x1F80] = "\u1F08\u0399",
        [0x1F81] = "\u1F09\u0399", [0x1F82] = "\u1F0A\u0399", [0x1F83] = "\u1F0B\u0399", [0x1F84] = "\u1F0C\u0399",
        [0x1F85] = "\u1F0D\u0399", [0x1F86] = "\u1F0E\u0399", [0x1F87] = "\u1F0F\u0399", [0x1F88] = "\u1F08\u0399",
        [0x1F89] = "\u1F09\u0399", [0x1F8A] = "\u1F0A\u0399", [0x1F8B] = "\u1F0B\u0399", [0x1F8C] = "\u1F0C\u0399",
        [0x1F8D] = "\u1F0D\u0399", [0x1F8E] = "\u1F0E\u0399", [0x1F8F] = "\u1F0F\u0399", [0x1F90] = "\u1F28\u0399",
        [0x1F91] = "\u1F29\u0399", [0x1F92] = "\u1F2A\u0399", [0x1F93] = "\u1F2B\u0399", [0x1F94] = "\u1F2C\u0399",
        [0x1F95] = "\u1F2D\u0399", [0x1F96] = "\u1F2E\u0399", [0x1F97] = "\u1F2F\u0399", [0x1F98] = "\u1F28\u0399",
        [0x1F99] = "\u1F29\u0399", [0x1F9A] = "\u1F2A\u0399", [0x1F9B] = "\u1F2B\u0399", [0x1F9C] = "\u1F2C\u0399",
        [0x1F9D] = "\u1F2D\u0399", [0x1F9E] = "\u1F2E\u0399", [0x1F9F] = "\u1F2F\u0399", [0x1FA0] = "\u1F68\u0399",
        [0x1FA1] = "\u1F69\u0399", [0x1FA2] = "\u1F6A\u0399", [0x1FA3] = "\u1F6B\u0399", [0x1FA4] = "\u1F6C\u0399",
        [0x1FA5] = "\u1F6D\u0399", [0x1FA6] = "\u1F6E\u0399", [0x1FA7] = "\u1F6F\u0399", [0x1FA8] = "\u1F68\u0399",
        [0x1FA9] = "\u1F69\u0399", [0x1FAA] = "\u1F6A\u0399", [0x1FAB] = "\u1F6B\u0399", [0x1FAC] = "\u1F6C\u0399",
        [0x1FAD] = "\u1F6D\u0399", [0x1FAE] = "\u1F6E\u0399", [0x1FAF] = "\u1F6F\u0399", [0x1FB2] = "\u1FBA\u0399",
        [0x1FB3] = "\u0391\u0399", [0x1FB4] = "\u0386\u0399", [0x1FB6] = "\u0391\u0342", [0x1FB7] = "\u0391\u0342\u0399",
        [0x1FBC] = "\u0391\u0399", [0x1FC2] = "\u1FCA\u0399", [0x1FC3] = "\u0397\u0399", [0x1FC4] = "\u0389\u0399",
        [0x1FC6] = "\u0397\u0342", [0x1FC7] = "\u0397\u0342\u0399", [0x1FCC] = "\u0397\u0399", [0x1FD2] = "\u0399\u0308\u0300",
        [0x1FD3] = "\u0399\u0308\u0301", [0x1FD6] = "\u0399\u0342", [0x1FD7] = "\u0399\u0308\u0342", [0x1FE2] = "\u03A5\u0308\u0300",
        [0x1FE3] = "\u03A5\u0308\u0301", [0x1FE4] = "\u03A1\u0313", [0x1FE6] = "\u03A5\u0342", [0x1FE7] = "\u03A5\u0308\u0342",
        [0x1FF2] = "\u1FFA\u0399", [0x1FF3] = "\u03A9\u0399", [0x1FF4] = "\u038F\u0399", [0x1FF6] = "\u03A9\u0342",
        [0x1FF7] = "\u03A9\u0342\u0399", [0x1FFC] = "\u03A9\u0399", [0xFB00] = "\u0046\u0046", [0xFB01] = "\u0046\u0049",
        [0xFB02] = "\u0046\u004C", [0xFB03] = "\u0046\u0046\u0049", [0xFB04] = "\u0046\u0046\u004C", [0xFB05] = "\u0053\u0054",
        [0xFB06] = "\u0053\u0054", [0xFB13] = "\u0544\u0546", [0xFB14] = "\u0544\u0535", [0xFB15] = "\u0544\u053B",
        [0xFB16] = "\u054E\u0546", [0xFB17] = "\u0544\u053D",
    }.ToFrozenDictionary();
}
