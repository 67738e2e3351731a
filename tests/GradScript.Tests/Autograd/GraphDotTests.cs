namespace GradScript.Tests.Autograd;

using GradScript.Autograd;
using GradScript.Runtime;

/// <summary>
/// <c>graph(v)</c>'s DOT text beyond the golden case (<c>tests/golden/autograd/graph_dot</c>): names,
/// sharing, and graphs too deep for a recursive walk.
/// </summary>
public class GraphDotTests
{
    [Fact]
    public void NamesAreEscapedForRecordFields()
    {
        var leaf = TrackedValue.Leaf(1.5, false);
        var labels = new Dictionary<TrackedValue, string>() { [leaf] = "a{b}|<c>\"d\\" };
        Assert.Equal(
            "digraph {\n  rankdir=LR;\n  n0 [shape=record, label=\"{ a\\{b\\}\\|\\<c\\>\\\"d\\\\ | data 1.5 | grad 0.0 }\"];\n}\n",
            GraphDot.Render(leaf, labels));
    }

    [Fact]
    public void EachValueIsWrittenOnceHoweverOftenItIsReused()
    {
        var engine = new Engine();
        engine.Run("a = param(1.0)\nb = a + a\nc = b * b\nd = c - b");
        string dot = (string)engine.Evaluate("graph(d)")!;
        Assert.Equal(4, dot.Split('\n').Count(line => line.Contains("[shape=record")));
        Assert.Equal(3, dot.Split('\n').Count(line => line.Contains("_op [label=")));
        // d = c - b: two inputs; c = b * b and b = a + a: two edges each from the one input.
        Assert.Equal(6, dot.Split('\n').Count(line => line.Contains(" -> ") && line.EndsWith("_op;")));
    }

    [Fact]
    public void AChainDeeperThanAnyStackIsWrittenWithoutRecursion()
    {
        var engine = new Engine();
        engine.Run("x = param(0.0)\nfor i in 0..200000 { x = x + 1 }");
        string? dot = null;
        Assert.Null(SmallStack.Run(() => dot = (string)engine.Evaluate("graph(x)")!, 256 * 1024));
        Assert.Equal(200_001, dot!.Split('\n').Count(line => line.Contains("[shape=record")));
        Assert.Contains("n0 [shape=record, label=\"{ data 2e+05 | grad 0.0 }\"];\n", dot);
        Assert.Contains("n200000 [shape=record, label=\"{ data 0.0 | grad 0.0 }\"];\n", dot);
    }
}
