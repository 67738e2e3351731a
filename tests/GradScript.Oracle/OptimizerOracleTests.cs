using System.Globalization;
using static TorchSharp.torch;

namespace GradScript.Oracle;

/// <summary>
/// Fifty-step training runs of SGD and Adam (with momentum, Nesterov, dampening, weight decay,
/// AMSGrad) in float32 and float64, in libtorch's optimizers and in GradScript's: the parameters
/// after every step must be equal to the bit. Adam's square root is the correctly rounded one on
/// both sides (see <see cref="PythonAdam"/>), so all fifty steps are compared.
/// </summary>
public sealed class OptimizerOracleTests(ITestOutputHelper output)
{
    private const int Steps = 50;

    private static readonly double[] Xs = [0.0, 1.0, 2.0, 3.0];
    private static readonly double[] Ys = [1.0, 3.1, 4.9, 7.2];

    /// <summary>An optimizer and its settings, spelled for both sides.</summary>
    public sealed record Setup(string Name, double Lr, double Momentum = 0, double Dampening = 0, double WeightDecay = 0,
        bool Nesterov = false, bool AmsGrad = false)
    {
        public override string ToString() => Name;
    }

    private static readonly Setup[] Setups =
    [
        new("sgd", 0.01), new("sgd", 0.01, Momentum: 0.9), new("sgd", 0.01, Momentum: 0.9, Nesterov: true),
        new("sgd", 0.02, Momentum: 0.5, Dampening: 0.1, WeightDecay: 0.01), new("sgd", 0.005, WeightDecay: 0.1),
        new("adam", 0.1), new("adam", 0.05, AmsGrad: true), new("adam", 0.01, WeightDecay: 0.01),
        new("adam", 0.2, WeightDecay: 0.1, AmsGrad: true),
    ];

    public static TheoryData<string, bool> Runs()
    {
        var data = new TheoryData<string, bool>();
        for (int i = 0; i < Setups.Length; i++)
            foreach (bool f32 in new[] { false, true }) data.Add($"{i}:{Setups[i].Name}", f32);
        return data;
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Optimizer_runs_agree_with_libtorch(string setupName, bool float32)
    {
        Libtorch.EnsureLoaded();
        var setup = Setups[int.Parse(setupName.Split(':')[0], CultureInfo.InvariantCulture)];
        var random = new Random(Seed.For($"optimizer {setupName} {float32}", output));
        double w0 = Math.Round(random.NextDouble() * 2 - 1, 6), b0 = Math.Round(random.NextDouble() * 2 - 1, 6);
        var (expected, sqrtDivergences) = Torch(setup, w0, b0, float32);
        var actual = Scripts.Run(Script(setup, w0, b0, float32));
        var comparison = new Comparison { Cases = 1 };
        if (sqrtDivergences > 0) output.WriteLine($"MKL's square root differed from the correctly rounded one {sqrtDivergences} times (given the latter)");
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++)
            comparison.Check($"step {k / 2 + 1} {(k % 2 == 0 ? "w" : "b")}", expected[k], actual[k], float32, libm: false, () => Script(setup, w0, b0, float32));
        string report = comparison.Report($"{setup.Name} {(float32 ? "float32" : "float64")}");
        output.WriteLine(report);
        Assert.True(comparison.Count(Verdict.Equal) == comparison.Numbers, report);
    }

    // The parameters after each step, and how often MKL's square root was not the correctly rounded one (see PythonAdam).
    private static (double[] Trace, int SqrtDivergences) Torch(Setup s, double w0, double b0, bool f32)
    {
        using var scope = NewDisposeScope();
        var w = new TorchSharp.Modules.Parameter(TorchProgram.Leaf(w0, f32).detach());
        var b = new TorchSharp.Modules.Parameter(TorchProgram.Leaf(b0, f32).detach());
        // torch.optim.SGD as TorchSharp has it; Adam as PyTorch's Python optimizer has it (TorchSharp's
        // own Adam still takes the older mul_/add_ form of the first moment where PyTorch takes lerp_).
        TorchSharp.torch.optim.Optimizer? sgd = s.Name == "sgd" ? optim.SGD([w, b], s.Lr, s.Momentum, s.Dampening, s.WeightDecay, s.Nesterov) : null;
        var adam = s.Name == "adam" ? new PythonAdam([w, b], s.Lr, s.WeightDecay, s.AmsGrad) : null;
        var trace = new List<double>();
        for (int step = 0; step < Steps; step++)
        {
            sgd?.zero_grad();
            adam?.ZeroGrad();
            var loss = (w * Xs[0] + b - Ys[0]).pow(2);
            for (int i = 1; i < Xs.Length; i++) loss = loss + (w * Xs[i] + b - Ys[i]).pow(2);
            loss.backward();
            sgd?.step();
            adam?.Step();
            trace.Add(TorchProgram.Read(w));
            trace.Add(TorchProgram.Read(b));
        }
        return ([.. trace], adam?.SqrtDivergences ?? 0);
    }

