namespace GradScript.Runtime;

using System.Globalization;

// print, conversions, lengths, lists and ranges.
internal static partial class Builtins
{
    private static IEnumerable<NativeFunction> CoreFunctions() =>
    [
        new("print", Print, ["sep", "end"]),
        new("str", (i, in a) => { Arity(a, "str", 1); return Value.String(Formatter.Str(a[0], i, a.CallSite)); }),
        new("int", ToInt),
        new("float", ToFloat),
        new("bool", (_, in a) => { Arity(a, "bool", 1); return Value.Bool(a[0].IsTruthy); }),
        new("type", (_, in a) => { Arity(a, "type", 1); return Value.String(a[0].TypeName); }),
        new("len", Length),
        new("list", MakeList),
        new("range", MakeRange, ["step"]),
        new("zip", Zip),
        new("enumerate", Enumerate, ["start"]),
        new("append", Append),
        new("pop", Pop),
        new("error", (i, in a) =>
        {
            // A script's own runtime error, as Python's raise: placed at the call, with the stack.
            Arity(a, "error", 1);
            throw new RuntimeError(Formatter.Str(a[0], i, a.CallSite));
        }),
    ];

    private static Value Print(Interpreter interpreter, in Arguments args)
    {
        var site = args.CallSite;
        string separator = PrintSetting(args, "sep", " "), end = PrintSetting(args, "end", "\n");
        var output = interpreter.Output;
        interpreter.Progress.BeforeOutput();
        for (int i = 0; i < args.Count; i++)
        {
            if (i > 0) output.Write(separator);
            output.Write(Formatter.Str(args[i], interpreter, site));
        }
        output.Write(end);
        return Value.None;
    }

    // As Python's print: none means the default, and anything but a string is an error.
    private static string PrintSetting(in Arguments args, string keyword, string fallback)
    {
        if (!args.TryGetKeyword(keyword, out var v) || v.IsNone) return fallback;
        return v.Reference as string ?? throw new RuntimeError($"print(): {keyword} must be none or a string, not {v.TypeName}");
    }

    private static Value ToInt(Interpreter interpreter, in Arguments args)
    {
        Arity(args, "int", 1);
        var v = args[0];
        if (v.IsInt) return v;
        if (v.IsBool) return Value.Int(v.AsInt);
        if (v.Reference is string s)
        {
            if (UnderscoresBetweenDigits(s) && long.TryParse(s.Trim().Replace("_", ""), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long parsed))
                return Value.Int(parsed);
            throw new RuntimeError($"invalid literal for int(): {Formatter.Brief(v)}");
        }
        return Value.Int(Truncate(Number(v, "int"), "int"));
    }

    /// <summary>A float truncated to an int; NaN, infinities and values beyond 64 bits are errors.</summary>
    private static long Truncate(double d, string function)
    {
        if (double.IsNaN(d) || double.IsInfinity(d)) throw new RuntimeError($"{function}(): cannot convert {NumberFormat.FormatFloat(d)} to an integer");
        double t = Math.Truncate(d);
        if (t < -9.2233720368547758E18 || t >= 9.2233720368547758E18) throw new RuntimeError($"{function}(): {NumberFormat.FormatFloat(d)} does not fit in 64 bits");
        return (long)t;
    }

