namespace GradScript.Runtime;

using GradScript.Ast;
using GradScript.Autograd;
using GradScript.Diagnostics;
using System.Diagnostics;
using System.Runtime.InteropServices;

/// <summary>
/// The semantics of GradScript's operators over every pair of operand kinds (docs/language.md §3 and §7).
/// Compiled nodes handle float ⊕ float inline and come here for everything else. Errors carry the
/// operator's place.
/// </summary>
internal static class Operators
{
    /// <summary>Strings longer than this are refused: 2^27 characters take 256 MiB, as the longest list does (<see cref="ListValue.MaxLength"/>).</summary>
    public const int MaxStringLength = 1 << 27;

    public static Value Arithmetic(BinaryOp op, Value a, Value b, Interpreter interpreter, in SourceSpan at)
    {
        // Bools count as the ints 0 and 1 in arithmetic, as in Python.
        if ((a.IsInt || a.IsBool) && (b.IsInt || b.IsBool)) return IntArithmetic(op, a.AsInt, b.AsInt, at);
        if (a.IsTracked || b.IsTracked) return TrackedArithmetic(op, a, b, interpreter, at);
        if (IsNumber(a) && IsNumber(b)) return FloatArithmetic(op, ToDouble(a), ToDouble(b), at);
        return SequenceArithmetic(op, a, b, interpreter, at);
    }

    private static bool IsNumber(Value v) => v.IsFloat || v.IsInt || v.IsBool;

    private static double ToDouble(Value v) => v.IsFloat ? v.AsFloat : v.AsInt;

    private static Value IntArithmetic(BinaryOp op, long x, long y, in SourceSpan at)
    {
        try
        {
            switch (op)
            {
                case BinaryOp.Add: return Value.Int(checked(x + y));
                case BinaryOp.Subtract: return Value.Int(checked(x - y));
                case BinaryOp.Multiply: return Value.Int(checked(x * y));
                case BinaryOp.Divide:
                    if (y == 0) throw DivisionByZero(at);
                    return Value.Float(PythonNumbers.TrueDivide(x, y));
                case BinaryOp.FloorDivide:
                    if (y == 0) throw DivisionByZero(at);
                    if (x == long.MinValue && y == -1) throw Overflow(at);
                    return Value.Int(FloorDiv(x, y));
                case BinaryOp.Modulo:
                    if (y == 0) throw DivisionByZero(at);
                    if (y == -1) return Value.Int(0);
                    long r = x % y;
                    return Value.Int(r != 0 && (r < 0) != (y < 0) ? r + y : r);
                case BinaryOp.Power:
                    return y >= 0 ? Value.Int(IntPower(x, y, at)) : Value.Float(Math.Pow(x, y));
            }
        }
        catch (OverflowException) { throw Overflow(at); }
        throw new UnreachableException(op.ToString());
    }

    private static long FloorDiv(long x, long y)
    {
        long q = x / y;
        return (x % y != 0 && (x < 0) != (y < 0)) ? q - 1 : q;
    }

    private static long IntPower(long x, long y, in SourceSpan at)
    {
        long result = 1;
        while (y > 0)
        {
            if ((y & 1) != 0) result = checked(result * x);
            y >>= 1;
            if (y > 0) x = checked(x * x);
        }
        return result;
    }

    /// <summary>Float arithmetic; an int operand beside a float was converted (two ints are <see cref="IntArithmetic"/>'s, with its division by zero). IEEE: float division by zero gives inf or nan.</summary>
    public static Value FloatArithmetic(BinaryOp op, double x, double y, in SourceSpan at)
    {
        switch (op)
        {
            case BinaryOp.Add: return Value.Float(x + y);
            case BinaryOp.Subtract: return Value.Float(x - y);
            case BinaryOp.Multiply: return Value.Float(x * y);
            case BinaryOp.Divide: return Value.Float(x / y);
            case BinaryOp.FloorDivide: return Value.Float(PythonNumbers.FloorDivide(x, y));
            case BinaryOp.Modulo: return Value.Float(PythonNumbers.Modulo(x, y));
            case BinaryOp.Power: return Value.Float(Math.Pow(x, y));
        }
        throw new UnreachableException(op.ToString());
    }

    private static Value TrackedArithmetic(BinaryOp op, Value a, Value b, Interpreter interpreter, in SourceSpan at)
    {
        if (!a.TryGetDouble(out double x) || !b.TryGetDouble(out double y))
            throw Unsupported(op, a, b, at);
        TrackedValue? ta = a.IsTracked ? a.AsTracked : null;
        TrackedValue? tb = b.IsTracked ? b.AsTracked : null;
        // An operator that records nothing (floor division, modulo) gives a plain number, as PyTorch's do.
        if (OperatorTable.Of(op).Autograd is { } autogradOp && interpreter.Autograd.Binary(autogradOp, ta, x, tb, y, at) is { } node)
            return Value.Object(node);
        return FloatArithmetic(op, x, y, at);
    }

