namespace GradScript.Benchmarks;

using System.Globalization;
using BenchmarkDotNet.Attributes;

/// <summary>
/// W2: one training step of the 2-16-16-1 MLP (~65,000 recorded operations and their backward pass).
/// The script builds its data and weights before training, so it is timed twice, with 0 steps (set-up
/// only) and with <see cref="Steps"/> steps, and one step costs (T(steps) − T(0)) / steps; the summary
/// table does that subtraction. The floor resets its weights and trains <see cref="FloorSteps"/> steps
/// per invocation (the reset is 337 copies). Two more benchmarks split a step for the analysis:
/// the forward pass alone (the loss, recording the graph) and the backward pass alone over that graph.
/// </summary>
public class W2Benchmarks
{
    /// <summary>Steps in the timed script run.</summary>
    public const int Steps = 3;

    /// <summary>Steps per floor invocation.</summary>
    public const int FloorSteps = 20;

    /// <summary>The workload's losses at steps 0 and 5 (its header comment): the cross-check.</summary>
    public const double Step0Loss = 2.3183156083549843, Step5Loss = 0.29254021708567735;

    /// <summary>The workload's step up to its loss: the forward pass, recording the graph.</summary>
    public const string Forward = """
        data_loss = 0
        for i in 0..100 {
            data_loss = data_loss + relu(1 - Y[i] * forward(X[i]))
        }
        reg = 0
        for p in params { reg = reg + p * p }
        total = data_loss / 100 + 1e-4 * reg
        """;

    private Engine _engine = null!;
    private CompiledScript _script = null!, _forward = null!, _backward = null!;
    private MoonsMlp _floor = null!;

    /// <summary>Sum of the floor's losses, kept so nothing is optimised away.</summary>
    public double Sink;

    [GlobalSetup]
    public void Setup()
    {
        _floor = new MoonsMlp();
        var floorLosses = CheckFloor(_floor);

        // The script's own losses, read from what it prints, must match the floor's step by step.
        var output = new StringWriter { NewLine = "\n" };
        var checking = new Engine(new EngineOptions { Output = output });
        var script = checking.Compile(Workloads.W2, "w2_moons_mlp.grad");
        Workloads.SetArgs(checking, floorLosses.Length);
        checking.Run(script);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length != floorLosses.Length)
            throw new InvalidOperationException($"W2: the script printed {lines.Length} lines, not {floorLosses.Length}");
        for (int step = 0; step < lines.Length; step++)
            Check.Close($"W2: the script's loss at step {step}", floorLosses[step], double.Parse(lines[step].Split(' ')[1], CultureInfo.InvariantCulture));

        _engine = Workloads.NewEngine();
        _script = _engine.Compile(Workloads.W2, "w2_moons_mlp.grad");

        // The breakdown runs on the globals the workload leaves after 0 steps: data, params, forward().
        Run(0);
        _forward = _engine.Compile(Forward, "w2_forward.grad");
        _backward = _engine.Compile("backward(total)", "w2_backward.grad");
        _engine.Run(_forward);
        Check.Close("W2: the forward script's loss at step 0", Step0Loss, _engine.GetNumber("total"));
    }

    /// <summary>
    /// Runs the floor from its initial weights for six steps and checks steps 0 and 5 against the
    /// workload's figures; returns the six losses.
    /// </summary>
    public static double[] CheckFloor(MoonsMlp floor)
    {
        floor.Reset();
        var losses = new double[6];
        for (int step = 0; step < losses.Length; step++) losses[step] = floor.Step(step);
        floor.Reset();
        Check.Close("W2 floor: loss at step 0", Step0Loss, losses[0]);
        Check.Close("W2 floor: loss at step 5", Step5Loss, losses[5]);
        return losses;
    }

    [Benchmark(Description = "W2 GradScript, set-up only (0 steps)")]
    public void GradScriptSetup() => Run(0);

    [Benchmark(Description = "W2 GradScript, set-up + 3 steps")]
    public void GradScriptSteps() => Run(Steps);

    [Benchmark(Description = "W2 GradScript, forward pass only")]
    public void GradScriptForward() => _engine.Run(_forward);

    [Benchmark(Description = "W2 GradScript, backward pass only")]
    public void GradScriptBackward() => _engine.Run(_backward);

    [Benchmark(Description = "W2 C# floor, per step", OperationsPerInvoke = FloorSteps)]
    public double CSharpFloor()
    {
        _floor.Reset();
        double sum = 0;
        for (int step = 0; step < FloorSteps; step++) sum += _floor.Step(step);
        Sink = sum;
        return sum;
    }

    private void Run(int steps)
    {
        Workloads.SetArgs(_engine, steps);
        _engine.Run(_script);
    }
}
