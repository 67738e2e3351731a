namespace CurveFitting;

using GradScript;

/// <summary>
/// Fits a user's GradScript model to data: the host owns the data and the optimisation loop,
/// the script owns the model. The model is compiled once; each step is one script call.
/// </summary>
public static class CurveFitter
{
    public static void Run(string modelPath, TextWriter output)
    {
        // Data the host measured: y = 3 exp(-0.7 t) + 0.5, sampled without noise.
        double[] ts = Enumerable.Range(0, 20).Select(i => i * 0.25).ToArray();
        double[] ys = ts.Select(t => 3 * Math.Exp(-0.7 * t) + 0.5).ToArray();

        var engine = new Engine(new EngineOptions { Timeout = TimeSpan.FromSeconds(10), Output = output });
        engine.SetGlobal("ts", ts);
        engine.SetGlobal("ys", ys);
        CompiledScript model = engine.Compile(File.ReadAllText(modelPath), Path.GetFileName(modelPath));
        engine.Run(model);

        // One optimiser step, written in the script language against the model's parameters.
        CompiledScript step = engine.Compile(
            "l = loss()\nbackward(l)\nfor p in [a, k, c] { p -= rate * grad(p) }", "step.grad");
        engine.SetGlobal("rate", 0.1);
        for (int i = 0; i < 2000; i++) engine.Run(step);

        output.WriteLine($"loss {engine.GetNumber("l"):E2}");
        foreach (var name in new[] { "a", "k", "c" })
            output.WriteLine($"{name} = {engine.GetNumber(name):F3} (gradient {engine.GetGradient(name):E1})");

        // The fitted model as a function the host can call, with its derivative in t.
        var at1 = engine.CallWithGradient("predict", 1.0);
        output.WriteLine($"predict(1) = {at1.Value:F4}, d/dt = {at1.Gradient[0]:F4}");
    }
}
