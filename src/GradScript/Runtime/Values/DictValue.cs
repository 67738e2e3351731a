namespace GradScript.Runtime;

/// <summary>
/// A dict: keys in insertion order, as Python's. Keys are strings, ints, floats, bools and none,
/// and two keys are the same key when <c>==</c> says they are equal (so <c>1</c> and <c>1.0</c> are
/// one key; <c>true</c> and <c>1</c> are two, as <c>true == 1</c> is false here). A change of size
/// while a loop walks the dict is Python's RuntimeError.
/// </summary>
internal sealed class DictValue
{
    private readonly OrderedDictionary<Value, Value> _items = new(KeyComparer.Instance);

    /// <summary>Counts insertions and deletions, so a loop over the dict notices either.</summary>
    public int Version { get; private set; }

    public int Count => _items.Count;

    /// <summary>The key at insertion position <paramref name="index"/>.</summary>
    public Value KeyAt(int index) => _items.GetAt(index).Key;

    /// <summary>The value at insertion position <paramref name="index"/>.</summary>
    public Value ValueAt(int index) => _items.GetAt(index).Value;

    /// <summary><paramref name="key"/> checked as a key: a list or a tracked value cannot be one.</summary>
    public static Value Key(Value key) =>
        key.IsInt || key.IsFloat || key.IsBool || key.IsNone || key.Reference is string
            ? key
            : throw new RuntimeError($"TypeError: unhashable type: '{key.TypeName}'");

    public bool ContainsKey(Value key) => _items.ContainsKey(key);

    public bool TryGetValue(Value key, out Value value) => _items.TryGetValue(key, out value);

    /// <summary>d[key]: Python's KeyError names the key.</summary>
    public Value this[Value key] =>
        _items.TryGetValue(Key(key), out var value) ? value : throw new RuntimeError($"KeyError: {Formatter.Brief(key)}");

    public void Set(Value key, Value value)
    {
        key = Key(key);
        if (_items.ContainsKey(key))
        {
            _items[key] = value;
            return;
        }
        if (_items.Count >= ListValue.MaxLength) throw new RuntimeError($"dict too large (more than {ListValue.MaxLength} items)");
        _items.Add(key, value);
        Version++;
    }

    public bool Remove(Value key, out Value value)
    {
        if (!_items.Remove(Key(key), out value)) return false;
        Version++;
        return true;
    }

    public void Clear()
    {
        _items.Clear();
        Version++;
    }

    /// <summary>
    /// Adds <paramref name="source"/>'s items to <paramref name="dict"/>: a dict's pairs, or a list
    /// of [key, value] pairs (Python's ValueError for a pair of another length).
    /// </summary>
    public static void AddAll(DictValue dict, Value source)
    {
        if (source.Reference is DictValue other)
        {
            foreach (var (key, value) in other.Pairs.ToList()) dict.Set(key, value);
            return;
        }
        int index = 0;
        foreach (var item in Iteration.Each(source))
        {
            if (item.Reference is not ListValue { Count: 2 } pair)
                throw new RuntimeError($"ValueError: dictionary update sequence element #{index} is not a [key, value] pair");
            dict.Set(pair[0], pair[1]);
            index++;
        }
    }

    /// <summary>The (key, value) pairs in order, for printing and copying.</summary>
    public IEnumerable<KeyValuePair<Value, Value>> Pairs => _items;

    /// <summary>Equality of keys as <c>==</c> decides it, with hashes that agree: an integral float hashes as its int.</summary>
    private sealed class KeyComparer : IEqualityComparer<Value>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals(Value a, Value b) => Comparisons.AreEqual(a, b, default);

        public int GetHashCode(Value v)
        {
            if (v.IsInt) return v.AsInt.GetHashCode();
            if (v.IsFloat)
            {
                double d = v.AsFloat;
                return Math.Floor(d) == d && Math.Abs(d) < 9.2e18 ? ((long)d).GetHashCode() : d.GetHashCode();
            }
            if (v.IsBool) return v.AsBool ? 0x5bd1e995 : 0x1b873593;
            if (v.IsNone) return 0x27d4eb2f;
            return ((string)v.Reference!).GetHashCode();
        }
    }
}
