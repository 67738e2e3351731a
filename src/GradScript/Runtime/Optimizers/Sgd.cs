namespace GradScript.Runtime.Optimizers;

using System.Numerics;
using GradScript.Autograd;

/// <summary>
/// Stochastic gradient descent as <c>torch.optim.SGD</c> computes it, for each parameter p with
/// gradient g:
/// <code>
///   d = g + weight_decay·p                      (when weight_decay ≠ 0)
///   b = d                                        (momentum ≠ 0, first step)
///   b = momentum·b + (1 − dampening)·d           (momentum ≠ 0, later steps)
///   d = d + momentum·b  if nesterov,  else  d = b
///   p = p − lr·d
/// </code>
/// The first step copies the gradient into the buffer without dampening, as PyTorch does. A
/// float32 parameter's buffer is float32 and its update computed in float32, the hyperparameters
/// rounded to float32, as PyTorch computes with a float32 tensor.
/// </summary>
internal sealed class Sgd(TrackedValue[] parameters, Sgd.Settings settings) : Optimizer("sgd", parameters)
{
    /// <summary>The hyperparameters, checked by the builtin that makes the optimizer.</summary>
    public readonly record struct Settings(double LearningRate, double Momentum, double Dampening, double WeightDecay, bool Nesterov);

    // PyTorch keeps no buffer until the first step: it then starts as the gradient itself.
    private readonly double[]? _momentumBuffers = settings.Momentum != 0 ? new double[parameters.Length] : null;
    private bool _hasBuffers;

    /// <inheritdoc/>
    public override void Step()
    {
        var (lr, momentum, dampening, weightDecay, nesterov) = settings;
        for (int i = 0; i < Parameters.Length; i++)
        {
            if (!Parameters[i].HasGrad) continue; // a gradient of none: PyTorch skips the parameter
            if (Parameters[i].IsFloat32) Update<float>(i);
            else Update<double>(i);
        }
        _hasBuffers = true;
    }

    // One parameter's update in its dtype T; the buffers hold T's values exactly.
    private void Update<T>(int i) where T : IFloatingPointIeee754<T>
    {
        var (lr, momentum, dampening, weightDecay, nesterov) = settings;
        var p = Parameters[i];
        T data = T.CreateTruncating(p.Data);
        T d = T.CreateTruncating(p.Grad);
        if (weightDecay != 0) d += T.CreateTruncating(weightDecay) * data;
        if (_momentumBuffers is { } buffers)
        {
            T buffer = _hasBuffers ? T.CreateTruncating(buffers[i]) * T.CreateTruncating(momentum) + T.CreateTruncating(1 - dampening) * d : d;
            buffers[i] = double.CreateTruncating(buffer);
            d = nesterov ? d + T.CreateTruncating(momentum) * buffer : buffer;
        }
        Store(p, double.CreateTruncating(data + T.CreateTruncating(-lr) * d));
    }
}
