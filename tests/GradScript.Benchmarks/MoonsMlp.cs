namespace GradScript.Benchmarks;

/// <summary>
/// W2's floor: the 2-16-16-1 MLP of <c>w2_moons_mlp.grad</c> in C#, with backprop written by hand
/// over flat arrays. Same data, same initial weights (the script's linear congruential generator,
/// drawn in the script's order), same max-margin loss with 1e-4 L2, same learning-rate schedule;
/// its losses equal the script's to 1e-12 relative (the order of a few sums differs).
/// </summary>
public sealed class MoonsMlp
{
    /// <summary>Training points: two half-moons of 50.</summary>
    public const int Points = 100;

    /// <summary>Width of both hidden layers.</summary>
    public const int Hidden = 16;

    // Parameters in the script's order: each neuron's weights, then its bias, layer by layer.
    private const int Layer1 = 0;                              // 16 neurons × (2 weights + bias)
    private const int Layer2 = Layer1 + Hidden * 3;            // 16 neurons × (16 weights + bias)
    private const int Layer3 = Layer2 + Hidden * (Hidden + 1); // 1 neuron × (16 weights + bias)

    /// <summary>How many parameters the network has (337).</summary>
    public const int ParameterCount = Layer3 + Hidden + 1;

    private readonly double[] _x0 = new double[Points], _x1 = new double[Points], _y = new double[Points];
    private readonly double[] _initial = new double[ParameterCount];
    private readonly double[] _p = new double[ParameterCount], _g = new double[ParameterCount];

    // Per-point activations, kept for the backward pass.
    private readonly double[] _pre1 = new double[Hidden], _h1 = new double[Hidden];
    private readonly double[] _pre2 = new double[Hidden], _h2 = new double[Hidden];
    private readonly double[] _dh1 = new double[Hidden], _dh2 = new double[Hidden];

    /// <summary>Builds the data and the initial weights exactly as the script does.</summary>
    public MoonsMlp()
    {
        for (int i = 0; i < 50; i++)
        {
            double t = Math.PI * i / 49;
            (_x0[i], _x1[i], _y[i]) = (Math.Cos(t), Math.Sin(t), -1.0);
            (_x0[50 + i], _x1[50 + i], _y[50 + i]) = (1 - Math.Cos(t), 0.5 - Math.Sin(t), 1.0);
        }
        long s = 42;
        for (int i = 0; i < ParameterCount; i++)
        {
            s = (s * 1103515245 + 12345) % 2147483648;
            _initial[i] = s / 2147483648.0 * 2 - 1;
        }
        Reset();
    }

    /// <summary>Puts the weights back to their initial values.</summary>
    public void Reset() => _initial.CopyTo(_p, 0);

    /// <summary>One step of full-batch gradient descent; returns the loss before the update, as the script prints it.</summary>
    public double Step(int step)
    {
        Array.Clear(_g);
        double dataLoss = 0;
        for (int i = 0; i < Points; i++)
        {
            double margin = 1 - _y[i] * Forward(_x0[i], _x1[i]);
            if (margin > 0)
            {
                dataLoss += margin;
                Backward(_x0[i], _x1[i], -0.01 * _y[i]);   // ∂(data_loss / 100)/∂score
            }
        }
        double reg = 0;
        for (int j = 0; j < ParameterCount; j++) reg += _p[j] * _p[j];
        double total = dataLoss / 100 + 1e-4 * reg;

        double lr = 1.0 - 0.9 * step / 100;
        for (int j = 0; j < ParameterCount; j++)
        {
            double g = _g[j] + 2e-4 * _p[j];                 // ∂(1e-4 · Σp²)/∂p
            _p[j] -= lr * g;
        }
        return total;
    }

    private double Forward(double x0, double x1)
    {
        for (int j = 0; j < Hidden; j++)
        {
            int n = Layer1 + j * 3;
            double act = _p[n + 2] + _p[n] * x0 + _p[n + 1] * x1;
            _pre1[j] = act;
            _h1[j] = act > 0 ? act : 0;
        }
        for (int j = 0; j < Hidden; j++)
        {
            int n = Layer2 + j * (Hidden + 1);
            double act = _p[n + Hidden];
            for (int k = 0; k < Hidden; k++) act += _p[n + k] * _h1[k];
            _pre2[j] = act;
            _h2[j] = act > 0 ? act : 0;
        }
        double score = _p[Layer3 + Hidden];
        for (int k = 0; k < Hidden; k++) score += _p[Layer3 + k] * _h2[k];
        return score;
    }

    private void Backward(double x0, double x1, double dScore)
    {
        _g[Layer3 + Hidden] += dScore;
        for (int k = 0; k < Hidden; k++)
        {
            _g[Layer3 + k] += dScore * _h2[k];
            _dh2[k] = dScore * _p[Layer3 + k];
        }
        Array.Clear(_dh1);
        for (int j = 0; j < Hidden; j++)
        {
            if (!(_pre2[j] > 0)) continue;
            double d = _dh2[j];
            int n = Layer2 + j * (Hidden + 1);
            _g[n + Hidden] += d;
            for (int k = 0; k < Hidden; k++)
            {
                _g[n + k] += d * _h1[k];
                _dh1[k] += d * _p[n + k];
            }
        }
        for (int j = 0; j < Hidden; j++)
        {
            if (!(_pre1[j] > 0)) continue;
            double d = _dh1[j];
            int n = Layer1 + j * 3;
            _g[n] += d * x0;
            _g[n + 1] += d * x1;
            _g[n + 2] += d;
        }
    }
}
