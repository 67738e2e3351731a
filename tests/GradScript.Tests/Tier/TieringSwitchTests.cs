namespace GradScript.Tests.Tier;

/// <summary>
/// The switch between the tiers: <see cref="EngineOptions.Tiering"/>, whose default the environment
/// variable <c>GRADSCRIPT_TIER</c> overrides (CI runs the whole suite once with it set to <c>eager</c>).
/// The variable is read through <see cref="TieringVariable.Parse"/> here rather than set in the process,
/// which would change the tier of every other test running beside these.
/// </summary>
public class TieringSwitchTests
{
    [Theory]
    [InlineData(null, Tiering.Adaptive)]
    [InlineData("", Tiering.Adaptive)]
    [InlineData("adaptive", Tiering.Adaptive)]
    [InlineData("interpret", Tiering.InterpreterOnly)]
    [InlineData("eager", Tiering.CompileImmediately)]
    [InlineData(" Eager ", Tiering.CompileImmediately)]
    public void TheVariableNamesATiering(string? value, Tiering expected) =>
        Assert.Equal(expected, TieringVariable.Parse(value));

    [Theory]
    [InlineData("compiled")]
    [InlineData("0")]
    [InlineData("interpreter-only")]
    public void AnyOtherValueIsRefusedWithTheAcceptedOnes(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => TieringVariable.Parse(value));
        Assert.Equal($"GRADSCRIPT_TIER='{value}' is not a tiering; use adaptive, interpret or eager (or leave it unset)", error.Message);
    }

    [Fact]
    public void TheDefaultIsWhatTheEnvironmentAsksFor() =>
        Assert.Equal(TieringVariable.Parse(Environment.GetEnvironmentVariable(TieringVariable.Name)), new EngineOptions().Tiering);

    [Theory]
    [InlineData(Tiering.Adaptive)]
    [InlineData(Tiering.InterpreterOnly)]
    [InlineData(Tiering.CompileImmediately)]
    public void ATieringSetByTheHostWinsAndGivesTheSameResults(Tiering tiering)
    {
        var options = new EngineOptions { Tiering = tiering };
        Assert.Equal(tiering, new Engine(options).Options.Tiering);
        var engine = new Engine(options);
        Assert.Equal(250.0, engine.Evaluate("def f(x) { return x * x }\ns = 0.0\nfor i in range(1000) { s = s + f(0.5) }\ns"));
    }

    [Theory]
    [InlineData(Tiering.InterpreterOnly, 5000, false)]
    [InlineData(Tiering.CompileImmediately, 1, true)]
    [InlineData(Tiering.Adaptive, 10, false)]
    [InlineData(Tiering.Adaptive, 5000, true)]
    public void TheTieringDecidesWhenAFunctionIsCompiled(Tiering tiering, int calls, bool compiled)
    {
        var engine = new Engine(new EngineOptions { Tiering = tiering });
        engine.Run($"def f(x) {{ return x * x }}\nfor i in range({calls}) {{ f(0.5) }}");
        Assert.Equal(compiled, TierRun.IsCompiled(engine, "f"));
    }
}
