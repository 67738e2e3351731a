namespace GradScript;

using GradScript.Runtime;

// Host functions: C# code a script can call, optionally differentiable. A host function given its
// gradient stays differentiable: on tracked arguments its result is tracked, with the host's
// partial derivatives as its local derivatives. Without one it computes on the data of tracked
// arguments and returns a plain number (the gradient stops there, as with PyTorch's .item()).
// An exception thrown by host code becomes a script runtime error at the call, with the host's
// exception as its inner exception.
public sealed partial class Engine
{
    /// <summary>Makes a C# function of no arguments callable from scripts.</summary>
    public void SetFunction(string name, Func<double> function) =>
        Define(name, 0, _ => function(), null);

    /// <summary>Makes a C# function of one number callable from scripts.</summary>
    public void SetFunction(string name, Func<double, double> function) =>
        Define(name, 1, x => function(x[0]), null);

    /// <summary>
    /// Makes a differentiable C# function of one number callable from scripts: on a tracked
    /// argument the result is tracked, with <paramref name="derivative"/> as its local derivative.
    /// </summary>
    public void SetFunction(string name, Func<double, double> function, Func<double, double> derivative) =>
        Define(name, 1, x => function(x[0]), x => [derivative(x[0])]);

    /// <summary>Makes a C# function of two numbers callable from scripts.</summary>
    public void SetFunction(string name, Func<double, double, double> function) =>
        Define(name, 2, x => function(x[0], x[1]), null);

    /// <summary>A differentiable function of two numbers; <paramref name="gradient"/> gives both partial derivatives.</summary>
    public void SetFunction(string name, Func<double, double, double> function, Func<double, double, (double, double)> gradient) =>
        Define(name, 2, x => function(x[0], x[1]), x => gradient(x[0], x[1]) is var (a, b) ? [a, b] : []);

    /// <summary>Makes a C# function of three numbers callable from scripts.</summary>
    public void SetFunction(string name, Func<double, double, double, double> function) =>
        Define(name, 3, x => function(x[0], x[1], x[2]), null);

    /// <summary>A differentiable function of three numbers; <paramref name="gradient"/> gives the partial derivatives.</summary>
    public void SetFunction(string name, Func<double, double, double, double> function,
        Func<double, double, double, (double, double, double)> gradient) =>
        Define(name, 3, x => function(x[0], x[1], x[2]), x => gradient(x[0], x[1], x[2]) is var (a, b, c) ? [a, b, c] : []);

    /// <summary>Makes a C# function of four numbers callable from scripts.</summary>
    public void SetFunction(string name, Func<double, double, double, double, double> function) =>
        Define(name, 4, x => function(x[0], x[1], x[2], x[3]), null);

    /// <summary>A differentiable function of four numbers; <paramref name="gradient"/> gives the partial derivatives.</summary>
    public void SetFunction(string name, Func<double, double, double, double, double> function,
        Func<double, double, double, double, (double, double, double, double)> gradient) =>
        Define(name, 4, x => function(x[0], x[1], x[2], x[3]),
            x => gradient(x[0], x[1], x[2], x[3]) is var (a, b, c, d) ? [a, b, c, d] : []);

    /// <summary>Makes a C# function of any number of numbers callable from scripts: <c>f(1, 2, 3)</c>.</summary>
    public void SetVariadicFunction(string name, Func<double[], double> function) =>
        Define(name, -1, function, null);

    /// <summary>A differentiable function of any number of numbers; <paramref name="gradient"/> gives one partial derivative per argument.</summary>
    public void SetVariadicFunction(string name, Func<double[], double> function, Func<double[], double[]> gradient) =>
        Define(name, -1, function, gradient);

    /// <summary>
    /// Makes any C# delegate callable from scripts. Parameters and results may be double, float,
    /// long, int, bool, string, double[] or object; a void delegate returns none.
    /// </summary>
    public void SetFunction(string name, Delegate function) =>
        SetGlobal(name, HostFunctions.FromDelegate(CheckName(name), function));

    private void Define(string name, int arity, Func<double[], double> function, Func<double[], double[]>? gradient) =>
        SetGlobal(name, HostFunctions.Numeric(CheckName(name), arity, function, gradient));
}
