namespace GradScript.Tests.Embedding;

using Xunit;

/// <summary>
/// <see cref="Engine.CallWithGradient(string, ReadOnlySpan{double}, Span{double})"/>: the overload a
/// host calls in a loop. Same value and gradient as the array overload, bit for bit, on the generated
/// adjoint and on the tape; no allocation once the adjoint is generated; and every malformed call
/// refused with the exception its documentation names, the gradient left as it was.
/// </summary>
public class SpanCallTests
{
    private const string Straight = """
        def f(x, y) {
            a = x * y
            b = a + x
            return tanh(b * b - y) * x + y * y
        }
        """;

    // A branch: no generated adjoint, always the tape.
    private const string Branching = "def g(x, y) { if x > 0 { return x * y } return x - y }";

    private static Engine New(Tiering tiering, string source = Straight + Branching, EngineOptions? options = null)
    {
        var engine = new Engine(options ?? new EngineOptions { Tiering = tiering, Output = TextWriter.Null });
        engine.Run(source);
        return engine;
    }

    [Theory]
    [InlineData(Tiering.CompileImmediately, "f")]
    [InlineData(Tiering.InterpreterOnly, "f")]
    [InlineData(Tiering.CompileImmediately, "g")]
    public void GivesTheArrayOverloadsBits(Tiering tiering, string function)
    {
        var engine = New(tiering);
        Span<double> gradient = stackalloc double[2];
        foreach (var (x, y) in new[] { (0.75, -1.25), (-0.0, 2.0), (3.0, double.NaN), (1e-300, -7.5) })
        {
            var expected = engine.CallWithGradient(function, x, y);
            double value = engine.CallWithGradient(function, [x, y], gradient);
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Value), BitConverter.DoubleToInt64Bits(value));
            Assert.Equal(expected.Gradient.Select(BitConverter.DoubleToInt64Bits), gradient.ToArray().Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(1, engine.Steps);
        }
    }

    [Fact]
    public void TheArgumentsAndTheGradientMayBeTheSameMemory()
    {
        var engine = New(Tiering.CompileImmediately);
        var expected = engine.CallWithGradient("f", 0.75, -1.25);
        foreach (string function in new[] { "f", "g" })
        {
            double[] both = [0.75, -1.25];
            var separate = engine.CallWithGradient(function, 0.75, -1.25);
            Assert.Equal(separate.Value, engine.CallWithGradient(function, both, both));
            Assert.Equal(separate.Gradient, both);
        }
        Assert.Equal(2, expected.Gradient.Count);
    }

    [Fact]
    public void ASteadyCallAllocatesNothingEvenWithATimeoutAndACancellableToken()
    {
        using var cancellation = new CancellationTokenSource();
        var engine = New(Tiering.Adaptive, Straight, new EngineOptions
        {
            Tiering = Tiering.Adaptive,
            Output = TextWriter.Null,
            Timeout = TimeSpan.FromMinutes(5),
            CancellationToken = cancellation.Token,
            MaxSteps = 1_000_000,
            MaxGraphNodes = 1_000_000,
        });
        double[] arguments = [0.75, -1.25], gradient = new double[2];
        // Past the threshold at which the adjoint is generated, and long enough for the JIT to settle.
        for (int i = 0; i < 3000; i++) engine.CallWithGradient("f", arguments, gradient);
        // A call that allocates shows in every round of a thousand; the runtime's own one-off work
        // on this thread (a loaded stress run once saw 7 kB in one round) shows in one at most.
        var rounds = new List<long>();
        for (int round = 0; round < 5 && (rounds.Count == 0 || rounds[^1] != 0); round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++) engine.CallWithGradient("f", arguments, gradient);
            rounds.Add(GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.True(rounds[^1] == 0, $"bytes allocated by each round of 1,000 calls: {string.Join(", ", rounds)}");
        Assert.Equal(engine.CallWithGradient("f", 0.75, -1.25).Gradient, gradient);
    }

    [Fact]
    public void AFunctionNameThatIsNullIsRefused()
    {
        var engine = New(Tiering.CompileImmediately);
        Assert.Throws<ArgumentNullException>("function", () => engine.CallWithGradient(null!, [1.0], new double[1]));
        Assert.Throws<ArgumentNullException>("function", () => engine.CallWithGradient(null!, 1.0));
        Assert.Throws<ArgumentNullException>("arguments", () => engine.CallWithGradient("f", (double[])null!));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(0)]
    public void AGradientSpanOfAnotherLengthIsRefusedAndLeftAsItWas(int length)
    {
        var engine = New(Tiering.CompileImmediately);
        var gradient = Enumerable.Repeat(42.0, length).ToArray();
        var error = Assert.Throws<ArgumentException>("gradient", () => engine.CallWithGradient("f", [0.75, -1.25], gradient));
        Assert.StartsWith($"The gradient span has {length} elements for 2 arguments; it needs one per argument.", error.Message);
        Assert.All(gradient, g => Assert.Equal(42.0, g));
        Assert.Equal(0, engine.Steps);
    }

    [Fact]
    public void AnUndefinedNameOrAValueThatIsNotAFunctionIsRefused()
    {
        var engine = New(Tiering.CompileImmediately, Straight + "\nname = \"f\"\ndel_me = 1\ndel del_me");
        double[] gradient = [42.0];
        Assert.Throws<KeyNotFoundException>(() => engine.CallWithGradient("nope", [1.0], gradient));
        Assert.Throws<KeyNotFoundException>(() => engine.CallWithGradient("del_me", [1.0], gradient));
        Assert.Equal("'name' is a string, not a function",
            Assert.Throws<ScriptRuntimeException>(() => engine.CallWithGradient("name", [1.0], gradient)).Message);
        Assert.Equal(42.0, gradient[0]);
    }

    [Theory]
    [InlineData(1, "f() missing 1 required positional argument: 'y'")]
    [InlineData(3, "f() takes 2 positional arguments but 3 were given")]
    public void TheWrongNumberOfArgumentsIsTheFunctionsOwnError(int count, string message)
    {
        foreach (var tiering in new[] { Tiering.CompileImmediately, Tiering.InterpreterOnly })
        {
            var engine = New(tiering);
            var gradient = new double[count];
            var error = Assert.Throws<ScriptRuntimeException>(() => engine.CallWithGradient("f", new double[count], gradient));
            Assert.Equal(message, error.Message);
            Assert.All(gradient, g => Assert.Equal(0.0, g));
        }
    }

    [Fact]
    public void AResultThatIsNotANumberIsRefused()
    {
        var engine = New(Tiering.CompileImmediately, "def s(x) { return \"text\" }\ndef l(x) { return [x] }");
        Assert.Equal("s() returned a string, not a number",
            Assert.Throws<ScriptRuntimeException>(() => engine.CallWithGradient("s", [1.0], new double[1])).Message);
        Assert.Equal("l() returned a list, not a number",
            Assert.Throws<ScriptRuntimeException>(() => engine.CallWithGradient("l", [1.0], new double[1])).Message);
    }

    [Fact]
    public void AFunctionWithMoreParametersThanAnAdjointTakesRunsOnTheTape()
    {
        var names = Enumerable.Range(0, 40).Select(i => $"x{i}").ToArray();
        var engine = New(Tiering.CompileImmediately, $"def big({string.Join(", ", names)}) {{ return {string.Join(" + ", names.Select((n, i) => $"{i} * {n}"))} }}");
        var gradient = new double[40];
        Assert.Equal(Enumerable.Range(0, 40).Sum(i => (double)i), engine.CallWithGradient("big", Enumerable.Repeat(1.0, 40).ToArray(), gradient));
        Assert.Equal(Enumerable.Range(0, 40).Select(i => (double)i), gradient);
    }

    [Fact]
    public void LimitsAndCancellationStopTheCall()
    {
        var steps = New(Tiering.CompileImmediately, Straight, new EngineOptions { Tiering = Tiering.CompileImmediately, Output = TextWriter.Null, MaxSteps = 0 });
        Assert.Contains("step limit exceeded", Assert.Throws<ScriptLimitException>(() => steps.CallWithGradient("f", [1.0, 2.0], new double[2])).Message);
        var nodes = New(Tiering.CompileImmediately, Straight, new EngineOptions { Tiering = Tiering.CompileImmediately, Output = TextWriter.Null, MaxGraphNodes = 3 });
        Assert.Contains("graph", Assert.Throws<ScriptLimitException>(() => nodes.CallWithGradient("f", [1.0, 2.0], new double[2])).Message);
        using var cancellation = new CancellationTokenSource();
        var cancelled = New(Tiering.CompileImmediately, Straight, new EngineOptions
        {
            Tiering = Tiering.CompileImmediately, Output = TextWriter.Null, CancellationToken = cancellation.Token,
        });
        var gradient = new double[2];
        cancelled.CallWithGradient("f", [1.0, 2.0], gradient);
        cancellation.Cancel();
        gradient = [42.0, 42.0];
        Assert.ThrowsAny<OperationCanceledException>(() => cancelled.CallWithGradient("f", [1.0, 2.0], gradient));
        Assert.Equal([42.0, 42.0], gradient);
    }

    [Fact]
    public void ACallFromInsideABusyEngineIsRefused()
    {
        var engine = New(Tiering.CompileImmediately);
        engine.SetFunction("reenter", x => engine.CallWithGradient("f", [x, x], new double[2]));
        var error = Assert.Throws<ScriptRuntimeException>(() => engine.Run("reenter(1.0)"));
        Assert.IsType<InvalidOperationException>(error.InnerException);
        // The engine is usable again, and the call from the host reaches the generated adjoint.
        Assert.Equal(engine.CallWithGradient("f", 1.0, 1.0).Value, engine.CallWithGradient("f", [1.0, 1.0], new double[2]));
    }
}
