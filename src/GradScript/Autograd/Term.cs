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

    /// <summary>Whether it is a recorded value.</summary>
    public bool IsTracked => Tracked is not null;
}
