namespace GradScript.Tests.Repl;

using System.Xml.Linq;
using GradScript.Cli.Graphs;
using GradScript.Cli.Repl;
using GradScript.Tests.Cli;

/// <summary>Every meta-command (issue 3, item 5).</summary>
public class MetaCommandTests
{
    [Fact]
    public void HelpListsEveryCommand()
    {
        string help = new SessionDriver().Ok(":help");
        foreach (var command in MetaCommands.All) Assert.Contains($"  {command.Name}", help);
        Assert.Contains("Ctrl-C", help);
    }

    [Fact]
    public void HelpOnANameShowsItsSignatureAndDoc()
    {
        var repl = new SessionDriver();
        string sgd = repl.Ok(":help sgd");
        Assert.StartsWith("sgd(params, lr, momentum=0, dampening=0, weight_decay=0, nesterov=false)\n    ", sgd);
        Assert.Contains("torch.optim.SGD", sgd);
        Assert.StartsWith("nn.mlp(nin, nouts)\n", repl.Ok(":help nn.mlp"));
        Assert.Equal(sgd, repl.Ok("help(sgd)"));
        repl.Ok("def f(a, b=2) { return a }");
        Assert.Equal("f(a, b=2)\n    A function defined at <repl-2>:1:1.\n", repl.Ok(":help f"));
        var (output, error) = repl.Feed(":help nosuch");
        Assert.Equal("", output);
        Assert.Contains("no help for 'nosuch'", error);
    }

    [Fact]
    public void VarsListsWhatTheUserDefinedWithTypesAndValues()
    {
        var repl = new SessionDriver();
        Assert.Equal("(no variables yet)\n", repl.Ok(":vars"));
        repl.Ok("x = 2.5", "n = 3", "name = \"w\"", "def f(a) { return a }", "w = param(4.0)", "l = -2 * w", "backward(l)", "e = 0.5");
        Assert.Equal(
            """
            e     float     0.5
            f     function  <function f>
            l     tracked   data -8.0, grad 1.0
            n     int       3
            name  string    "w"
            w     tracked   data 4.0, grad -2.0
            x     float     2.5

            """.Replace("\r\n", "\n"),
            repl.Ok(":vars"));
    }

    [Fact]
    public void VarsCutsLongValuesToOneLine()
    {
        var repl = new SessionDriver();
        repl.Ok("big = []", "for i in 0..100 { append(big, i) }", "mid = []", "for i in 0..40 { append(mid, i) }", "f32 = param(1.5, dtype=\"float32\")");
        string vars = repl.Ok(":vars");
        Assert.Contains("big  list             [...] (100 items)\n", vars);
        Assert.Contains("f32  tracked float32  data 1.5, grad 0.0\n", vars);
        string mid = vars.Split('\n').Single(line => line.StartsWith("mid"));
        Assert.EndsWith("...", mid);
        Assert.Equal("mid  list             ".Length + VariablesTable.MaxValueWidth, mid.Length);
    }

    [Fact]
    public void GraphPrintsTheDotTextOfATrackedValue()
    {
        var repl = new SessionDriver();
        repl.Ok("w = param(3.0)", "l = (2*w - 1)^2", "backward(l)");
        string dot = repl.Ok(":graph l");
        Assert.StartsWith("digraph {\n", dot);
        // Values a global holds are named by it, as micrograd's labels name them.
        Assert.Contains("n0 [shape=record, label=\"{ l | data 25.0 | grad 1.0 }\"];\n  n0_op [label=\"^\"];\n", dot);
        Assert.Contains("[shape=record, label=\"{ w | data 3.0 | grad 20.0 }\"];\n", dot);
        Assert.Equal(dot, repl.Ok("  :graph   l  "));
    }

