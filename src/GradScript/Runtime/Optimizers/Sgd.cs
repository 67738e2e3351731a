namespace GradScript.Runtime.Optimizers;

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
/// The first step copies the gradient into the buffer without dampening, as PyTorch does.
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
            var p = Parameters[i];
            double d = p.Grad;
            if (weightDecay != 0) d += weightDecay * p.Data;
            if (_momentumBuffers is { } buffers)
            {
                buffers[i] = _hasBuffers ? momentum * buffers[i] + (1 - dampening) * d : d;
                d = nesterov ? d + momentum * buffers[i] : buffers[i];
            }
            Store(p, p.Data + -lr * d);
        }
        _hasBuffers = true;
    }
}
