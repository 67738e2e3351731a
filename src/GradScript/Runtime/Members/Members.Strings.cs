namespace GradScript.Runtime.Members;

using System.Text;

// Python's string methods. Positions (find) count code points, as indexing and len() do.
internal static partial class Members
{
    /// <summary>The keyword list of a method that takes any keyword (str.format, dict.update).</summary>
    private const string AnyKeyword = "**";

    private static void DefineStrings(Dictionary<string, MemberSet> table)
    {
        const Receiver S = Receiver.String;
        Method(table, S, "split", Split, "sep", "maxsplit");
        Method(table, S, "join", (interpreter, in a) =>
        {
            Arity(a, "join", 1);
            var builder = new StringBuilder();
            int i = 0;
            foreach (var item in Iteration.Items(a[1], interpreter, a.CallSite))
            {
                if (item.Reference is not string s)
                    throw new RuntimeError($"TypeError: sequence item {i}: expected string, {item.TypeName} found");
                if (i++ > 0) builder.Append(Text(a));
                builder.Append(s);
                if (builder.Length > Operators.MaxStringLength) throw new RuntimeError($"string too long (more than {Operators.MaxStringLength} characters)");
            }
            return Value.String(builder.ToString());
        });
        Method(table, S, "strip", (_, in a) => Strip(a, "strip", start: true, end: true));
        Method(table, S, "lstrip", (_, in a) => Strip(a, "lstrip", start: true, end: false));
        Method(table, S, "rstrip", (_, in a) => Strip(a, "rstrip", start: false, end: true));
        Method(table, S, "upper", (_, in a) => { Arity(a, "upper", 0); return Value.String(PythonText.Upper(Text(a))); });
        Method(table, S, "lower", (_, in a) => { Arity(a, "lower", 0); return Value.String(PythonText.Lower(Text(a))); });
        Method(table, S, "replace", (_, in a) =>
        {
            Arity(a, "replace", 2, 3);
            string s = Text(a), old = Argument(a, 1, "replace"), replacement = Argument(a, 2, "replace");
            long count = a.Count == 4 ? Int(a[3], "replace") : -1;
            var result = old.Length == 0 ? Interleave(s, replacement, count) : ReplaceEach(s, old, replacement, count);
            if (result.Length > Operators.MaxStringLength) throw new RuntimeError($"string too long (more than {Operators.MaxStringLength} characters)");
            return Value.String(result.ToString());
        });
        Method(table, S, "startswith", (_, in a) => { Arity(a, "startswith", 1); return Value.Bool(Text(a).StartsWith(Argument(a, 1, "startswith"), StringComparison.Ordinal)); });
        Method(table, S, "endswith", (_, in a) => { Arity(a, "endswith", 1); return Value.Bool(Text(a).EndsWith(Argument(a, 1, "endswith"), StringComparison.Ordinal)); });
        Method(table, S, "find", (_, in a) =>
        {
            Arity(a, "find", 1);
            string s = Text(a);
            int i = s.IndexOf(Argument(a, 1, "find"), StringComparison.Ordinal);
            return Value.Int(i < 0 ? -1 : Iteration.CodePoints(s[..i]));
        });
        Method(table, S, "count", (_, in a) =>
        {
            Arity(a, "count", 1);
            string s = Text(a), sub = Argument(a, 1, "count");
            if (sub.Length == 0) return Value.Int(Iteration.CodePoints(s) + 1);
            long n = 0;
            for (int i = s.IndexOf(sub, StringComparison.Ordinal); i >= 0; i = s.IndexOf(sub, i + sub.Length, StringComparison.Ordinal)) n++;
            return Value.Int(n);
        });
        Method(table, S, "format", (interpreter, in a) => Value.String(StringFormat.Apply(a, interpreter)), AnyKeyword);
    }

    private static StringBuilder ReplaceEach(string s, string old, string replacement, long count)
    {
        var builder = new StringBuilder();
        int at = 0;
        for (long done = 0; count < 0 || done < count; done++)
        {
            int next = s.IndexOf(old, at, StringComparison.Ordinal);
            if (next < 0) break;
            builder.Append(s, at, next - at).Append(replacement);
            at = next + old.Length;
            if (builder.Length > Operators.MaxStringLength) break;
        }
        return builder.Append(s, at, s.Length - at);
    }

    // Python's replace of "": the replacement goes before each code point and at the end ("ab" → "-a-b-").
    private static StringBuilder Interleave(string s, string replacement, long count)
    {
        var builder = new StringBuilder();
        long done = 0;
        for (int i = 0; i <= s.Length && builder.Length <= Operators.MaxStringLength;)
        {
            if (count < 0 || done < count) { builder.Append(replacement); done++; }
            if (i == s.Length) break;
            int width = char.IsSurrogatePair(s, i) ? 2 : 1;
            builder.Append(s, i, width);
            i += width;
        }
        return builder;
    }

    private static string Text(in Arguments a) => (string)a[0].Reference!;

    private static string Argument(in Arguments a, int i, string method) =>
        a[i].Reference as string ?? throw new RuntimeError($"TypeError: {method}() argument must be a string, not {a[i].TypeName}");

    private static Value Strip(in Arguments a, string method, bool start, bool end)
    {
        Arity(a, method, 0, 1);
        string s = Text(a);
        if (a.Count == 1 || a[1].IsNone)
            return Value.String(PythonText.Strip(s, start, end));
        char[] characters = Argument(a, 1, method).ToCharArray();
        return Value.String(start && end ? s.Trim(characters) : start ? s.TrimStart(characters) : s.TrimEnd(characters));
    }

    // split() splits at runs of whitespace and drops empty pieces; split(sep) splits at each sep.
    private static Value Split(Interpreter interpreter, in Arguments a)
    {
        Arity(a, "split", 0, 1);
        string s = Text(a);
        Value sep = a.Count == 2 ? a[1] : a.TryGetKeyword("sep", out var k) ? k : Value.None;
        long max = a.TryGetKeyword("maxsplit", out var m) ? Int(m, "split") : -1;
        var pieces = new List<Value>();
        if (sep.IsNone)
        {
            int i = 0;
            while (true)
            {
                while (i < s.Length && PythonText.IsSpace(s[i])) i++;
                if (i == s.Length) break;
                if (max >= 0 && pieces.Count == max)
                {
                    pieces.Add(Value.String(PythonText.Strip(s[i..], start: false, end: true)));
                    break;
                }
                int j = i;
                while (j < s.Length && !PythonText.IsSpace(s[j])) j++;
                pieces.Add(Value.String(s[i..j]));
                i = j;
            }
        }
        else
        {
            string separator = sep.Reference as string ?? throw new RuntimeError($"TypeError: must be str or none, not {sep.TypeName}");
            if (separator.Length == 0) throw new RuntimeError("ValueError: empty separator");
            int i = 0;
            for (int j; (max < 0 || pieces.Count < max) && (j = s.IndexOf(separator, i, StringComparison.Ordinal)) >= 0; i = j + separator.Length)
                pieces.Add(Value.String(s[i..j]));
            pieces.Add(Value.String(s[i..]));
        }
        interpreter.Limits.Reserve((long)Operators.ValueBytes * pieces.Count, a.CallSite);
        return Value.Object(new ListValue(pieces));
    }
}
