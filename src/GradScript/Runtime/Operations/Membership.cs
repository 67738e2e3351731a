namespace GradScript.Runtime;

using GradScript.Diagnostics;
using GradScript.Runtime.Nodes;

/// <summary>
/// Python's <c>in</c>: an item of a list (by <c>==</c>, so a tracked value by its data), a substring
/// of a string, a number of a range (by arithmetic, however long the range), a key of a dict.
/// </summary>
internal static class Membership
{
    /// <summary>Items compared between two looks at the limits, for a long list.</summary>
    private const int CheckInterval = 1 << 16;

    public static bool Contains(Value container, Value item, Interpreter interpreter, in SourceSpan at)
    {
        switch (container.Reference)
        {
            case ListValue list:
                for (int i = 0; i < list.Count; i++)
                {
                    if (Comparisons.AreEqual(list[i], item, at)) return true;
                    if ((i & (CheckInterval - 1)) == CheckInterval - 1) interpreter.Limits.CheckLimits(at);
                }
                return false;
            case string s:
                return item.Reference is string sub
                    ? s.Contains(sub, StringComparison.Ordinal)
                    : throw new ScriptRuntimeException($"TypeError: 'in <string>' requires string as left operand, not {item.TypeName}", at);
            case RangeValue range: return InRange(range, item);
            case DictValue dict: return dict.ContainsKey(DictValue.Key(item));
        }
        throw new ScriptRuntimeException($"TypeError: argument of type '{container.TypeName}' is not iterable", at);
    }

    // A number is in a range when it is an int (or a float equal to one) on the range's grid.
    private static bool InRange(RangeValue range, Value item)
    {
        long n;
        if (item.IsInt || item.IsBool) n = item.AsInt;
        else if (item.TryGetDouble(out double d) && !item.IsNone && Math.Floor(d) == d && Math.Abs(d) < 9.2e18) n = (long)d;
        else return false;
        if (range.Length == 0) return false;
        Int128 offset = (Int128)n - range.Start;
        if (offset % range.Step != 0) return false;
        Int128 index = offset / range.Step;
        return index >= 0 && index < range.Length;
    }
}

/// <summary><c>a in b</c> and <c>a not in b</c>.</summary>
internal sealed class MembershipCode(bool negated, Code item, Code container, SourceSpan opSpan, SourceSpan span) : Code(span)
{
    public override Value Eval(Frame frame)
    {
        var a = item.Eval(frame);
        var b = container.Eval(frame);
        return Value.Bool(Membership.Contains(b, a, frame.Interpreter, opSpan) != negated);
    }
}