    private static Value SequenceArithmetic(BinaryOp op, Value a, Value b, Interpreter interpreter, in SourceSpan at)
    {
        switch (op, a.Reference, b.Reference)
        {
            case (BinaryOp.Add, string s, string t):
                if ((long)s.Length + t.Length > MaxStringLength) throw TooLong(at);
                interpreter.Limits.Reserve(2L * (s.Length + t.Length), at);
                return Value.String(s + t);
            case (BinaryOp.Add, ListValue l, ListValue m):
                if ((long)l.Count + m.Count > ListValue.MaxLength) throw new ScriptRuntimeException($"list too long (more than {ListValue.MaxLength} items)", at);
                interpreter.Limits.Reserve(ValueBytes * (l.Count + m.Count), at);
                var items = new List<Value>(l.Count + m.Count);
                items.AddRange(l.Items);
                items.AddRange(m.Items);
                return Value.Object(new ListValue(items));
            // A bool counts as 0 or 1 here too, as in Python ("ab" * true is "ab").
            case (BinaryOp.Multiply, string s, _) when b.IsInt || b.IsBool:
                return Value.String(RepeatString(s, b.AsInt, interpreter, at));
            case (BinaryOp.Multiply, _, string s) when a.IsInt || a.IsBool:
                return Value.String(RepeatString(s, a.AsInt, interpreter, at));
            case (BinaryOp.Multiply, ListValue l, _) when b.IsInt || b.IsBool:
                return Value.Object(RepeatList(l, b.AsInt, interpreter, at));
            case (BinaryOp.Multiply, _, ListValue l) when a.IsInt || a.IsBool:
                return Value.Object(RepeatList(l, a.AsInt, interpreter, at));
        }
        throw Unsupported(op, a, b, at);
    }

    // Repetition fills the result by doubling copies: a few block copies, not one append per
    // repetition, so the largest allowed string or list is made in about the time of one memory copy.
    /// <summary>Bytes a <see cref="Value"/> takes in a list.</summary>
    public const int ValueBytes = 16;

    private static string RepeatString(string s, long times, Interpreter interpreter, in SourceSpan at)
    {
        if (times <= 0 || s.Length == 0) return "";
        if (s.Length * (double)times > MaxStringLength) throw TooLong(at);
        interpreter.Limits.Reserve(2 * s.Length * times, at);
        return string.Create((int)(s.Length * times), s, static (span, s) =>
        {
            s.CopyTo(span);
            for (int filled = s.Length; filled < span.Length; filled *= 2)
                span[..Math.Min(filled, span.Length - filled)].CopyTo(span[filled..]);
        });
    }

    /// <summary>The items of <paramref name="list"/> repeated <paramref name="times"/> times, as a new list.</summary>
    public static ListValue RepeatList(ListValue list, long times, Interpreter interpreter, in SourceSpan at)
    {
        if (times <= 0 || list.Count == 0) return new ListValue();
        if (list.Count * (double)times > ListValue.MaxLength)
            throw new ScriptRuntimeException($"list too long (more than {ListValue.MaxLength} items)", at);
        int length = (int)(list.Count * times);
        interpreter.Limits.Reserve((long)ValueBytes * length, at);
        var items = new List<Value>(length);
        CollectionsMarshal.SetCount(items, length);
        var span = CollectionsMarshal.AsSpan(items);
        CollectionsMarshal.AsSpan(list.Items).CopyTo(span);
        for (int filled = list.Count; filled < length; filled *= 2)
            span[..Math.Min(filled, length - filled)].CopyTo(span[filled..]);
        return new ListValue(items);
    }

    public static Value Negate(Value v, Interpreter interpreter, in SourceSpan at)
    {
        if (v.IsFloat) return Value.Float(-v.AsFloat);
        if (v.IsInt || v.IsBool)
        {
            if (v.AsInt == long.MinValue) throw Overflow(at);
            return Value.Int(-v.AsInt);
        }
        if (v.IsTracked)
        {
            var t = v.AsTracked;
            return interpreter.Autograd.Unary(Op.Negate, t, at) is { } node ? Value.Object(node) : Value.Float(-t.Data);
        }
        throw new ScriptRuntimeException($"bad operand type for unary -: {v.TypeName}", at);
    }

    public static Value Plus(Value v, in SourceSpan at)
    {
        if (v.IsFloat || v.IsInt || v.IsTracked) return v;
        if (v.IsBool) return Value.Int(v.AsInt);
        throw new ScriptRuntimeException($"bad operand type for unary +: {v.TypeName}", at);
    }

    public static ScriptRuntimeException Unsupported(BinaryOp op, Value a, Value b, in SourceSpan at) =>
        new($"unsupported operand types for {OperatorTable.Of(op).Symbol}: {a.TypeName} and {b.TypeName}", at);

    public static ScriptRuntimeException DivisionByZero(in SourceSpan at) => new("division by zero", at);

    public static ScriptRuntimeException Overflow(in SourceSpan at) => new("integer overflow: the result does not fit in 64 bits", at);

    private static ScriptRuntimeException TooLong(in SourceSpan at) => new($"string too long (more than {MaxStringLength} characters)", at);
}
