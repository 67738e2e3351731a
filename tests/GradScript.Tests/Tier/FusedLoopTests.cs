namespace GradScript.Tests.Tier;

/// <summary>
/// The compiled tier's fused training loop (a loop whose body is <c>l = e</c>, <c>backward(l)</c>
/// and updates of params, run on doubles, its last step's nodes written when the loop is left):
/// whatever way the loop is left — its end, a break, an error, a limit, a cancellation, a guard
/// failing mid-loop — the loss, its graph, the params and their gradients are what the interpreter
/// leaves, which a second script on the same engine then reads. Each expected text was produced by
/// the interpreter alone (<c>Tiering.InterpreterOnly</c>).
/// </summary>
public class FusedLoopTests
{
    /// <summary>What a script left, as a second one run on the same engine sees it.</summary>
    private const string Afterwards = """
        print(w, b, l, grad(l), l.grad, w.grad, b.grad)
        print(graph(l))
        backward(l)
        """;

    // A two-param model in a loop nested in another (so the inner one is compiled inline in every
    // tier but the interpreter's), with a break out of the inner loop.
    private const string Training = """
        x_data = [1.0, 2.0, 3.0, 4]
        y_data = [2.5, 4.5, 6.5, 8.5]
        w = param(1.0)
        b = param(0.0)
        lr = 0.01
        for epoch in 0..EPOCHS {
            OUTER
            for x, y in zip(x_data, y_data) {
                l = (x * w + b - y) ^ 2
                backward(l)
                w -= lr * grad(w)
                b -= 0.01 * grad(b) + 0.0
                if epoch == BREAK and x == 3.0 { break }
            }
        }
        """;

    private static string Source(int epochs, int breakAt = -1, string outer = "") =>
        Training.Replace("EPOCHS", epochs.ToString()).Replace("BREAK", breakAt.ToString()).Replace("OUTER", outer);

    /// <summary>The engine's limits for a test; the token is made anew for each engine.</summary>
    private sealed record Limits(long? MaxSteps = null, long? MaxGraphNodes = null, Func<CancellationToken>? Token = null);

    /// <summary>Runs a script and then <see cref="Afterwards"/> on the same engine; both runs' outputs, errors and steps.</summary>
    private static string Run(string source, Tiering tiering, Limits? options = null, Action<Engine>? setUp = null)
    {
        var output = new StringWriter { NewLine = "\n" };
        var engine = new Engine(new EngineOptions
        {
            Tiering = tiering, Output = output, MaxSteps = options?.MaxSteps, MaxGraphNodes = options?.MaxGraphNodes,
            CancellationToken = options?.Token?.Invoke() ?? default,
        });
        setUp?.Invoke(engine);
        var report = new StringWriter { NewLine = "\n" };
        foreach (var script in new[] { source, Afterwards })
        {
            try { engine.Run(script, "tier.grad"); }
            catch (ScriptException e) { report.WriteLine($"{e.GetType().Name}: {e}"); }
            catch (OperationCanceledException e) { report.WriteLine($"{e.GetType().Name}: {e.Message}"); }
            report.WriteLine($"steps {engine.Steps}");
        }
        return output + report.ToString();
    }

    /// <summary>
    /// The interpreter's runs must give <paramref name="expected"/> (without the graph's text, when
    /// the expected text leaves it out), and the compiled tiers' runs the interpreter's, graph included.
    /// </summary>
    private static void AgreeWithTheInterpreter(string source, string expected, Limits? options = null, Action<Engine>? setUp = null)
    {
        var interpreted = Run(source, Tiering.InterpreterOnly, options, setUp);
        Assert.Equal(expected, expected.Contains("digraph") ? interpreted : WithoutGraph(interpreted));
        Assert.Equal(interpreted, Run(source, Tiering.CompileImmediately, options, setUp));
        Assert.Equal(interpreted, Run(source, Tiering.Adaptive, options, setUp));
    }

    private static string WithoutGraph(string output) => System.Text.RegularExpressions.Regex.Replace(output, @"digraph \{\n(.*\n)*?\}\n", "");

    [Fact]
    public void TheLoopsEnd() => AgreeWithTheInterpreter(Source(1300), TheLoopsEndExpected);

    [Fact]
    public void ABreakMidLoop() => AgreeWithTheInterpreter(Source(1300, breakAt: 1250, outer: "if epoch == 1251 { break }"), ABreakMidLoopExpected);

    [Fact]
    public void TheStepLimitMidLoop() => AgreeWithTheInterpreter(Source(1300), TheStepLimitMidLoopExpected, new Limits(MaxSteps: 6_123));

    [Fact]
    public void TheGraphLimitMidLoop() => AgreeWithTheInterpreter(Source(1300), TheGraphLimitMidLoopExpected, new Limits(MaxGraphNodes: 19_000));

    [Fact]
    public void ACancellationMidLoop()
    {
        // The host cancels the run from the outer loop, so the inner loop's next step count sees it.
        string source = Source(1300, outer: "if epoch == 1201 { stop() }");
        CancellationTokenSource? cancel = null;
        AgreeWithTheInterpreter(source, ACancellationMidLoopExpected, new Limits(Token: () => (cancel = new CancellationTokenSource()).Token),
            engine => engine.SetFunction("stop", () => { cancel!.Cancel(); return 0.0; }));
    }

    [Fact]
    public void AnErrorMidLoop() => AgreeWithTheInterpreter(Source(1300, outer: "if epoch == 1202 { x_data[2] = \"7\" }"), AnErrorMidLoopExpected);

