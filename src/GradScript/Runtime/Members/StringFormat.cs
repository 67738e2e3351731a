namespace GradScript.Runtime.Members;

using System.Text;
using GradScript.Runtime.Nodes;

/// <summary>
/// Python's <c>str.format</c>: <c>{}</c> fields numbered automatically, <c>{0}</c> by position,
/// <c>{name}</c> by keyword, each with an optional <c>:spec</c> as f-strings take; <c>{{</c> and
/// <c>}}</c> are braces. Mixing automatic and manual numbering is Python's ValueError.
/// </summary>
internal static class StringFormat
{
    /// <summary>The receiver (<c>a[0]</c>) with its fields replaced by the other arguments.</summary>
    public static string Apply(in Arguments a, Interpreter interpreter)
    {
        string template = (string)a[0].Reference!;
        var builder = new StringBuilder();
        int automatic = 0;
        bool manual = false;
        for (int i = 0; i < template.Length; i++)
        {
            char c = template[i];
            if (c == '}')
            {
                if (i + 1 < template.Length && template[i + 1] == '}') { builder.Append('}'); i++; continue; }
                throw new RuntimeError("ValueError: Single '}' encountered in format string");
            }
            if (c != '{') { builder.Append(c); continue; }
            if (i + 1 < template.Length && template[i + 1] == '{') { builder.Append('{'); i++; continue; }
            int close = template.IndexOf('}', i + 1);
            if (close < 0) throw new RuntimeError("ValueError: Single '{' encountered in format string");
            string field = template[(i + 1)..close];
            int colon = field.IndexOf(':');
            string name = colon < 0 ? field : field[..colon];
            string? spec = colon < 0 ? null : field[(colon + 1)..];
            Value value;
            if (name.Length == 0)
            {
                if (manual) throw new RuntimeError("ValueError: cannot switch from manual field specification to automatic field numbering");
                value = Positional(a, automatic++);
            }
            else if (char.IsAsciiDigit(name[0]))
            {
                if (automatic > 0) throw new RuntimeError("ValueError: cannot switch from automatic field numbering to manual field specification");
                manual = true;
                value = int.TryParse(name, out int index) ? Positional(a, index) : throw new RuntimeError($"KeyError: '{name}'");
            }
            else value = a.TryGetKeyword(name, out var keyword) ? keyword : throw new RuntimeError($"KeyError: '{name}'");
            try { builder.Append(spec is null ? Formatter.Str(value, interpreter, a.CallSite) : FStringCode.Format(value, spec, interpreter, a.CallSite)); }
            catch (FormatException e) { throw new RuntimeError($"ValueError: {e.Message}"); }
            if (builder.Length > Operators.MaxStringLength) throw new RuntimeError($"string too long (more than {Operators.MaxStringLength} characters)");
            i = close;
        }
        return builder.ToString();
    }

    private static Value Positional(in Arguments a, int index) =>
        index + 1 < a.Count ? a[index + 1] : throw new RuntimeError($"IndexError: Replacement index {index} out of range for positional args tuple");
}
