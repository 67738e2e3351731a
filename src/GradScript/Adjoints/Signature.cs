namespace GradScript.Adjoints;

using System.Diagnostics;

/// <summary>What a parameter is in one call asked for a gradient, as the tape would see it.</summary>
internal enum ParameterKind
{
    /// <summary>Differentiated by: a float64 leaf.</summary>
    Leaf64,

    /// <summary>Differentiated by: a float32 leaf (a float32 tracked argument outside any recording).</summary>
    Leaf32,

    /// <summary>Not differentiated by: a plain number (an int or a float), read as a double.</summary>
    Plain,
}

/// <summary>
/// The kinds of a call's parameters packed into one number, two bits each, the key under which a
/// plan keeps its generated kernels. At most <see cref="MaxParameters"/> parameters.
/// </summary>
internal static class Signature
{
    /// <summary>Parameters a generated adjoint takes at most: two bits each in a 64-bit key.</summary>
    public const int MaxParameters = 31;

    /// <summary>The signature of float64 leaves only (a host's call with gradient).</summary>
    public const ulong AllLeaves64 = 0;

    public static ulong With(ulong signature, int parameter, ParameterKind kind) => signature | ((ulong)kind << (2 * parameter));

    public static ParameterKind Of(ulong signature, int parameter)
    {
        var kind = (ParameterKind)((signature >> (2 * parameter)) & 3);
        return kind is ParameterKind.Leaf64 or ParameterKind.Leaf32 or ParameterKind.Plain ? kind : throw new UnreachableException(kind.ToString());
    }
}