    [Fact]
    public void OperandsThatChangeKindMidLoopFailTheGuardAndTheLoopGoesOn() => AgreeWithTheInterpreter(Source(1300, outer: """
        if epoch == 1100 { y_data[1] = param(2.0) * 2 }
        if epoch == 1150 { x_data[0] = param(1.0, dtype="float32") }
        if epoch == 1200 { y_data[3] = true }
        if epoch == 1250 { y_data = [2.5, 4.5, 6.5, 8.5] }
        if epoch == 1299 { x_data[3] = w }
        """), OperandsThatChangeKindMidLoopFailTheGuardAndTheLoopGoesOnExpected);

    [Fact]
    public void AFusedLoopWritesOnlyTheNodesAScriptCanSee()
    {
        // 1,300 epochs of four steps: four nodes a step interpreted, four an epoch (the inner
        // loop's last step, once it is left) when the inner loop is compiled from the first run.
        Assert.Equal(1300 * 4 * 4, Recorded(Tiering.InterpreterOnly));
        Assert.Equal(1300 * 4, Recorded(Tiering.CompileImmediately));
    }

    private static long Recorded(Tiering tiering)
    {
        var engine = new Engine(new EngineOptions { Tiering = tiering, Output = TextWriter.Null });
        engine.Run(Source(1300), "tier.grad");
        return engine.Interpreter.Autograd.Tape.Recorded;
    }

    /// <summary>
    /// How every case's second run ends: its backward of l is refused, since the params were updated
    /// in place after the last step's graph was recorded, as the interpreter refuses it.
    /// </summary>
    private const string TheBackwardAfterwardsIsRefused = """
        ScriptRuntimeException: tier.grad:3:1: runtime error: backward(): a param of this graph was changed in place (a step() or `w -= …`) after the graph was recorded; compute the value again from the param (PyTorch refuses this too)
            backward(l)
            ^~~~~~~~~~~

        steps 0

        """;

    private const string TheLoopsEndExpected = """
        2.0000000029143377 0.499999990622184 1.1929009921946512e-17 1.0 none 2.763071904610115e-08 6.907679761525287e-09
        digraph {
          rankdir=LR;
          n0 [shape=record, label="{ data 1.193e-17 | grad 1.0 }"];
          n0_op [label="^"];
          n0_op -> n0;
          n0_c [shape=plaintext, label="2.0"];
          n1 [shape=record, label="{ data 3.454e-09 | grad 6.908e-09 }"];
          n1_op [label="-"];
          n1_op -> n1;
          n1_c [shape=plaintext, label="8.5"];
          n2 [shape=record, label="{ data 8.5 | grad 6.908e-09 }"];
          n2_op [label="+"];
          n2_op -> n2;
          n3 [shape=record, label="{ data 8.0 | grad 6.908e-09 }"];
          n3_op [label="*"];
          n3_op -> n3;
          n3_c [shape=plaintext, label="4.0"];
          n4 [shape=record, label="{ data 2.0 | grad 2.763e-08 }"];
          n5 [shape=record, label="{ data 0.5 | grad 6.908e-09 }"];
          n1 -> n0_op;
          n0_c -> n0_op;
          n2 -> n1_op;
          n1_c -> n1_op;
          n3 -> n2_op;
          n5 -> n2_op;
          n3_c -> n3_op;
          n4 -> n3_op;
        }

        steps 6500

        """ + TheBackwardAfterwardsIsRefused;

    private const string ABreakMidLoopExpected = """
        2.000000005927392 0.49999998270677265 3.735480438148693e-19 1.0 none 3.667114611971556e-09 1.222371537323852e-09

        steps 6253

        """ + TheBackwardAfterwardsIsRefused;

    private const string TheStepLimitMidLoopExpected = """
        2.000000007520589 0.4999999758000924 7.943799292034407e-17 1.0 none 7.130239509933745e-08 1.782559877483436e-08

        ScriptLimitException: tier.grad:8:5: runtime error: step limit exceeded (more than 6123 steps)
                for x, y in zip(x_data, y_data) {
                ^

        steps 6124

        """ + TheBackwardAfterwardsIsRefused;

    private const string TheGraphLimitMidLoopExpected = """
        2.0000000132245312 0.4999999616816296 1.7392650727362402e-16 1.0 none -5.2752479717810274e-08 -2.6376239858905137e-08

        ScriptLimitException: tier.grad:9:16: runtime error: graph limit exceeded (more than 19000 recorded operations)
                    l = (x * w + b - y) ^ 2
                           ^

        steps 5937

        """ + TheBackwardAfterwardsIsRefused;

    private const string ACancellationMidLoopExpected = """
        2.000000010637717 0.49999996767538796 5.103313987028189e-16 1.0 none -4.5181031360641555e-08 -4.5181031360641555e-08

        OperationCanceledException: The operation was canceled.
        steps 6006

        """ + TheBackwardAfterwardsIsRefused;

    private const string AnErrorMidLoopExpected = """
        2.0000000109405183 0.4999999682996083 1.1903670521591385e-16 1.0 none -4.36415774629495e-08 -2.182078873147475e-08

        ScriptRuntimeException: tier.grad:9:16: runtime error: unsupported operand types for *: string and tracked
                    l = (x * w + b - y) ^ 2
                           ^

        steps 6012

        """ + TheBackwardAfterwardsIsRefused;

    private const string OperandsThatChangeKindMidLoopFailTheGuardAndTheLoopGoesOnExpected = """
        1.9288501516114203 1.611544469093955 18.12255648711575 1.0 none -28.065807626122847 -8.51411921154872

        steps 6500

        """ + TheBackwardAfterwardsIsRefused;
}
