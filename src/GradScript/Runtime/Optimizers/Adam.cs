namespace GradScript.Runtime.Optimizers;

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
/// m and v start at 0. Each line is evaluated in PyTorch's order (its <c>lerp</c>, <c>addcmul</c>
/// and <c>addcdiv</c> kernels included), so the results agree with PyTorch's to rounding.
/// </summary>
internal sealed class Adam(TrackedValue[] parameters, Adam.Settings settings) : Optimizer("adam", parameters)
{
    /// <summary>The hyperparameters, checked by the builtin that makes the optimizer.</summary>
    public readonly record struct Settings(double LearningRate, double Beta1, double Beta2, double Epsilon, double WeightDecay, bool AmsGrad);

    private readonly double[] _firstMoments = new double[parameters.Length];
    private readonly double[] _secondMoments = new double[parameters.Length];
    private readonly double[]? _maxSecondMoments = settings.AmsGrad ? new double[parameters.Length] : null;
    private long _steps;

    /// <inheritdoc/>
    public override void Step()
    {
        var (lr, beta1, beta2, eps, weightDecay, _) = settings;
        _steps++;
        double biasCorrection1 = 1 - Math.Pow(beta1, _steps);
        double biasCorrection2 = 1 - Math.Pow(beta2, _steps);
        double stepSize = lr / biasCorrection1;
        double biasCorrection2Sqrt = Math.Sqrt(biasCorrection2);
        for (int i = 0; i < Parameters.Length; i++)
        {
            var p = Parameters[i];
            double g = p.Grad;
            if (weightDecay != 0) g += weightDecay * p.Data;
            double m = _firstMoments[i] = Lerp(_firstMoments[i], g, 1 - beta1);
            double v = _secondMoments[i] = _secondMoments[i] * beta2 + (1 - beta2) * g * g;
            if (_maxSecondMoments is { } max) v = max[i] = Math.Max(max[i], v);
            double denom = Math.Sqrt(v) / biasCorrection2Sqrt + eps;
            Store(p, p.Data + -stepSize * m / denom);
        }
    }

    // PyTorch's lerp: the form that is exact at its own end of the interval.
    private static double Lerp(double start, double end, double weight)
    {
        double difference = end - start;
        return Math.Abs(weight) < 0.5 ? start + weight * difference : end - difference * (1 - weight);
    }
}
