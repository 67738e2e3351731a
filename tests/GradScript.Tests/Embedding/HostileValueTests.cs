namespace GradScript.Tests.Embedding;

/// <summary>Values a script can build that once took a host down when they crossed to C#.</summary>
public class HostileValueTests
{
    [Fact]
    public void AListThatContainsItselfReachesTheHostAsAListThatContainsItself()
    {
        var engine = new Engine(new EngineOptions { Output = TextWriter.Null });
        var list = (IReadOnlyList<object?>)engine.Evaluate("a = [1]\nappend(a, a)\na")!;
        Assert.Equal(1L, list[0]);
        Assert.Same(list, list[1]);
        var global = (IReadOnlyList<object?>)engine.GetGlobal("a")!;
        Assert.Same(global, global[1]);
    }

    [Fact]
    public void AMillionDeepListReachesTheHostOnASmallStack()
    {
        object? result = null;
        var error = SmallStack.Run(() =>
        {
            var engine = new Engine(new EngineOptions { Output = TextWriter.Null });
            result = engine.Evaluate("x = []\nfor i in 0..1000000 { x = [x] }\nx");
        }, 1024 * 1024);
        Assert.Null(error);
        int depth = 0;
        for (var list = (IReadOnlyList<object?>)result!; list.Count == 1; list = (IReadOnlyList<object?>)list[0]!) depth++;
        Assert.Equal(1_000_000, depth);
    }

    [Fact]
    public void AListSharedSixtyLevelsDeepCrossesOnceNotTwoToTheSixtyTimes()
    {
        var engine = new Engine(new EngineOptions { Output = TextWriter.Null });
        var list = (IReadOnlyList<object?>)engine.Evaluate("xs = [1]\nfor i in 0..60 { xs = [xs, xs] }\nxs")!;
        Assert.Same(list[0], list[1]);
    }

    [Fact]
    public void AHostFunctionTakingObjectsReceivesCyclicAndSharedListsSafely()
    {
        var engine = new Engine(new EngineOptions { Output = TextWriter.Null });
        engine.SetFunction("count", (Func<object?, double>)(v => v is IReadOnlyList<object?> l ? l.Count : -1));
        Assert.Equal(2.0, engine.Evaluate("a = [1]\nappend(a, a)\ncount(a)"));
    }
}
