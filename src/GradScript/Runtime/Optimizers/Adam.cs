namespace GradScript.Runtime.Optimizers;

using System.Numerics;
using GradScript.Autograd;

/// <summary>
/// Adam as <c>torch.optim.Adam</c> computes it (its single-tensor path, the one used on the CPU),
/// for each parameter p with gradient g, at step t = 1, 2, …:
/// <code>
///   g  = g + weight_decay·p                            (when weight_decay ≠ 0)
///   m  = lerp(m, g, 1 − β1)                            (= β1·m + (1 − β1)·g)
///   v  = β2·v + (1 − β2)·g·g
///   v̂  = max(v̂, v), used for v below                   (amsgrad only)
///   step_size = lr / (1 − β1^t)
///   denom     = √v / √(1 − β2^t) + eps
///   p  = p − step_size·m / denom
/// </code>
/// m and v start at 0, and t counts the steps that updated that parameter: a parameter skipped for
/// a gradient of none does not count the step, as PyTorch keeps <c>state['step']</c> per parameter.
/// Each line is evaluated in PyTorch's order (its <c>lerp</c>, <c>addcmul</c>
/// and <c>addcdiv</c> kernels included). The state of a float32 parameter is float32, as PyTorch
/// keeps <c>exp_avg</c> and <c>exp_avg_sq</c> in the parameter's dtype: every line is computed in
/// float32 then, with the hyperparameters (and the bias corrections, computed in double as Python
/// computes them) rounded to float32 where they meet a tensor.
/// </summary>
internal sealed class Adam(TrackedValue[] parameters, Adam.Settings settings) : Optimizer("adam", parameters)
{
    /// <summary>The hyperparameters, checked by the builtin that makes the optimizer.</summary>
    public readonly record struct Settings(double LearningRate, double Beta1, double Beta2, double Epsilon, double WeightDecay, bool AmsGrad);

    private readonly double[] _firstMoments = new double[parameters.Length];
    private readonly double[] _secondMoments = new double[parameters.Length];
    private readonly double[]? _maxSecondMoments = settings.AmsGrad ? new double[parameters.Length] : null;
    private readonly long[] _steps = new long[parameters.Length];

    /// <inheritdoc/>
    public override void Step()
    {
        var (lr, beta1, beta2, _, _, _) = settings;
        // Parameters nearly always share their step count: the corrections are computed once per count met.
        long correctedFor = 0;
        double stepSize = 0, biasCorrection2Sqrt = 0;
        for (int i = 0; i < Parameters.Length; i++)
        {
            if (!Parameters[i].HasGrad) continue; // a gradient of none: PyTorch skips the parameter, its step too
            long step = ++_steps[i];
            if (step != correctedFor)
            {
                correctedFor = step;
                stepSize = lr / (1 - Math.Pow(beta1, step));
                biasCorrection2Sqrt = Math.Sqrt(1 - Math.Pow(beta2, step));
            }
            if (Parameters[i].IsFloat32) Update<float>(i, stepSize, biasCorrection2Sqrt);
            else Update<double>(i, stepSize, biasCorrection2Sqrt);
        }
    }

    // One parameter's update in its dtype T; the state arrays hold T's values exactly.
    private void Update<T>(int i, double stepSize, double biasCorrection2Sqrt) where T : IFloatingPointIeee754<T>
    {
        var (_, beta1, beta2, eps, weightDecay, _) = settings;
        var p = Parameters[i];
        T data = T.CreateTruncating(p.Data);
        T g = T.CreateTruncating(p.Grad);
        if (weightDecay != 0) g += T.CreateTruncating(weightDecay) * data;
        T m = T.CreateTruncating(Lerp(_firstMoments[i], double.CreateTruncating(g), 1 - beta1));
        T v = T.CreateTruncating(_secondMoments[i]) * T.CreateTruncating(beta2) + T.CreateTruncating(1 - beta2) * g * g;
        _firstMoments[i] = double.CreateTruncating(m);
        _secondMoments[i] = double.CreateTruncating(v);
        if (_maxSecondMoments is { } max)
        {
            // torch.maximum: NaN wins.
            T previous = T.CreateTruncating(max[i]);
            v = T.IsNaN(previous) || T.IsNaN(v) ? T.NaN : v > previous ? v : previous;
            max[i] = double.CreateTruncating(v);
        }
        T denom = T.Sqrt(v) / T.CreateTruncating(biasCorrection2Sqrt) + T.CreateTruncating(eps);
        Store(p, double.CreateTruncating(data + T.CreateTruncating(-stepSize) * m / denom));
    }

    // PyTorch's lerp: the form that is exact at its own end of the interval. With a Python float
    // weight it computes in double even for a float32 tensor (libtorch's oracle shows it), so the
    // float32 operands are widened and the result rounded once.
    private static double Lerp(double start, double end, double weight)
    {
        double difference = end - start;
        return Math.Abs(weight) < 0.5 ? start + weight * difference : end - difference * (1 - weight);
    }
}