    [Fact]
    public void GraphOfAnExpressionOrOfSomethingUntrackedSaysWhat()
    {
        var repl = new SessionDriver();
        repl.Ok("w = param(3.0)");
        Assert.Contains("n0 [shape=record, label=\"{ data 6.0 | grad 0.0 }\"];\n  n0_op [label=\"*\"];\n", repl.Ok(":graph w * 2.0"));
        Assert.Equal(":graph: the value is an int, not a tracked value; only values computed from param() have a graph\n", repl.Feed(":graph 3").Error);
        Assert.Equal(":graph needs an expression whose graph to draw, such as ':graph loss'\n", repl.Feed(":graph x = 1").Error);
        Assert.Equal("usage: :graph EXPR [FILE]\n", repl.Feed(":graph").Error);
        Assert.StartsWith("<repl-5>:1:8: runtime error:", repl.Feed(":graph nothing_here").Error);
    }

    [Fact]
    public void GraphWritesDotTextToAFile()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "g.dot");
        var repl = new SessionDriver();
        repl.Ok("w = param(3.0)");
        Assert.Equal($"wrote {path}\n", repl.Ok($":graph w + 1 {path}"));
        Assert.Equal(repl.Ok(":graph w + 1"), File.ReadAllText(path));
        Assert.Contains("{ data 4.0 | grad 0.0 }", File.ReadAllText(path));
    }

    [Fact]
    public void GraphSaysSoWhenGraphvizIsMissing()
    {
        var repl = new SessionDriver(graphviz: new Graphviz("gradscript-no-such-dot-program"));
        repl.Ok("w = param(3.0)");
        var (output, error) = repl.Feed(":graph w * 2 out.svg");
        Assert.Equal("", output);
        Assert.Equal(
            ":graph: cannot draw out.svg: Graphviz's 'gradscript-no-such-dot-program' program is not installed (or not on PATH)\n"
            + $":graph: {Graphviz.InstallAdvice}, or write the DOT text with ':graph w * 2 out.dot'\n",
            error);
        Assert.False(File.Exists("out.svg"));
    }

    [ShellScriptFact, System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void GraphDrawsImagesWithDot()
    {
        using var dir = new TempDirectory();
        // A stand-in for Graphviz: `dot -Tpng` with the DOT text on standard input, the picture on standard output.
        string fakeDot = dir.Write("fake-dot", "#!/bin/sh\necho \"format $1\"; cat\n");
        File.SetUnixFileMode(fakeDot, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        string image = Path.Combine(dir.Path, "graph.png");
        var repl = new SessionDriver(graphviz: new Graphviz(fakeDot));
        repl.Ok("w = param(3.0)");
        Assert.Equal($"wrote {image}\n", repl.Ok($":graph w {image}"));
        Assert.StartsWith("format -Tpng\ndigraph {", File.ReadAllText(image));

        string failing = dir.Write("failing-dot", "#!/bin/sh\necho 'syntax error in line 1' >&2\nexit 1\n");
        File.SetUnixFileMode(failing, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var broken = new SessionDriver(graphviz: new Graphviz(failing));
        broken.Ok("w = param(3.0)");
        Assert.Equal($":graph: cannot draw x.svg: '{failing}' failed (exit 1): syntax error in line 1\n", broken.Feed(":graph w x.svg").Error);
        Assert.False(File.Exists("x.svg"));
    }

    [GraphvizFact]
    public void GraphDrawsAnSvgWithTheRealDot()
    {
        using var dir = new TempDirectory();
        string svg = Path.Combine(dir.Path, "loss.svg");
        var repl = new SessionDriver();
        repl.Ok("w = param(3.0)", "l = (2*w - 1)^2", "backward(l)");
        Assert.Equal($"wrote {svg}\n", repl.Ok($":graph l {svg}"));
        XNamespace ns = "http://www.w3.org/2000/svg";
        string[] texts = [.. XDocument.Load(svg).Descendants(ns + "text").Select(t => t.Value)];
        Assert.Equal(["l", "data 25.0", "grad 1.0", "^", "2.0", "data 5.0", "grad 10.0", "-", "1.0", "data 6.0", "grad 10.0", "*", "2.0", "w", "data 3.0", "grad 20.0"], texts);
    }

    [Fact]
    public void GraphSaysWhenItsFileCannotBeWritten()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "no", "g.dot");
        var repl = new SessionDriver();
        repl.Ok("w = param(3.0)");
        Assert.Equal($":graph: cannot write '{path}': No such file or directory\n", repl.Feed($":graph w {path}").Error);
    }

    [Fact]
    public void LoadRunsAFileIntoTheSession()
    {
        using var dir = new TempDirectory();
        string model = dir.Write("model.grad", "def predict(x) { return 2 * x + 1 }\nprint(\"loaded\")\n42\n");
        var repl = new SessionDriver();
        Assert.Equal("loaded\n", repl.Ok($":load {model}"));
        Assert.Equal("7\n", repl.Ok("predict(3)"));

        string broken = dir.Write("broken.grad", "x = 1\ny = x / 0\n");
        Assert.StartsWith($"{broken}:2:7: runtime error: division by zero\n    y = x / 0\n", repl.Feed($":load \"{broken}\"").Error);
        Assert.Equal("1\n", repl.Ok("x"));

        string bad = dir.Write("bad.grad", "x = (\n");
        Assert.StartsWith($"{bad}:1:5: error: '(' was never closed", repl.Feed($":load {bad}").Error);

        string missing = Path.Combine(dir.Path, "missing.grad");
        Assert.Equal($":load: cannot open '{missing}': No such file or directory\n", repl.Feed($":load {missing}").Error);
        Assert.Equal("usage: :load FILE\n", repl.Feed(":load").Error);
    }

    [Fact]
    public void ResetStartsAfresh()
    {
        var repl = new SessionDriver();
        repl.Ok("x = 1", "pi = 3");
        Assert.Equal("(a fresh session: every variable is forgotten)\n", repl.Ok(":reset"));
        Assert.Equal("(no variables yet)\n", repl.Ok(":vars"));
        Assert.Contains("runtime error:", repl.Feed("x").Error);
        Assert.Equal("3.141592653589793\n", repl.Ok("pi"));
    }

    [Fact]
    public void TimeRunsTheStatementAndPrintsTheWallTime()
    {
        var repl = new SessionDriver();
        string output = repl.Ok(":time s = 0; for i in 0..1000 { s += i }; s");
        Assert.Matches(@"^499500\nWall time: \d+(\.\d+)? (µs|ms|s)\n$", output);
        Assert.StartsWith("<repl-2>:1:9: runtime error: division by zero", repl.Feed(":time 1 / 0").Error);
        Assert.Equal("usage: :time STATEMENT\n", repl.Feed(":time").Error);
    }

    [Theory]
    [InlineData(0.000_850, "850 µs")]
    [InlineData(0.012_345, "12.3 ms")]
    [InlineData(0.001_5, "1.5 ms")]
    [InlineData(4.561, "4.56 s")]
    [InlineData(125.4, "125 s")]
    public void DurationsShowThreeDigits(double seconds, string expected)
    {
        Assert.Equal(expected, MetaCommands.Duration(TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void QuitEndsTheSession()
    {
        var repl = new SessionDriver();
        Assert.False(repl.Session.QuitRequested);
        repl.Ok("  :quit  ");
        Assert.True(repl.Session.QuitRequested);
    }

    [Fact]
    public void AnUnknownCommandOrStrayArgumentsAreReported()
    {
        var repl = new SessionDriver();
        Assert.Equal("unknown command ':foo' (:help lists the commands)\n", repl.Feed(":foo bar").Error);
        Assert.Equal(":vars takes no arguments\n", repl.Feed(":vars x").Error);
        Assert.Equal("unknown command ':' (:help lists the commands)\n", repl.Feed(":").Error);
    }
}
