namespace GradScript.Tests.Cli;

using System.Xml.Linq;
using GradScript.Cli;
using GradScript.Cli.Graphs;

/// <summary><c>gradscript graph FILE --var NAME [-o OUT]</c>: the graph behind a script's variable, as DOT text or a picture.</summary>
public class GraphCommandTests
{
    /// <summary>micrograd's first example, with a line of output of its own.</summary>
    private const string Micrograd = """
        a = param(2.0)
        b = param(-3.0)
        c = param(10.0)
        e = a * b
        d = e + c
        f = param(-2.0)
        L = d * f
        backward(L)
        print("loss", L)

        """;

    private const string MicrogradDot = """
        digraph {
          rankdir=LR;
          n0 [shape=record, label="{ L | data -8.0 | grad 1.0 }"];
          n0_op [label="*"];
          n0_op -> n0;
          n1 [shape=record, label="{ d | data 4.0 | grad -2.0 }"];
          n1_op [label="+"];
          n1_op -> n1;
          n2 [shape=record, label="{ e | data -6.0 | grad -2.0 }"];
          n2_op [label="*"];
          n2_op -> n2;
          n3 [shape=record, label="{ a | data 2.0 | grad 6.0 }"];
          n4 [shape=record, label="{ b | data -3.0 | grad -4.0 }"];
          n5 [shape=record, label="{ c | data 10.0 | grad -2.0 }"];
          n6 [shape=record, label="{ f | data -2.0 | grad 4.0 }"];
          n1 -> n0_op;
          n6 -> n0_op;
          n2 -> n1_op;
          n5 -> n1_op;
          n3 -> n2_op;
          n4 -> n2_op;
        }

        """;

    [Fact]
    public void WritesTheDotTextOfAVariableToStandardOutputAndTheScriptsOutputToStandardError()
    {
        using var dir = new TempDirectory();
        string script = dir.Write("m.grad", Micrograd);
        var outcome = CliRun.Run("graph", script, "--var", "L");
        Assert.Equal((0, MicrogradDot, "loss -8.0\n"), (outcome.ExitCode, outcome.Stdout, outcome.Stderr));
    }

    [Fact]
    public void ValuesHeldByNoGlobalHaveNoNameAValueHeldByTwoHasBothAndPlainOperandsAreNumbers()
    {
        var outcome = CliRun.WithStdin("w = param(3.0)\nv = w\nl = (2 * w - 1) ^ 2\nbackward(l)\n", "graph", "-", "--var", "l");
        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal("""
            digraph {
              rankdir=LR;
              n0 [shape=record, label="{ l | data 25.0 | grad 1.0 }"];
              n0_op [label="^"];
              n0_op -> n0;
              n0_c [shape=plaintext, label="2.0"];
              n1 [shape=record, label="{ data 5.0 | grad 10.0 }"];
              n1_op [label="-"];
              n1_op -> n1;
              n1_c [shape=plaintext, label="1.0"];
              n2 [shape=record, label="{ data 6.0 | grad 10.0 }"];
              n2_op [label="*"];
              n2_op -> n2;
              n2_c [shape=plaintext, label="2.0"];
              n3 [shape=record, label="{ v, w | data 3.0 | grad 20.0 }"];
              n1 -> n0_op;
              n0_c -> n0_op;
              n2 -> n1_op;
              n1_c -> n1_op;
              n2_c -> n2_op;
              n3 -> n2_op;
            }

            """, outcome.Stdout);
    }

    [Fact]
    public void ScriptArgsFollowTheFileAndLimitsApply()
    {
        using var dir = new TempDirectory();
        string script = dir.Write("args.grad", "print(args)\nw = param(len(args))\n");
        var outcome = CliRun.Run("graph", script, "one", "--var", "w", "--max-steps", "100", "--", "--two");
        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal("[\"one\", \"--two\"]\n", outcome.Stderr);
        Assert.Contains("n0 [shape=record, label=\"{ w | data 2.0 | grad 0.0 }\"];\n", outcome.Stdout);

        string endless = dir.Write("endless.grad", "w = param(1.0)\nwhile true { }\n");
        var limited = CliRun.Run("graph", endless, "--var", "w", "--max-steps", "100");
        Assert.Equal(ExitCodes.RuntimeError, limited.ExitCode);
        Assert.StartsWith($"{endless}:2:1: runtime error: step limit exceeded", limited.Stderr);
        Assert.Equal("", limited.Stdout);
    }

