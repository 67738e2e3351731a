namespace GradScript.Runtime;

using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using GradScript.Diagnostics;

/// <summary>
/// How values print (docs/language.md §8): numbers as Python's <c>repr</c>, a tracked value as its
/// number, booleans as <c>true</c>/<c>false</c>, lists with their strings quoted. A list that
/// contains itself prints as <c>[...]</c> there, as in Python.
/// </summary>
internal static class Formatter
{
    /// <summary>
    /// The text <c>print</c> and <c>str</c> give: strings as they are. With an interpreter, printing
    /// a large list looks at the limits as it goes, as at <paramref name="at"/>.
    /// </summary>
    public static string Str(Value value, Interpreter? limits = null, SourceSpan at = default) =>
        value.Reference is string s ? s : Repr(value, limits, at);

    /// <summary>The text inside a list, and what the REPL echoes: strings quoted.</summary>
    public static string Repr(Value value, Interpreter? limits = null, SourceSpan at = default)
    {
        if (value.IsFloat) return NumberFormat.FormatFloat(value.AsFloat);
        if (value.IsInt) return NumberFormat.FormatInt(value.AsInt);
        var text = new Text(limits, at);
        Append(text, value);
        return text.Builder.ToString();
    }

    /// <summary>
    /// Python's <c>ascii()</c> (an f-string's <c>!a</c>): the repr, with every character beyond ASCII
    /// escaped as <c>\xhh</c>, <c>\uhhhh</c> or <c>\Uhhhhhhhh</c>.
    /// </summary>
    public static string Ascii(Value value, Interpreter? limits = null, SourceSpan at = default)
    {
        string repr = Repr(value, limits, at);
        if (System.Text.Ascii.IsValid(repr)) return repr;
        var builder = new StringBuilder(repr.Length + 16);
        foreach (var rune in repr.EnumerateRunes())
        {
            if (rune.IsAscii) builder.Append((char)rune.Value);
            else if (rune.Value <= 0xFF) builder.Append("\\x").Append(rune.Value.ToString("x2", CultureInfo.InvariantCulture));
            else if (rune.Value <= 0xFFFF) builder.Append("\\u").Append(rune.Value.ToString("x4", CultureInfo.InvariantCulture));
            else builder.Append("\\U").Append(rune.Value.ToString("x8", CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }

    /// <summary>The text being made, with what it needs to stop: the lists open around the current item, and the limits.</summary>
    private sealed class Text(Interpreter? limits, SourceSpan at)
    {
        /// <summary>Characters written between two looks at the limits.</summary>
        private const int CheckInterval = 1 << 18;

        public readonly StringBuilder Builder = new();
        public HashSet<object>? Open;
        private int _nextCheck = CheckInterval;

        /// <summary>Stops a text that would be longer than a string may be, and looks at the limits now and then.</summary>
        public void Grew()
        {
            if (Builder.Length > Operators.MaxStringLength) throw new RuntimeError("list too large to print");
            if (Builder.Length < _nextCheck) return;
            _nextCheck = Builder.Length + CheckInterval;
            limits?.Limits.CheckLimits(at);
            limits?.Limits.Reserve(2L * Builder.Length, at);
        }
    }

    /// <summary>Characters of a string or list an error message quotes at most.</summary>
    private const int BriefLength = 60;

    /// <summary>
    /// A value as an error message quotes it: its repr, with a long string cut short and a long or
    /// deep list summarised, so that a message never copies a huge argument.
    /// </summary>
    public static string Brief(Value value) => Brief(value, depth: 0);

    private static string Brief(Value value, int depth)
    {
        switch (value.Reference)
        {
            case string s when s.Length > BriefLength:
                int cut = char.IsHighSurrogate(s[BriefLength - 1]) ? BriefLength - 1 : BriefLength;
                return Repr(Value.String(s[..cut]))[..^1] + "...\"";
            case ListValue list:
                string summary = $"a list of {list.Count} item{(list.Count == 1 ? "" : "s")}";
                if (list.Count > 8 || depth > 2) return summary;
                string items = "[" + string.Join(", ", list.Items.Select(item => Brief(item, depth + 1))) + "]";
                return items.Length <= BriefLength ? items : summary;
            default:
                return Repr(value);
        }
    }

    private static void Append(Text text, Value value)
    {
        var builder = text.Builder;
        if (value.IsFloat) { builder.Append(NumberFormat.FormatFloat(value.AsFloat)); return; }
        if (value.IsInt) { builder.Append(NumberFormat.FormatInt(value.AsInt)); return; }
        if (value.IsBool) { builder.Append(value.AsBool ? "true" : "false"); return; }
        if (value.IsNone) { builder.Append("none"); return; }
        switch (value.Reference)
        {
            case string s: AppendQuoted(builder, s); return;
            case Autograd.BlockHandle: builder.Append(NumberFormat.FormatFloat(value.AsTracked.Data)); return;
            case RangeValue r:
                builder.Append(r.Start).Append("..").Append(r.Stop);
                if (r.Step != 1) builder.Append(" step ").Append(r.Step);
                return;
            case Callable c: builder.Append(c is NativeFunction ? "<builtin " : "<function ").Append(c.Name).Append('>'); return;
            case ListValue list: AppendList(text, list); return;
            case DictValue dict: AppendDict(text, dict); return;
            case ModuleValue module: builder.Append("<module ").Append(module.Name).Append('>'); return;
            case null: builder.Append("undefined"); return;
        }
        builder.Append(value.Reference);
    }

    private static void AppendList(Text text, ListValue list)
    {
        var open = text.Open ??= new HashSet<object>(ReferenceEqualityComparer.Instance);
        var builder = text.Builder;
        if (!open.Add(list)) { builder.Append("[...]"); return; }
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new RuntimeError("list nested too deeply to print");
        builder.Append('[');
        for (int i = 0; i < list.Count; i++)
        {
            if (i > 0) builder.Append(", ");
            Append(text, list[i]);
            text.Grew();
        }
        builder.Append(']');
        open.Remove(list);
    }

    // {"lr": 0.1, "epochs": 10}, in insertion order; a dict inside itself prints as {...}, as in Python.
    private static void AppendDict(Text text, DictValue dict)
    {
        var open = text.Open ??= new HashSet<object>(ReferenceEqualityComparer.Instance);
        var builder = text.Builder;
        if (!open.Add(dict)) { builder.Append("{...}"); return; }
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new RuntimeError("dict nested too deeply to print");
        builder.Append('{');
        bool first = true;
        foreach (var (key, value) in dict.Pairs)
        {
            if (!first) builder.Append(", ");
            first = false;
            Append(text, key);
            builder.Append(": ");
            Append(text, value);
            text.Grew();
        }
        builder.Append('}');
        open.Remove(dict);
    }

    // Python's repr of a str, but always in double quotes: \t \n \r and the quote and backslash
    // escaped, other characters that are not printable (str.isprintable: controls, format
    // characters, separators other than the space, surrogates, private use, unassigned) as
    // \xhh, \uhhhh or \Uhhhhhhhh, so that no control character of a string reaches a terminal.
    private static void AppendQuoted(StringBuilder builder, string s)
    {
        builder.Append('"');
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            switch (c)
            {
                case '"': builder.Append("\\\""); continue;
                case '\\': builder.Append("\\\\"); continue;
                case '\n': builder.Append("\\n"); continue;
                case '\t': builder.Append("\\t"); continue;
                case '\r': builder.Append("\\r"); continue;
            }
            int codePoint = c, units = 1;
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) (codePoint, units) = (char.ConvertToUtf32(c, s[i + 1]), 2);
            if (IsPrintable(codePoint)) builder.Append(s, i, units);
            else if (codePoint <= 0xFF) builder.Append("\\x").Append(codePoint.ToString("x2", CultureInfo.InvariantCulture));
            else if (codePoint <= 0xFFFF) builder.Append("\\u").Append(codePoint.ToString("x4", CultureInfo.InvariantCulture));
            else builder.Append("\\U").Append(codePoint.ToString("x8", CultureInfo.InvariantCulture));
            i += units - 1;
        }
        builder.Append('"');
    }

    /// <summary>Python's <c>str.isprintable</c> of one code point.</summary>
    private static bool IsPrintable(int codePoint)
    {
        if (codePoint < 0x7F) return codePoint >= 0x20;
        if (codePoint is >= 0xD800 and <= 0xDFFF) return false; // a lone surrogate
        return CharUnicodeInfo.GetUnicodeCategory(codePoint) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.SpaceSeparator => false,
            _ => true,
        };
    }
}
