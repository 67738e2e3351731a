namespace GradScript.Tests.Runtime;

using GradScript.Runtime;
using Xunit;

/// <summary>
/// <see cref="PythonRandom"/> against sequences printed by CPython 3.11's <c>random</c> module; every
/// expected value is Python's repr, which reads back as exactly the double Python produced.
/// </summary>
public class PythonRandomTests
{
    public static TheoryData<long, double[]> RandomAfterSeed => new()
    {
        {
            0, [0.8444218515250481, 0.7579544029403025, 0.420571580830845, 0.25891675029296335, 0.5112747213686085,
                0.4049341374504143, 0.7837985890347726, 0.30331272607892745, 0.4765969541523558, 0.5833820394550312]
        },
        {
            42, [0.6394267984578837, 0.025010755222666936, 0.27502931836911926, 0.22321073814882275, 0.7364712141640124,
                 0.6766994874229113, 0.8921795677048454, 0.08693883262941615, 0.4219218196852704, 0.029797219438070344]
        },
        {
            // A negative seed uses its absolute value, as CPython does.
            -7, [0.32383276483316237, 0.15084917392450192, 0.6509344730398537, 0.07243628666754276, 0.5358820043066892,
                 0.36568891691258554, 0.057998924774706806, 0.5074357331894203, 0.03749565844198488, 0.4336456836623859]
        },
        {
            // 2**40 + 3: a seed of two 32-bit words.
            1099511627779, [0.21978710637116716, 0.5494687768352203, 0.09461190973523603, 0.9814015277038539,
                0.9029950700508493, 0.7740658553386074, 0.23418433570332553, 0.5568055999257219, 0.7411777923231427, 0.25922585779041674]
        },
        {
            long.MaxValue, [0.3166448820870279, 0.631259308253863, 0.8035542479972343, 0.45346382341714553, 0.4767927957583785,
                0.7149596576515317, 0.7449550076481168, 0.27556585644223064, 0.7074740034351898, 0.6178261545788647]
        },
        {
            // -2**63: its absolute value does not fit a long.
            long.MinValue, [0.5534639983914199, 0.9406144709090462, 0.24199432111690833, 0.8512870110731147, 0.08475572881914784,
                0.7540272573617904, 0.5031429179402597, 0.4584041360854958, 0.6694194299285753, 0.19024934800708937]
        },
    };

    [Theory]
    [MemberData(nameof(RandomAfterSeed))]
    public void RandomMatchesPythonAfterSeed(long seed, double[] expected)
    {
        var random = new PythonRandom();
        random.Seed(seed);
        Assert.Equal(expected, expected.Select(_ => random.Random()).ToArray());
    }

    [Fact]
    public void SeedingAgainRestartsTheSequence()
    {
        var random = new PythonRandom();
        random.Seed(42);
        double first = random.Random();
        random.Random();
        random.Seed(42);
        Assert.Equal(first, random.Random());
        Assert.Equal(0.6394267984578837, first);
    }

    [Fact]
    public void FreshGeneratorStartsAsIfSeededWithZero()
    {
        var random = new PythonRandom();
        Assert.Equal(0.8444218515250481, random.Random());
        Assert.Equal(0.7579544029403025, random.Random());
        Assert.Equal(0.6394267984578837, new PythonRandom(42).Random());
    }

    [Fact]
    public void GaussMatchesPythonAfterSeedOne()
    {
        double[] expected =
        [
            1.2881847531554629, 1.449445608699771, 0.06633580893826191, -0.7645436509716318, -1.0921732151041414,
            0.03133451683171687, -1.022103170010873, -1.4368294451025299, 0.19931197648375384, 0.13337460465860485,
        ];
        var random = new PythonRandom(1);
        Assert.Equal(expected, expected.Select(_ => random.Gauss(0.0, 1.0)).ToArray());
    }

    [Fact]
    public void GaussScalesByMuAndSigma()
    {
        double[] expected = [10.644092376577731, 10.724722804349886, 10.033167904469131, 9.617728174514184, 9.45391339244793, 10.015667258415858];
        var random = new PythonRandom(1);
        Assert.Equal(expected, expected.Select(_ => random.Gauss(10.0, 0.5)).ToArray());
    }

    [Fact]
    public void GaussCachedValueIsScaledByTheNextCallsArguments()
    {
        // The second call returns the cached sine half of the first pair, scaled by ITS mu and sigma.
        var random = new PythonRandom(1);
        Assert.Equal(1.2881847531554629, random.Gauss(0, 1));
        Assert.Equal(114.4944560869977, random.Gauss(100, 10));
    }

    [Fact]
    public void SeedForgetsTheCachedGaussValue()
    {
        var random = new PythonRandom(1);
        random.Gauss(0, 1); // leaves the second value of the pair cached
        random.Seed(1);
        Assert.Equal(1.2881847531554629, random.Gauss(0, 1));
        Assert.Equal(1.449445608699771, random.Gauss(0, 1));
    }

    [Fact]
    public void UniformMatchesPythonAfterSeedOne()
    {
        double[] expected =
        [
            -1.6266324132693921, 3.008319290092013, 2.464535023347991, -0.8420513326937589, 0.7203280660976161,
            0.421691921126798, 1.735354322697959, 2.6267017823808354, -1.8899126859674733, -2.315741402606959,
        ];
        var random = new PythonRandom(1);
        Assert.Equal(expected, expected.Select(_ => random.Uniform(-2.5, 4.0)).ToArray());
    }

    [Fact]
    public void UniformWithReversedBoundsMatchesPython()
    {
        var random = new PythonRandom(1);
        Assert.Equal([4.462543023550396, 1.6102650522510693, 1.9449015240935439], new[] { random.Uniform(5, 1), random.Uniform(5, 1), random.Uniform(5, 1) });
    }

    [Fact]
    public void RandIntMatchesPythonAfterSeedOne()
    {
        long[] expected = [2, 5, 1, 3, 1, 4, 4, 4, 6, 4, 2, 1, 4, 1, 4, 4, 5, 1, 6, 4];
        var random = new PythonRandom(1);
        Assert.Equal(expected, expected.Select(_ => random.RandInt(1, 6)).ToArray());
    }

    [Fact]
    public void RandIntOverWideRangesMatchesPython()
    {
        var random = new PythonRandom(1);
        long[] full = [4865782901354085936, -7048155917072976836, -931725450029404348, -7491968275375482579];
        Assert.Equal(full, full.Select(_ => random.RandInt(long.MinValue, long.MaxValue)).ToArray());
        long[] forty = [858288075698, 586028475693, 227398206114];
        Assert.Equal(forty, forty.Select(_ => random.RandInt(0, 1L << 40)).ToArray());
        Assert.Equal(7, random.RandInt(7, 7));
    }

    [Fact]
    public void RandIntOnAnEmptyRangeThrowsPythonsMessage()
    {
        var error = Assert.Throws<ArgumentException>(() => new PythonRandom().RandInt(5, 3));
        Assert.Equal("empty range for randrange() (5, 4, -1)", error.Message);
    }

    [Fact]
    public void GetRandBitsMatchesPython()
    {
        var random = new PythonRandom(1);
        UInt128[] expected = [0, 145, 3639700191, 7740669488, 4705193143269049553, UInt128.Parse("614886793670229279908878609289")];
        Assert.Equal(expected, new[] { 1, 8, 32, 33, 64, 100 }.Select(random.GetRandBits).ToArray());
    }
}
