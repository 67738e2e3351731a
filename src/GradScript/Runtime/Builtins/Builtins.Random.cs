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
            var bound = Bind(a, "uniform", ["a", "b"], required: 2);
            var (low, high) = (bound[0], bound[1]);
            // Python computes b - a before any float: between two ints it is exact, then rounded once.
            double width = (low.IsInt || low.IsBool) && (high.IsInt || high.IsBool)
                ? double.Parse(((Int128)high.AsInt - low.AsInt).ToString(System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture)
                : Number(high, "uniform") - Number(low, "uniform");
            return Value.Float(i.Random.UniformWidth(Number(low, "uniform"), width));
        }, ["a", "b"]),
        new("gauss", (i, in a) =>
        {
            // Python's parameter names, so gauss(mu=1, sigma=2) reads as it does in Python.
            var bound = Bind(a, "gauss", ["mu", "sigma"], required: 0);
            double mu = bound[0].IsUndefined ? 0 : Number(bound[0], "gauss"), sigma = bound[1].IsUndefined ? 1 : Number(bound[1], "gauss");
            return Value.Float(i.Random.Gauss(mu, sigma));
        }, ["mu", "sigma"]),
    ];
}
