namespace GradScript.Tests.Properties;

/// <summary>
/// The random choices of the program generator and of corruption: SplitMix64 (the generator FsCheck
/// itself uses) seeded by a number FsCheck drew, so that FsCheck's seed determines everything.
/// </summary>
internal sealed class Dice(ulong seed)
{
    private ulong _state = seed;

    /// <summary>0 to <paramref name="n"/> − 1.</summary>
    public int Below(int n) => (int)(Next() % (ulong)n);

    /// <summary><paramref name="low"/> to <paramref name="high"/>, both included.</summary>
    public int Between(int low, int high) => low + Below(high - low + 1);

    /// <summary>64 random bits.</summary>
    public ulong Bits() => Next();

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Chance(double p) => Fraction() < p;

    /// <summary>A number in [0, 1).</summary>
    public double Fraction() => (Next() >> 11) * (1.0 / (1UL << 53));

    public T Pick<T>(IReadOnlyList<T> items) => items[Below(items.Count)];

    public T OneOf<T>(params T[] items) => items[Below(items.Length)];

    /// <summary>One of the choices, each as likely as its weight; choices of weight 0 are never taken.</summary>
    public T Weighted<T>(params (int Weight, T Choice)[] choices)
    {
        int roll = Below(choices.Sum(c => c.Weight));
        foreach (var (weight, choice) in choices)
        {
            if (roll < weight) return choice;
            roll -= weight;
        }
        throw new InvalidOperationException("no choice with a positive weight");
    }

    private ulong Next()
    {
        ulong z = _state += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
