namespace GradScript.Runtime;

using System.Runtime.CompilerServices;
using GradScript.Autograd;

/// <summary>
/// A GradScript value: 16 bytes, passed by value, never boxed.
/// <code>
///   kind      _obj                        _bits
///   undefined null                        0   (default(Value): an unassigned slot)
///   float     Tag.Float                   the double
///   int       Tag.Int                     the long (bit pattern)
///   bool      Tag.Bool                    0 or 1
///   none      Tag.None                    0
///   string    the string                  0
///   list      ListValue                   0
///   dict      DictValue                   0
///   range     RangeValue                  0
///   function  Callable (script or host)   0
///   tracked   BlockHandle (autograd)      the node's index in the block
///   other     an IScriptObject            0   (optimizer, progress loop)
/// </code>
/// The hottest test, "is this a plain float", is one reference comparison with a constant, and
/// plain arithmetic neither allocates nor touches autograd. A tracked value names its node by place
/// (a block of the engine's tape, or a leaf's own block, and an index), so recording an operation
/// allocates nothing here either. default(Value) is "undefined", so a
/// fresh slot array needs no filling before a read of an unassigned variable can be detected.
/// </summary>
internal readonly struct Value
{
    private readonly object? _obj;
    private readonly long _bits;

    private Value(object? obj, long bits)
    {
        _obj = obj;
        _bits = bits;
    }

    /// <summary>Markers for the kinds that live entirely in <see cref="_bits"/>.</summary>
    private sealed class Tag(string name)
    {
        public static readonly Tag Float = new("float");
        public static readonly Tag Int = new("int");
        public static readonly Tag Bool = new("bool");
        public static readonly Tag None = new("none");
        public override string ToString() => name;
    }

    public static readonly Value None = new(Tag.None, 0);
    public static readonly Value True = new(Tag.Bool, 1);
    public static readonly Value False = new(Tag.Bool, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value Float(double d) => new(Tag.Float, BitConverter.DoubleToInt64Bits(d));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value Int(long i) => new(Tag.Int, i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value Bool(bool b) => b ? True : False;

    public static Value String(string s) => new(s, 0);

    /// <summary>Wraps a heap object: a list, range or callable (a tracked value has its own overload).</summary>
    public static Value Object(object o)
    {
        System.Diagnostics.Debug.Assert(o is not TrackedValue and not BlockHandle, "a tracked value goes through Object(TrackedValue)");
        return new(o, 0);
    }

    /// <summary>A tracked value: its node's block and index.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value Object(TrackedValue t) => new(t.Handle, t.Index);

    /// <summary>A tracked value that must be there (null is a bug: it throws).</summary>
    public static Value Object(TrackedValue? t) => Object(t!.Value);

    public bool IsFloat
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ReferenceEquals(_obj, Tag.Float);
    }

    public bool IsUndefined => _obj is null;

    public bool IsInt
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ReferenceEquals(_obj, Tag.Int);
    }

    public bool IsBool => ReferenceEquals(_obj, Tag.Bool);
    public bool IsNone => ReferenceEquals(_obj, Tag.None);
    public bool IsTracked => _obj is BlockHandle;

    /// <summary>An int or a float (not a bool, not a tracked value).</summary>
    public bool IsPlainNumber => ReferenceEquals(_obj, Tag.Float) || ReferenceEquals(_obj, Tag.Int);

    public double AsFloat
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => BitConverter.Int64BitsToDouble(_bits);
    }

    public long AsInt
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _bits;
    }

    public bool AsBool => _bits != 0;

    /// <summary>The referenced object (string, list, …); null for int, float, bool and none.</summary>
    public object? Reference => _obj is Tag ? null : _obj;

    public TrackedValue AsTracked => new(Unsafe.As<BlockHandle>(_obj!), (int)_bits);

    /// <summary>The number as a double: int, float, bool, or a tracked value's data.</summary>
    public bool TryGetDouble(out double value)
    {
        if (ReferenceEquals(_obj, Tag.Float)) { value = AsFloat; return true; }
        if (ReferenceEquals(_obj, Tag.Int) || ReferenceEquals(_obj, Tag.Bool)) { value = _bits; return true; }
        if (_obj is BlockHandle) { value = AsTracked.Data; return true; }
        value = 0;
        return false;
    }

    /// <summary>Python's truthiness.</summary>
    public bool IsTruthy => _obj switch
    {
        null => false,
        Tag when ReferenceEquals(_obj, Tag.Float) => AsFloat != 0,
        Tag => _bits != 0,
        string s => s.Length != 0,
        ListValue l => l.Count != 0,
        DictValue d => d.Count != 0,
        RangeValue r => r.Length != 0,
        BlockHandle => AsTracked.Data != 0,
        _ => true,
    };

    /// <summary>The type name used in messages: int, float, bool, none, string, list, range, function, tracked, module, or an <see cref="IScriptObject"/>'s own.</summary>
    public string TypeName => _obj switch
    {
        null => "undefined",
        Tag tag => tag.ToString(),
        string => "string",
        ListValue => "list",
        DictValue => "dict",
        RangeValue => "range",
        Callable => "function",
        BlockHandle => "tracked",
        ModuleValue => "module",
        IScriptObject o => o.TypeName,
        _ => _obj.GetType().Name,
    };

    public override string ToString() => Formatter.Repr(this);
}
