namespace GradScript.Autograd;

/// <summary>
/// A gradient as a recorded backward (<see cref="HigherOrder"/>) computes it: a plain number with
/// a dtype where it is a constant, or a recorded value that can be differentiated again.
/// </summary>
/// <param name="Tracked">The recorded value; null for a plain number.</param>
/// <param name="Data">The number (the recorded value's data); exact float32 when <paramref name="F32"/>.</param>
/// <param name="F32">Whether it is a float32 tensor's gradient.</param>
internal readonly record struct Term(TrackedValue? Tracked, double Data, bool F32)
{
    /// <summary>A plain number of the given dtype.</summary>
    public static Term Plain(double x, bool f32) => new(null, f32 ? (float)x : x, f32);

    /// <summary>
    /// libtorch's efficient zero tensor (<c>_efficientzerotensor</c>, what sgn's derivative gives
    /// for a real input): a zero with no sign that vanishes where it is added (x + Z is x, so the
    /// -0.0 of another contribution stays -0.0), makes a product or a quotient by a tensor Z
    /// again, and is a real +0.0 everywhere else (libtorch's fallback materialises it).
    /// </summary>
    public static Term EfficientZero(bool f32) => new(null, 0.0, f32) { IsEfficientZero = true };

    /// <summary>Whether it is an efficient zero (see <see cref="EfficientZero"/>).</summary>
    public bool IsEfficientZero { get; private init; }

    /// <summary>Whether it is a recorded value.</summary>
    public bool IsTracked => Tracked is not null;
}
