namespace GradScript.Runtime;

/// <summary>A mutable list, 0-based, negative indices counting from the end.</summary>
internal sealed class ListValue
{
    /// <summary>
    /// Items one list may hold: 2^24 values take 256 MiB, which one operation allocates and fills in
    /// about a tenth of a second, so a time limit stops a script promptly even between two looks at
    /// the clock; beyond it, a clean error instead of exhausting memory.
    /// </summary>
    public const int MaxLength = 1 << 24;

    public ListValue() => Items = new List<Value>();

    public ListValue(List<Value> items) => Items = items;

    public List<Value> Items { get; }

    public int Count => Items.Count;

    public Value this[int i] => Items[i];

    public void Add(Value value)
    {
        if (Items.Count >= MaxLength) throw new RuntimeError($"list too long (more than {MaxLength} items)");
        Items.Add(value);
    }
}

/// <summary>The lazy range <c>start..stop</c> with a step, like Python's <c>range</c>.</summary>
internal sealed class RangeValue
{
    /// <summary>A range of more than long.MaxValue numbers (-2^63..2^63-1 has 2^64 - 1) is refused, so every length, index and loop counter fits in a long.</summary>
    public RangeValue(long start, long stop, long step)
    {
        UInt128 count = step > 0
            ? (stop > start ? ((UInt128)(ulong)(stop - start) + (ulong)step - 1) / (ulong)step : 0)
            : (start > stop ? ((UInt128)(ulong)(start - stop) + (ulong)(-step) - 1) / (ulong)(-step) : 0);
        if (count > long.MaxValue) throw new RuntimeError($"range too long (more than {long.MaxValue} items)");
        (Start, Stop, Step, Length) = (start, stop, step, (long)count);
    }

    public long Start { get; }
    public long Stop { get; }
    public long Step { get; }

    /// <summary>How many numbers the range yields.</summary>
    public long Length { get; }

    public long this[long i] => Start + i * Step;
}
