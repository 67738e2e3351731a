using static TorchSharp.torch;

namespace GradScript.Oracle;

/// <summary>
/// torch.optim.Adam's single-tensor step (torch/optim/adam.py, the CPU default) in libtorch's
/// tensor operations, line for line: <c>lerp_</c> for the first moment, <c>mul_</c> and
/// <c>addcmul_</c> for the second, the bias corrections in double as Python computes them, then
/// <c>addcdiv_</c>. The state is in the parameter's dtype, and per parameter, the step count too
/// (<c>state['step']</c>): a parameter whose gradient is None is skipped, its step not counted.
/// One operation is not libtorch's: the square root of the second moment. libtorch takes a 0-dim
/// square root with MKL, which is now and then 1 ulp from the correctly rounded one (GradScript's,
/// IEEE's), and a run drifts from there; so the step is given the correctly rounded root, and
/// every other operation of all the steps stays libtorch's to compare. <see cref="SqrtDivergences"/>
/// counts the roots where MKL's differed.
/// </summary>
internal sealed class PythonAdam(Tensor[] parameters, double lr, double weightDecay, bool amsgrad,
    double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8)
{
    private readonly Tensor[] _expAvg = parameters.Select(p => zeros_like(p)).ToArray();
    private readonly Tensor[] _expAvgSq = parameters.Select(p => zeros_like(p)).ToArray();
    private Tensor[] _maxExpAvgSq = parameters.Select(p => zeros_like(p)).ToArray();
    private readonly int[] _steps = new int[parameters.Length];

    /// <summary>How many square roots of MKL's differed from the correctly rounded ones (each replaced by it).</summary>
    public int SqrtDivergences { get; private set; }

    public void ZeroGrad()
    {
        foreach (var p in parameters) p.grad?.zero_();
    }

    public void Step()
    {
        using var noGrad = no_grad();
        for (int i = 0; i < parameters.Length; i++)
        {
            var param = parameters[i];
            if (!TorchProgram.IsDefined(param.grad)) continue;
            var grad = param.grad!;
            int step = ++_steps[i];
            double biasCorrection1 = 1 - Math.Pow(beta1, step);
            double biasCorrection2 = 1 - Math.Pow(beta2, step);
            double stepSize = lr / biasCorrection1;
            double biasCorrection2Sqrt = Math.Sqrt(biasCorrection2);
            if (weightDecay != 0) grad = grad.add(param, alpha: weightDecay);
            _expAvg[i].lerp_(grad, 1 - beta1);
            _expAvgSq[i].mul_(beta2).addcmul_(grad, grad, value: 1 - beta2);
            if (amsgrad) _maxExpAvgSq[i] = maximum(_maxExpAvgSq[i], _expAvgSq[i]);
            var v = amsgrad ? _maxExpAvgSq[i] : _expAvgSq[i];
            bool f32 = v.dtype == ScalarType.Float32;
            double ieee = f32 ? MathF.Sqrt((float)TorchProgram.Read(v)) : Math.Sqrt(TorchProgram.Read(v));
            using (var mkl = v.sqrt())
                if (Comparison.Judge(TorchProgram.Read(mkl), ieee, f32) != Verdict.Equal) SqrtDivergences++;
            var root = f32 ? tensor((float)ieee) : tensor(ieee);
            var denom = (root / biasCorrection2Sqrt).add_(eps);
            param.addcdiv_(_expAvg[i], denom, value: -stepSize);
        }
    }
}
