namespace GradScript.Tests.Properties;

using System.Text;
using System.Text.RegularExpressions;

/// <summary>One edit of a program's text. Positions are fractions of the text, so that an edit still applies after shrinking.</summary>
public sealed record Edit(EditKind Kind, double Position, double Other, string Payload)
{
    public override string ToString() => $"{Kind} at {Position:0.###}{(Payload.Length > 0 ? $" '{Corruption.Visible(Payload)}'" : "")}";
}

/// <summary>What an <see cref="Edit"/> does: to a whole token, or to one character.</summary>
public enum EditKind { DropToken, DuplicateToken, SwapTokens, InsertToken, ReplaceToken, DropChar, DuplicateChar, InsertChar, Truncate }

/// <summary>A well-formed program after a few edits; it shrinks by dropping edits or statements.</summary>
public sealed record CorruptedProgram(GeneratedProgram Original, IReadOnlyList<Edit> Edits)
{
    public string Text => Corruption.Apply(Original.Text, Edits);

    public override string ToString() =>
        $"edits: {string.Join(", ", Edits)}\ntext: \"{Corruption.Visible(Text)}\"\noriginal:{Original}";

    public IEnumerable<CorruptedProgram> Shrink()
    {
        for (int i = 0; i < Edits.Count && Edits.Count > 1; i++)
            yield return this with { Edits = Edits.Where((_, j) => j != i).ToList() };
        foreach (var smaller in Original.Shrink()) yield return this with { Original = smaller };
    }
}

/// <summary>
/// Token-level and character-level damage to programs: tokens dropped, doubled, swapped, replaced
/// or inserted (keywords, operators, brackets, odd literals, and characters the lexer must refuse
/// or place: NUL, a byte-order mark, NBSP, lone surrogates, every kind of line end); characters
/// dropped, doubled or inserted; the text cut short.
/// </summary>
public static class Corruption
{
    /// <summary>What an inserted or replacing token may be.</summary>
    private static readonly string[] Vocabulary =
    [
        "def", "return", "if", "else", "while", "for", "in", "break", "continue", "true", "false", "none",
        "and", "or", "not", "global", "no_grad", "(", ")", "[", "]", "{", "}", ",", ";", "=", "..",
        "+=", "-=", "*=", "/=", "==", "!=", "<=", ">=", "<", ">", "+", "-", "*", "/", "//", "%", "^",
        "x", "f", "param", "backward", "grad", "print", "0", "1", "2.5", ".5", "1e999", "1e-400",
        "99999999999999999999", "1_", "1__0", "0x1F", "\"", "'", "f\"", "\"\\q\"", "\"\\u{110000}\"",
        "\"\\u{D800}\"", "f\"{\"", "f\"}\"", "f\"{}\"", "f\"{x:}\"", "f\"{{\"", "\\", "\\\n", "#", "\n", "\r",
        "\r\n", "\u2028", "\u2029", "\0", "\uFEFF", "\u00A0", "\uD800", "\uDC00", "😀", "`", "$", "@", "?", "!", ":", ".",
    ];

    private static readonly Regex Token = new(
        @"\s+|#[^\n]*|[fF]?""(\\.|[^""\\\n])*""?|[fF]?'(\\.|[^'\\\n])*'?|\d[\d_]*(\.\d[\d_]*)?([eE][+-]?\d+)?|\.\d+|[A-Za-z_]\w*|\.\.|//|[=!<>+\-*/]=|.",
        RegexOptions.Compiled);

    public static CorruptedProgram Corrupt(GeneratedProgram program, ulong seed)
    {
        var dice = new Dice(seed);
        int count = dice.Weighted((5, 1), (3, 2), (1, 3), (1, 4));
        var edits = new List<Edit>();
        for (int i = 0; i < count; i++)
        {
            var kind = dice.Weighted(
                (3, EditKind.DropToken), (2, EditKind.DuplicateToken), (2, EditKind.SwapTokens),
                (4, EditKind.InsertToken), (2, EditKind.ReplaceToken), (1, EditKind.DropChar),
                (1, EditKind.DuplicateChar), (2, EditKind.InsertChar), (1, EditKind.Truncate));
            string payload = kind switch
            {
                EditKind.InsertToken or EditKind.ReplaceToken => dice.Pick(Vocabulary),
                EditKind.InsertChar => RandomCharacter(dice),
                _ => "",
            };
            edits.Add(new Edit(kind, dice.Fraction(), dice.Fraction(), payload));
        }
        return new CorruptedProgram(program, edits);
    }

    public static string Apply(string text, IEnumerable<Edit> edits)
    {
        foreach (var edit in edits) text = Apply(text, edit);
        return text;
    }

    private static string Apply(string text, Edit edit)
    {
        if (edit.Kind is EditKind.DropChar or EditKind.DuplicateChar or EditKind.InsertChar or EditKind.Truncate)
        {
            int at = (int)(edit.Position * text.Length);
            return edit.Kind switch
            {
                EditKind.DropChar when at < text.Length => text.Remove(at, 1),
                EditKind.DuplicateChar when at < text.Length => text.Insert(at, text[at].ToString()),
                EditKind.InsertChar => text.Insert(at, edit.Payload),
                EditKind.Truncate => text[..at],
                _ => text,
            };
        }
        var tokens = Token.Matches(text).Select(m => m.Value).ToList();
        // Whitespace and comments are left alone: an edit lands on something the parser sees.
        var significant = Enumerable.Range(0, tokens.Count).Where(i => !string.IsNullOrWhiteSpace(tokens[i]) && tokens[i][0] != '#').ToList();
        if (significant.Count == 0) return text + edit.Payload;
        int pick = significant[(int)(edit.Position * significant.Count)];
        switch (edit.Kind)
        {
            case EditKind.DropToken: tokens.RemoveAt(pick); break;
            case EditKind.DuplicateToken: tokens.Insert(pick, tokens[pick] + " "); break;
            case EditKind.InsertToken: tokens.Insert(pick, edit.Payload + (edit.Other < 0.5 ? " " : "")); break;
            case EditKind.ReplaceToken: tokens[pick] = edit.Payload; break;
            case EditKind.SwapTokens:
                int other = significant[(int)(edit.Other * significant.Count)];
                (tokens[pick], tokens[other]) = (tokens[other], tokens[pick]);
                break;
        }
        return string.Concat(tokens);
    }

    private static string RandomCharacter(Dice dice) => dice.Weighted(
        (4, ((char)dice.Between(32, 126)).ToString()),
        (1, ((char)dice.Between(0, 31)).ToString()),
        (1, ((char)dice.Between(0x80, 0x2FFF)).ToString()),
        (1, dice.OneOf("\uD800", "\uDFFF", "\uFEFF", "\u200B", "\u2028", "😀", "\uFFFF", "\uFFFE")));

    /// <summary>Text with control characters, odd spaces and surrogates shown as escapes, for failure messages.</summary>
    public static string Visible(string text)
    {
        var result = new StringBuilder();
        foreach (char c in text)
        {
            if (c == '\n') result.Append("\\n");
            else if (c == '"') result.Append("\\\"");
            else if (c == '\\') result.Append("\\\\");
            else if (char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\uFEFF' or '\u00A0' or '\u200B')
                result.Append($"\\u{(int)c:X4}");
            else result.Append(c);
        }
        return result.ToString();
    }
}
