namespace GradScript.Tests.Adjoints;

using System.Text;
using GradScript.Runtime.Nodes;
using Xunit;

/// <summary>
/// The generated adjoint gives the tape's digits: random straight-line functions are differentiated by
/// an engine that never generates (the tape) and one that generates at once, and every value and
/// gradient must be the same double, bit for bit (every NaN counts as one: x86 returns whichever NaN
/// operand comes first, and the JIT may swap a commutative operation's operands). Through the host's
/// call with gradient (float64) and through grad/value_and_grad in a script (float64, float32 leaves,
/// mixed dtypes, plain arguments not differentiated by).
/// </summary>
public class AdjointDigitsTests
{
    private const int Functions = 300;

    internal static Engine Tape() => new(new EngineOptions { Tiering = Tiering.InterpreterOnly, Output = TextWriter.Null });

    internal static Engine Generating(TextWriter? output = null) => new(new EngineOptions { Tiering = Tiering.CompileImmediately, Output = output ?? TextWriter.Null });

    [Fact]
    public void HostCallsWithGradientGiveTheTapesBits()
    {
        var random = TestSeed.Random(nameof(HostCallsWithGradientGiveTheTapesBits));
        var generator = new StraightLineFunctions(random);
        int generated = 0;
        for (int n = 0; n < Functions; n++)
        {
            int parameters = random.Next(1, 5);
            string source = generator.Function(parameters);
            var (tape, adjoint) = (Tape(), Generating());
            tape.Run(source);
            adjoint.Run(source);
            for (int point = 0; point < 6; point++)
            {
                var arguments = Enumerable.Range(0, parameters).Select(_ => generator.Argument()).ToArray();
                var expected = Outcome(() => tape.CallWithGradient("f", arguments));
                var actual = Outcome(() => adjoint.CallWithGradient("f", arguments));
                Assert.True(expected == actual,
                    $"{source}at ({string.Join(", ", arguments.Select(StraightLineFunctions.Literal))}):\n tape      {expected}\n generated {actual}\n{TestSeed.Replay(nameof(AdjointDigitsTests))}");
            }
            if (HasKernel(adjoint)) generated++;
        }
        // Most of them must really have been generated, or this compared the tape with itself.
        Assert.True(generated > Functions / 2, $"only {generated} of {Functions} functions were generated");
    }

    [Fact]
    public void TransformsGiveTheTapesBitsInBothPrecisions()
    {
        var random = TestSeed.Random(nameof(TransformsGiveTheTapesBitsInBothPrecisions));
        var generator = new StraightLineFunctions(random);
        int generated = 0;
        for (int n = 0; n < Functions / 3; n++)
        {
            int parameters = random.Next(1, 4);
            var script = new StringBuilder(generator.Function(parameters));
            for (int point = 0; point < 8; point++)
            {
                var (arguments, plain) = (new string[parameters], new string[parameters]);
                var by = new List<int>();
                for (int i = 0; i < parameters; i++)
                {
                    string x = plain[i] = StraightLineFunctions.Literal(generator.Argument());
                    switch (random.Next(4))
                    {
                        case 0: arguments[i] = x; break; // not differentiated by
                        case 1: arguments[i] = $"param({x}, dtype=\"float32\")"; by.Add(i); break;
                        default: arguments[i] = x; by.Add(i); break;
                    }
                }
                if (by.Count == 0) by.Add(0);
                string transform = random.Next(2) == 0 ? "value_and_grad" : "grad";
                string transformed = $"{transform}(f, argnums=[{string.Join(", ", by)}])";
                // A float32 argument is a fresh leaf only outside a recording: inside no_grad.
                script.Append($"no_grad {{ print({transformed}({string.Join(", ", arguments)})) }}\n");
                script.Append($"print({transformed}({string.Join(", ", plain)}))\n");
            }
            string source = script.ToString();
            string expected = Printed(Tiering.InterpreterOnly, source, out _), actual = Printed(Tiering.CompileImmediately, source, out var adjoint);
            Assert.True(expected == actual, $"{source}\n tape:\n{expected}\n generated:\n{actual}\n{TestSeed.Replay(nameof(AdjointDigitsTests))}");
            if (HasKernel(adjoint)) generated++;
        }
        Assert.True(generated > Functions / 6, $"only {generated} of {Functions / 3} functions were generated");
    }

    private static string Printed(Tiering tiering, string source, out Engine engine)
    {
        var output = new StringWriter();
        engine = new Engine(new EngineOptions { Tiering = tiering, Output = output });
        try { engine.Run(source); }
        catch (ScriptException e) { output.WriteLine($"error: {e.Message}"); }
        return output.ToString();
    }

    // The outcome as text: value and gradient bits (NaN as one), or the error.
    private static string Outcome(Func<ValueAndGradient> call)
    {
        try
        {
            var result = call();
            return string.Join(" ", result.Gradient.Prepend(result.Value).Select(Bits));
        }
        catch (ScriptException e) { return $"error: {e.Message} at {e.Span}"; }
    }

    private static string Bits(double x) => double.IsNaN(x) ? "nan" : BitConverter.DoubleToInt64Bits(x).ToString("x16");

    /// <summary>Whether the engine's <c>f</c> has a generated kernel.</summary>
    internal static bool HasKernel(Engine engine) =>
        engine.Interpreter.Globals["f"].Value.Reference is ScriptFunction { Proto.Adjoint: { KernelCount: > 0 } };
}
