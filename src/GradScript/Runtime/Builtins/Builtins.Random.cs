namespace GradScript.Runtime;

// seed/random/uniform/gauss: CPython's Mersenne Twister, so a script draws the same numbers as
// Python's `random` module after the same seed, on every platform.
internal static partial class Builtins
{
    private static IEnumerable<NativeFunction> RandomFunctions() =>
    [
        new("seed", (i, in a) => { Arity(a, "seed", 1); i.Random.Seed(Integer(a[0], "seed")); return Value.None; }),
        new("random", (i, in a) => { Arity(a, "random", 0); return Value.Float(i.Random.Random()); }),
        new("uniform", (i, in a) =>
        {
            Arity(a, "uniform", 2);
            return Value.Float(i.Random.Uniform(Number(a[0], "uniform"), Number(a[1], "uniform")));
        }),
        new("gauss", (i, in a) =>
        {
            Arity(a, "gauss", 0, 2);
            double mu = a.Count > 0 ? Number(a[0], "gauss") : 0, sigma = a.Count > 1 ? Number(a[1], "gauss") : 1;
            return Value.Float(i.Random.Gauss(mu, sigma));
        }),
    ];
}
