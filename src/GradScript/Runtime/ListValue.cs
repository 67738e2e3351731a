namespace GradScript.Runtime;

/// <summary>A mutable list, 0-based, negative indices counting from the end.</summary>
internal sealed class ListValue
{
    /// <summary>Items one list may hold: 2^26 values take 1 GiB, a clean error beyond instead of exhausting memory.</summary>
    public const int MaxLength = 1 << 26;

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
internal sealed class RangeValue(long start, long stop, long step)
{
    public long Start { get; } = start;
    public long Stop { get; } = stop;
    public long Step { get; } = step;

    /// <summary>How many numbers the range yields.</summary>
    public long Length =>
        Step > 0 ? (Stop > Start ? (long)(((UInt128)(Stop - Start) + (ulong)Step - 1) / (ulong)Step) : 0)
                 : (Start > Stop ? (long)(((UInt128)(Start - Stop) + (ulong)(-Step) - 1) / (ulong)(-Step)) : 0);

    public long this[long i] => Start + i * Step;
}