    private static string Script(Setup s, double w0, double b0, bool f32)
    {
        string dtype = f32 ? ", dtype=\"float32\"" : "";
        string L(double x) => ScriptText.Literal(x);
        string make = s.Name == "sgd"
            ? $"sgd([w, b], {L(s.Lr)}, momentum={L(s.Momentum)}, dampening={L(s.Dampening)}, weight_decay={L(s.WeightDecay)}, nesterov={(s.Nesterov ? "true" : "false")})"
            : $"adam([w, b], lr={L(s.Lr)}, weight_decay={L(s.WeightDecay)}, amsgrad={(s.AmsGrad ? "true" : "false")})";
        return $$"""
            w = param({{L(w0)}}{{dtype}})
            b = param({{L(b0)}}{{dtype}})
            opt = {{make}}
            xs = [{{string.Join(", ", Xs.Select(L))}}]
            ys = [{{string.Join(", ", Ys.Select(L))}}]
            out = []
            for epoch in 0..{{Steps}} {
                l = (w * xs[0] + b - ys[0]) ^ 2
                for i in 1..{{Xs.Length}} { l = l + (w * xs[i] + b - ys[i]) ^ 2 }
                backward(l)
                step(opt)
                append(out, value(w))
                append(out, value(b))
            }

            """;
    }

    /// <summary>Steps in which only w is in the loss, so that b's gradient is None and Adam skips b.</summary>
    private const int OnlyW = 2;

    /// <summary>
    /// Adam with a parameter that joins late: for the first steps the loss does not use b, whose
    /// gradient stays None, so Adam skips it; PyTorch counts steps per parameter
    /// (<c>state['step']</c>), so b's first update has the bias corrections of step 1, not step 3.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Adam_counts_steps_per_parameter_as_libtorch_does(bool float32)
    {
        Libtorch.EnsureLoaded();
        var random = new Random(Seed.For($"adam late parameter {float32}", output));
        double w0 = Math.Round(random.NextDouble() * 2 - 1, 6), b0 = Math.Round(random.NextDouble() * 2 - 1, 6);
        var expected = TorchLateParameter(w0, b0, float32);
        string script = LateParameterScript(w0, b0, float32);
        var actual = Scripts.Run(script);
        var comparison = new Comparison { Cases = 1 };
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++)
            comparison.Check($"step {k / 2 + 1} {(k % 2 == 0 ? "w" : "b")}", expected[k], actual[k], float32, libm: false, () => script);
        string report = comparison.Report($"adam, b from step {OnlyW + 1}, {(float32 ? "float32" : "float64")}");
        output.WriteLine(report);
        Assert.True(comparison.Count(Verdict.Equal) == comparison.Numbers, report);
    }

    private static double[] TorchLateParameter(double w0, double b0, bool f32)
    {
        using var scope = NewDisposeScope();
        var w = new TorchSharp.Modules.Parameter(TorchProgram.Leaf(w0, f32).detach());
        var b = new TorchSharp.Modules.Parameter(TorchProgram.Leaf(b0, f32).detach());
        var adam = new PythonAdam([w, b], 0.1, weightDecay: 0, amsgrad: false);
        var trace = new List<double>();
        for (int step = 0; step < Steps; step++)
        {
            adam.ZeroGrad();
            var loss = (w * Xs[0] - Ys[0]).pow(2);
            for (int i = 1; i < Xs.Length; i++) loss = loss + (step < OnlyW ? w * Xs[i] - Ys[i] : w * Xs[i] + b - Ys[i]).pow(2);
            loss.backward();
            adam.Step();
            trace.Add(TorchProgram.Read(w));
            trace.Add(TorchProgram.Read(b));
        }
        return [.. trace];
    }

    private static string LateParameterScript(double w0, double b0, bool f32)
    {
        string dtype = f32 ? ", dtype=\"float32\"" : "";
        string L(double x) => ScriptText.Literal(x);
        return $$"""
            w = param({{L(w0)}}{{dtype}})
            b = param({{L(b0)}}{{dtype}})
            opt = adam([w, b], lr=0.1)
            xs = [{{string.Join(", ", Xs.Select(L))}}]
            ys = [{{string.Join(", ", Ys.Select(L))}}]
            out = []
            for epoch in 0..{{Steps}} {
                l = (w * xs[0] - ys[0]) ^ 2
                for i in 1..{{Xs.Length}} { l = l + ((w * xs[i] - ys[i]) if epoch < {{OnlyW}} else (w * xs[i] + b - ys[i])) ^ 2 }
                backward(l)
                step(opt)
                append(out, value(w))
                append(out, value(b))
            }

            """;
    }
}