    [Theory]
    [InlineData("g.dot", new string[0])]
    [InlineData("g.GV", new string[0])]
    [InlineData("g.txt", new[] { "--format", "dot" })]
    public void WritesDotTextToAFileAndSaysSo(string name, string[] extra)
    {
        using var dir = new TempDirectory();
        string script = dir.Write("m.grad", Micrograd);
        string output = Path.Combine(dir.Path, name);
        var outcome = CliRun.Run(["graph", script, "--var", "L", "-o", output, .. extra]);
        Assert.Equal((0, $"wrote {output}\n", "loss -8.0\n"), (outcome.ExitCode, outcome.Stdout, outcome.Stderr));
        Assert.Equal(MicrogradDot, File.ReadAllText(output));
    }

    [ShellScriptFact, System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void PicturesAreDrawnByTheGraphvizProgramInTheFormatAskedFor()
    {
        using var dir = new TempDirectory();
        string script = dir.Write("m.grad", Micrograd);
        // A stand-in for Graphviz: `dot -Tpng` with the DOT text on standard input, the picture on standard output.
        string fakeDot = dir.WriteExecutable("fake-dot", "#!/bin/sh\necho \"format $1\"; cat\n");

        string png = Path.Combine(dir.Path, "m.png");
        var outcome = CliRun.Run("graph", script, "--var", "L", "--dot", fakeDot, "--output", png);
        Assert.Equal((0, $"wrote {png}\n"), (outcome.ExitCode, outcome.Stdout));
        Assert.Equal("format -Tpng\n" + MicrogradDot, File.ReadAllText(png));

        // --format wins over the extension.
        string misnamed = Path.Combine(dir.Path, "svg.png");
        Assert.Equal(0, CliRun.Run("graph", script, "--var", "L", "--dot", fakeDot, "-o", misnamed, "--format", "SVG").ExitCode);
        Assert.StartsWith("format -Tsvg\ndigraph {", File.ReadAllText(misnamed));
    }

    [Fact]
    public void AnUnknownVariableIsExit70AndTheMessageListsTheTrackedOnes()
    {
        using var dir = new TempDirectory();
        string script = dir.Write("m.grad", Micrograd + "def g() { local = param(1.0) }\ng()\nn = 3\n");
        foreach (string name in new[] { "loss", "local", "" })
        {
            var outcome = CliRun.Run("graph", script, "--var", name);
            Assert.Equal(ExitCodes.RuntimeError, outcome.ExitCode);
            Assert.Equal("", outcome.Stdout);
            Assert.Equal($"loss -8.0\ngradscript: {script} has no global variable '{name}' (globals that hold tracked values: L, a, b, c, d, e, f)\n", outcome.Stderr);
        }

        var none = CliRun.WithStdin("x = 1\n", "graph", "-", "--var", "w");
        Assert.Equal((ExitCodes.RuntimeError, "gradscript: <stdin> has no global variable 'w' (none of its globals holds a tracked value)\n"), (none.ExitCode, none.Stderr));

        var many = CliRun.WithStdin(string.Concat(Enumerable.Range(0, 12).Select(i => $"w{i:00} = param({i})\n")), "graph", "-", "--var", "w");
        Assert.Equal(ExitCodes.RuntimeError, many.ExitCode);
        Assert.EndsWith("(globals that hold tracked values: w00, w01, w02, w03, w04, w05, w06, w07, w08, w09, ... (12 in all))\n", many.Stderr);
    }

    [Theory]
    [InlineData("n = 3", "'n' is an int")]
    [InlineData("n = 3.5", "'n' is a float")]
    [InlineData("n = [param(1.0)]", "'n' is a list")]
    [InlineData("n = none", "'n' is none")]
    [InlineData("def n() { return param(1.0) }", "'n' is a function")]
    [InlineData("w = param(1.0)\nno_grad { n = w * 2 }", "'n' is a float")]
    public void AnUntrackedValueIsExit70AndSaysWhatItIs(string code, string what)
    {
        var outcome = CliRun.WithStdin(code, "graph", "-", "--var", "n");
        Assert.Equal(ExitCodes.RuntimeError, outcome.ExitCode);
        Assert.Equal("", outcome.Stdout);
        Assert.Equal($"gradscript: {what}, not a tracked value; only values computed from param() have a graph\n", outcome.Stderr);
    }

    [Fact]
    public void ScriptErrorsEndTheCommandWithTheirOwnStatusAndNothingIsWritten()
    {
        using var dir = new TempDirectory();
        string output = Path.Combine(dir.Path, "out.dot");

        string syntax = dir.Write("syntax.grad", "w = param(1.0)\nl = (w *\n");
        var outcome = CliRun.Run("graph", syntax, "--var", "w", "-o", output);
        Assert.Equal(ExitCodes.SyntaxError, outcome.ExitCode);
        Assert.StartsWith($"{syntax}:3:1: error: ", outcome.Stderr);

        string runtime = dir.Write("runtime.grad", "w = param(1.0)\nprint(\"before\")\nl = w / 0 + undefined_name\n");
        outcome = CliRun.Run("graph", runtime, "--var", "w", "-o", output);
        Assert.Equal(ExitCodes.RuntimeError, outcome.ExitCode);
        Assert.StartsWith($"before\n{runtime}:3:13: runtime error: ", outcome.Stderr);

        string latin1 = dir.WriteBytes("latin1.grad", [(byte)'w', (byte)' ', (byte)'=', (byte)' ', 0xE9, (byte)'\n']);
        outcome = CliRun.Run("graph", latin1, "--var", "w", "-o", output);
        Assert.Equal(ExitCodes.SyntaxError, outcome.ExitCode);
        Assert.StartsWith($"{latin1}:1:5: error: file is not valid UTF-8", outcome.Stderr);

        outcome = CliRun.Run("graph", Path.Combine(dir.Path, "missing.grad"), "--var", "w", "-o", output);
        Assert.Equal(ExitCodes.NoInput, outcome.ExitCode);
        Assert.Equal($"gradscript: cannot open '{Path.Combine(dir.Path, "missing.grad")}': No such file or directory\n", outcome.Stderr);

        Assert.False(File.Exists(output));
    }

    [Fact]
    public void AMissingGraphvizIsExit69AndSaysHowToInstallIt()
    {
        using var dir = new TempDirectory();
        string script = dir.Write("m.grad", Micrograd);
        string svg = Path.Combine(dir.Path, "m.svg");
        var outcome = CliRun.Run("graph", script, "--var", "L", "-o", svg, "--dot", "gradscript-no-such-dot-program");
        Assert.Equal(ExitCodes.Unavailable, outcome.ExitCode);
        Assert.Equal("", outcome.Stdout);
        Assert.Equal(
            "loss -8.0\n"
            + $"gradscript: cannot draw {svg}: Graphviz's 'gradscript-no-such-dot-program' program is not installed (or not on PATH)\n"
            + "gradscript: install Graphviz ('sudo apt-get install graphviz' on Debian and Ubuntu, 'brew install graphviz' on macOS, "
            + $"or see https://graphviz.org/download/), or write the DOT text with -o {Path.Combine(dir.Path, "m.dot")}\n",
            outcome.Stderr);
        Assert.False(File.Exists(svg));

        // DOT text needs no Graphviz.
        Assert.Equal(0, CliRun.Run("graph", script, "--var", "L", "--dot", "gradscript-no-such-dot-program").ExitCode);
    }

    [ShellScriptFact, System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void AFailingGraphvizIsExit70WithWhatItSaid()
    {
        using var dir = new TempDirectory();
        string script = dir.Write("m.grad", Micrograd);
        string failing = dir.WriteExecutable("failing-dot", "#!/bin/sh\ncat > /dev/null\necho 'Error: <stdin>: syntax error in line 1' >&2\nexit 1\n");
        string svg = Path.Combine(dir.Path, "m.svg");
        var outcome = CliRun.Run("graph", script, "--var", "L", "-o", svg, "--dot", failing);
        Assert.Equal(ExitCodes.RuntimeError, outcome.ExitCode);
        Assert.Equal($"loss -8.0\ngradscript: cannot draw {svg}: '{failing}' failed (exit 1): Error: <stdin>: syntax error in line 1\n", outcome.Stderr);
        Assert.False(File.Exists(svg));
    }

    [Fact]
    public void AnOutputThatCannotBeWrittenIsExit73()
    {
        using var dir = new TempDirectory();
        string script = dir.Write("m.grad", Micrograd);
        string inMissingDirectory = Path.Combine(dir.Path, "no", "such", "m.dot");
        var outcome = CliRun.Run("graph", script, "--var", "L", "-o", inMissingDirectory);
        Assert.Equal(ExitCodes.CannotCreate, outcome.ExitCode);
        Assert.Equal($"loss -8.0\ngradscript: cannot write '{inMissingDirectory}': No such file or directory\n", outcome.Stderr);

        outcome = CliRun.Run("graph", script, "--var", "L", "-o", dir.Path, "--format", "dot");
        Assert.Equal(ExitCodes.CannotCreate, outcome.ExitCode);
        Assert.Equal($"loss -8.0\ngradscript: cannot write '{dir.Path}': Is a directory\n", outcome.Stderr);
        Assert.Equal("", outcome.Stdout);
    }

    [Theory]
    [InlineData("gradscript: graph: missing --var NAME, the variable whose graph to draw", "graph", "m.grad")]
    [InlineData("gradscript: graph: missing FILE, the script to run", "graph", "--var", "L")]
    [InlineData("gradscript: graph: missing FILE, the script to run", "graph")]
    [InlineData("gradscript: graph: cannot tell a format from the name 'm.pdf'; end it in .svg, .png or .dot, or give --format", "graph", "m.grad", "--var", "L", "-o", "m.pdf")]
    [InlineData("gradscript: graph: cannot tell a format from the name 'picture'; end it in .svg, .png or .dot, or give --format", "graph", "m.grad", "--var", "L", "-o", "picture")]
    [InlineData("gradscript: invalid value 'pdf' for --format: expected svg, png or dot", "graph", "m.grad", "--var", "L", "-o", "m.pdf", "--format", "pdf")]
    [InlineData("gradscript: graph: --format png draws a picture into a file; give -o OUT", "graph", "m.grad", "--var", "L", "--format", "png")]
    [InlineData("gradscript: unknown option '--variable'", "graph", "m.grad", "--variable", "L")]
    [InlineData(null, "graph", "m.grad", "--var")]
    [InlineData(null, "graph", "m.grad", "--var", "L", "-o")]
    [InlineData(null, "graph", "m.grad", "--var", "L", "--timeout", "0")]
    public void BadCommandLinesAreExit64BeforeAnythingRuns(string? message, params string[] args)
    {
        // m.grad does not exist: a usage error is found before the script is looked for.
        var outcome = CliRun.Run(args);
        Assert.Equal(ExitCodes.Usage, outcome.ExitCode);
        Assert.Equal("", outcome.Stdout);
        Assert.Equal(2, outcome.StderrLines.Length);
        if (message is not null) Assert.Equal(message, outcome.StderrLines[0]);
        else Assert.StartsWith("gradscript: ", outcome.StderrLines[0]);
        Assert.Equal("Try 'gradscript graph --help'.", outcome.StderrLines[1]);
    }

    [Fact]
    public void HelpDescribesTheCommandAndTheRootHelpMentionsIt()
    {
        var outcome = CliRun.Run("graph", "--help");
        Assert.Equal(0, outcome.ExitCode);
        foreach (string expected in new[] { "gradscript graph FILE --var NAME [-o OUT]", "--var NAME", "-o, --output OUT", "--format FORMAT", "--dot PROGRAM", "--timeout SECONDS", "69", "73" })
            Assert.Contains(expected, outcome.Stdout);
        Assert.Contains("gradscript graph FILE --var NAME", CliRun.Run("--help").Stdout);
    }

    [GraphvizFact]
    public void TheRealDotDrawsAnSvgWithEveryValueAndOperation()
    {
        using var dir = new TempDirectory();
        string script = dir.Write("m.grad", Micrograd);
        string svg = Path.Combine(dir.Path, "m.svg");
        var outcome = CliRun.Run("graph", script, "--var", "L", "-o", svg);
        Assert.Equal((0, $"wrote {svg}\n", "loss -8.0\n"), (outcome.ExitCode, outcome.Stdout, outcome.Stderr));

        var picture = XDocument.Load(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", picture.Root!.Name);
        var groups = picture.Descendants(ns + "g").Select(g => (string?)g.Attribute("class")).ToList();
        Assert.Equal(7 + 3, groups.Count(c => c == "node"));   // seven values, three operations
        Assert.Equal(6 + 3, groups.Count(c => c == "edge"));   // six inputs, three results
        // Each record's fields, then each operation's oval, in the order the DOT text gives them.
        string[] texts = [.. picture.Descendants(ns + "text").Select(t => t.Value)];
        Assert.Equal(
            [
                "L", "data -8.0", "grad 1.0", "*",
                "d", "data 4.0", "grad -2.0", "+",
                "e", "data -6.0", "grad -2.0", "*",
                "a", "data 2.0", "grad 6.0",
                "b", "data -3.0", "grad -4.0",
                "c", "data 10.0", "grad -2.0",
                "f", "data -2.0", "grad 4.0",
            ],
            texts);
    }

    [GraphvizFact]
    public void TheRealDotDrawsAPngLeftToRight()
    {
        using var dir = new TempDirectory();
        string script = dir.Write("m.grad", Micrograd);
        string png = Path.Combine(dir.Path, "m.png");
        Assert.Equal(0, CliRun.Run("graph", script, "--var", "L", "-o", png).ExitCode);
        byte[] bytes = File.ReadAllBytes(png);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], bytes[..8]);
        // IHDR: width and height, big-endian, at bytes 16 and 20. A left-to-right chain is wide.
        int width = (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19];
        int height = (bytes[20] << 24) | (bytes[21] << 16) | (bytes[22] << 8) | bytes[23];
        Assert.True(width > 3 * height, $"{width}x{height}");
    }
}