    private static Value ToFloat(Interpreter interpreter, in Arguments args)
    {
        Arity(args, "float", 1);
        var v = args[0];
        if (v.Reference is string s)
        {
            // A long string can only be a number if it is digits and the marks of one (the words
            // inf, infinity and nan are short): anything else is refused before copying it twice.
            var trimmed = s.AsSpan().Trim();
            if (trimmed.Length > 16 && trimmed.IndexOfAnyExcept(NumberCharacters) >= 0)
                throw new RuntimeError($"could not convert string to float: {Formatter.Brief(v)}");
            if (!UnderscoresBetweenDigits(s)) throw new RuntimeError($"could not convert string to float: {Formatter.Brief(v)}");
            string text = s.Trim().ToLowerInvariant().Replace("_", "");
            double parsed = text switch
            {
                "inf" or "+inf" or "infinity" => double.PositiveInfinity,
                "-inf" or "-infinity" => double.NegativeInfinity,
                "nan" or "+nan" or "-nan" => double.NaN,
                _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d)
                    ? d : throw new RuntimeError($"could not convert string to float: {Formatter.Brief(v)}"),
            };
            return Value.Float(parsed);
        }
        return Value.Float(Number(v, "float"));
    }

    // PEP 515, as int() and float() read it: an underscore only between two digits ("1_000", not "1__0" or "_1").
    private static bool UnderscoresBetweenDigits(string s)
    {
        for (int i = s.IndexOf('_'); i >= 0; i = s.IndexOf('_', i + 1))
        {
            if (i == 0 || i == s.Length - 1 || !char.IsAsciiDigit(s[i - 1]) || !char.IsAsciiDigit(s[i + 1])) return false;
        }
        return true;
    }

    private static Value MakeList(Interpreter interpreter, in Arguments args)
    {
        Arity(args, "list", 0, 1);
        if (args.Count == 0) return Value.Object(new ListValue());
        var items = Iteration.Items(args[0], interpreter, args.CallSite);
        if (args[0].Reference is not ListValue) return Value.Object(new ListValue(items));
        interpreter.Limits.Reserve((long)Operators.ValueBytes * items.Count, args.CallSite);
        return Value.Object(new ListValue([.. items]));
    }

    private static readonly System.Buffers.SearchValues<char> NumberCharacters = System.Buffers.SearchValues.Create("0123456789+-._eE");

    private static Value Length(Interpreter interpreter, in Arguments args)
    {
        Arity(args, "len", 1);
        return args[0].Reference switch
        {
            ListValue l => Value.Int(l.Count),
            string s => Value.Int(Iteration.CodePoints(s)),
            RangeValue r => Value.Int(r.Length),
            DictValue d => Value.Int(d.Count),
            _ => throw new RuntimeError($"{args[0].TypeName} has no len()"),
        };
    }

    private static Value MakeRange(Interpreter interpreter, in Arguments args)
    {
        Arity(args, "range", 1, 3);
        long start = 0, stop, step = args.TryGetKeyword("step", out var s) ? Integer(s, "range") : 1;
        if (args.Count == 1) stop = Integer(args[0], "range");
        else
        {
            start = Integer(args[0], "range");
            stop = Integer(args[1], "range");
            if (args.Count == 3) step = Integer(args[2], "range");
        }
        if (step == 0) throw new RuntimeError("range() step must not be zero");
        return Value.Object(new RangeValue(start, stop, step));
    }

    // zip and enumerate give lists of lists (not lazy iterators): simple to print, index and reuse.
    // Both walk their sources item by item, looking at the limits as they go, and stop at the
    // shortest: zip("ab", 0..10^12) pairs two items, as Python's does.
    private static Value Zip(Interpreter interpreter, in Arguments args)
    {
        var site = args.CallSite;
        long count = args.Count == 0 ? 0 : long.MaxValue;
        foreach (var source in args.Positional)
        {
            count = Math.Min(count, Iteration.Length(source));
            interpreter.Limits.CheckLimits(site);
        }
        if (count > ListValue.MaxLength) throw new RuntimeError($"list too long (more than {ListValue.MaxLength} items)");
        var sources = args.Positional.ToArray().Select(source => Iteration.Each(source).GetEnumerator()).ToArray();
        var result = new List<Value>((int)Math.Min(count, 1 << 16));
        for (long i = 0; i < count; i++)
        {
            var tuple = new List<Value>(sources.Length);
            foreach (var source in sources)
            {
                source.MoveNext();
                tuple.Add(source.Current);
            }
            result.Add(Value.Object(new ListValue(tuple)));
            if ((i & 0xFFFF) == 0xFFFF) interpreter.Limits.CheckLimits(site);
        }
        return Value.Object(new ListValue(result));
    }

    private static Value Enumerate(Interpreter interpreter, in Arguments args)
    {
        Arity(args, "enumerate", 1);
        long start = args.TryGetKeyword("start", out var s) ? Integer(s, "enumerate") : 0;
        var site = args.CallSite;
        long count = Iteration.Length(args[0]);
        if (count > ListValue.MaxLength) throw new RuntimeError($"list too long (more than {ListValue.MaxLength} items)");
        var result = new List<Value>((int)Math.Min(count, 1 << 16));
        long i = 0;
        foreach (var item in Iteration.Each(args[0]))
        {
            result.Add(Value.Object(new ListValue([Value.Int(start + i), item])));
            if ((++i & 0xFFFF) == 0) interpreter.Limits.CheckLimits(site);
        }
        return Value.Object(new ListValue(result));
    }

    private static Value Append(Interpreter interpreter, in Arguments args)
    {
        Arity(args, "append", 2);
        List(args[0], "append").Add(args[1]);
        return Value.None;
    }

    private static Value Pop(Interpreter interpreter, in Arguments args)
    {
        Arity(args, "pop", 1, 2);
        var list = List(args[0], "pop");
        if (list.Count == 0) throw new RuntimeError("pop from an empty list");
        long index = args.Count == 2 ? Integer(args[1], "pop") : list.Count - 1;
        if (index < 0) index += list.Count;
        if (index < 0 || index >= list.Count) throw new RuntimeError("pop index out of range");
        var item = list[(int)index];
        list.Items.RemoveAt((int)index);
        return item;
    }
}
