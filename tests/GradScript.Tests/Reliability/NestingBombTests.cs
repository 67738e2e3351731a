namespace GradScript.Tests.Reliability;

using System.Diagnostics;
using System.Text;
using GradScript.Tests.Embedding;
using static GradScript.Tests.Reliability.NestedScripts;

/// <summary>
/// Issue 6, item 1: every nestable construct at depths 1 to 1 000 000, and flat chains of 10³ to 10⁶
/// terms, compiled and run in-process on threads of 256 KB, 1 MB and 16 MB stacks. Each gives its
/// right result or a clean "too deep" error placed inside the source, never a crash, in under 2 s.
/// </summary>
/// <remarks>
/// Which depths work depends on the stack and on the JIT: the parser, resolver and compiler turn a
/// short stack into a syntax error (RuntimeHelpers.TryEnsureSufficientExecutionStack keeps 128 KB in
/// reserve, so a 256 KB thread has about half of it to use), and code the JIT has not optimized yet
/// (tier 0) has frames several times larger. CI runs these tests again with
/// DOTNET_TieredCompilation=0 (<c>.ci/run</c>). Measured on this project's machine (x64, .NET 10,
/// Release build), "ok" the right result, "E" the too-deep error:
/// <code>
///                                256 KB          1 MB            16 MB
///   depth                        tiered  TC=0    tiered  TC=0    tiered  TC=0
///   ( ), f( ), a[ ], [ ]   100   E       ok      ok      ok      ok      ok
///                          1 000 E       E       E       E       E       E     (over 256 brackets)
///   -x, x^x, if, def       100   E       ok      ok      ok      ok      ok
///   not x, else if         100   ok      ok      ok      ok      ok      ok
///   the six above          1 000 E       E       E       ok      ok      ok
///                          10 000 and deeper: E everywhere (GuardedParser.MaxRuleDepth)
/// </code>
/// So: 10 levels of anything work on any thread; 100 on a thread of 1 MB or more (the .NET default;
/// the CLI's has 256 MB); 1 000 levels of statements or unary operators on a large stack or once the
/// JIT has optimized the parser; more than 256 brackets, or 10 000 levels of anything, nowhere. Depths
/// of 10 000 and more stop at the limit after reading only the start of the input: milliseconds.
/// </remarks>
[Collection(TimingCollection.Name)]
[Trait("Category", "Bombs")]
public class NestingBombTests
{
    /// <summary>Issue 6's budget for one case: compiling and running it, in processor time of its thread.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    private static readonly int[] Depths = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000];
    private static readonly int[] ChainLengths = [1_000, 10_000, 100_000, 1_000_000];
    private static readonly int[] StackSizes = [256 * 1024, 1024 * 1024, 16 * 1024 * 1024];

    /// <summary>A script of one construct nested <c>n</c> deep, and the value its global <c>r</c> must end with.</summary>
    private delegate (string Source, object Expected) Bomb(int n);

    private static readonly Dictionary<string, Bomb> Constructs = new()
    {
        // Operands are variables, so that constant folding cannot hide the nesting from the later stages.
        ["parentheses"] = n => ("x = 1\nr = " + Repeat("(", n) + "x" + Repeat(")", n), 1L),
        ["unary minus"] = n => ("x = 1\nr = " + Repeat("-", n) + "x", n % 2 == 0 ? 1L : -1L),
        ["not"] = n => ("x = true\nr = " + Repeat("not ", n) + "x", n % 2 == 0),
        ["calls"] = n => ("def f(v) { return v + 1 }\nr = " + Repeat("f(", n) + "0" + Repeat(")", n), (long)n),
        ["indexing"] = n => ("a = [0]\nr = " + Repeat("a[", n) + "0" + Repeat("]", n), 0L),
        ["list literals"] = n => ("r = " + Repeat("[", n) + Repeat("]", n), new ListShape(n)),
        ["nested if"] = n => ("x = true\n" + Repeat("if x { ", n) + "r = 1" + Repeat(" }", n), 1L),
        ["else if chain"] = ElseIfChain,
        ["nested def"] = NestedDefinitions,
        ["power chain"] = n => ("x = 1\nr = " + string.Join("^", Enumerable.Repeat("x", n + 1)), 1L),
    };

    public static TheoryData<string, int, int> NestingCases()
    {
        var cases = new TheoryData<string, int, int>();
        foreach (var construct in Constructs.Keys)
            foreach (int depth in Depths)
                foreach (int stack in StackSizes) cases.Add(construct, depth, stack);
        return cases;
    }

    [Theory]
    [MemberData(nameof(NestingCases))]
    public void NestedConstructsGiveTheirResultOrACleanTooDeepError(string construct, int depth, int stackBytes)
    {
        var (source, expected) = Constructs[construct](depth);
        var (error, elapsed, engine) = CompileAndRun(source, stackBytes);
        Assert.True(elapsed < Budget, $"{construct} at depth {depth} took {elapsed.TotalMilliseconds:F0} ms");

        if (error is null)
        {
            Assert.False(AlwaysTooDeep(construct, depth), $"{construct} at depth {depth} should pass a nesting limit");
            Assert.Equal(expected, Comparable(engine.GetGlobal("r"), expected));
            return;
        }
        Assert.False(AlwaysWorks(depth, stackBytes), $"{construct} at depth {depth} failed: {error.Message}");
        AssertCleanTooDeep(error, source);
    }

    [Theory]
    [MemberData(nameof(LiteralBraceCases))]
    public void BareBracesAreASyntaxErrorAtTheFirstBrace(int depth, int stackBytes)
    {
        // GradScript has no bare blocks: `{ { } }` is no statement at all.
        var source = Repeat("{ ", depth) + Repeat("} ", depth);
        var (error, elapsed, _) = CompileAndRun(source, stackBytes);
        Assert.True(elapsed < Budget, $"{depth} braces took {elapsed.TotalMilliseconds:F0} ms");
        var syntax = Assert.IsType<ScriptSyntaxException>(error);
        Assert.Equal((1, 1), (syntax.Line, syntax.Column));
        Assert.StartsWith("unexpected '{'", syntax.Message);
    }

    public static TheoryData<int, int> LiteralBraceCases()
    {
        var cases = new TheoryData<int, int>();
        foreach (int depth in Depths)
            foreach (int stack in StackSizes) cases.Add(depth, stack);
        return cases;
    }

    public static TheoryData<string, int, int> ChainCases()
    {
        var cases = new TheoryData<string, int, int>();
        foreach (var chain in new[] { "1+1+…+1", "x*x*…*x", "tracked x*x*…*x" })
            foreach (int length in ChainLengths)
                foreach (int stack in StackSizes) cases.Add(chain, length, stack);
        return cases;
    }

    [Theory]
    [MemberData(nameof(ChainCases))]
    public void FlatChainsOfAMillionTermsRunInALoop(string chain, int length, int stackBytes)
    {
        var elapsed = RunChain(chain, length, stackBytes);
        // A million terms are timed by the test below, in optimized builds only.
        if (length <= 100_000) Assert.True(elapsed < Budget, $"{chain} of {length} terms took {elapsed.TotalMilliseconds:F0} ms");
    }

    // About 1 s each on this project's machine in a Release build (1.5 s with DOTNET_TieredCompilation=0),
    // most of it parsing and the garbage collection of a million-node tree.
    [OptimizedBuildFact]
    public void AFlatChainOfAMillionTermsRunsWithinTheBudget()
    {
        foreach (var chain in new[] { "1+1+…+1", "x*x*…*x", "tracked x*x*…*x" })
        {
            // The budget is the case's own: the JIT's first compilation of the parser is not part of it.
            RunChain(chain, 1_000, 1024 * 1024);
            var elapsed = RunChain(chain, 1_000_000, 1024 * 1024);
            Assert.True(elapsed < Budget, $"{chain} of 10^6 terms took {elapsed.TotalMilliseconds:F0} ms");
        }
    }

    // A flat chain is a million-deep tree to every stage after the parser; none may recurse on it.
    private static TimeSpan RunChain(string chain, int length, int stackBytes)
    {
        var (source, expected) = chain switch
        {
            "1+1+…+1" => ("r = " + string.Join("+", Enumerable.Repeat("1", length)), (object)(long)length),
            "x*x*…*x" => ("x = 1.0\nr = " + string.Join("*", Enumerable.Repeat("x", length)), 1.0),
            // d(x^n)/dx = n at x = 1: the graph is a million nodes deep, and backward is iterative.
            _ => ("x = param(1.0)\ny = " + string.Join("*", Enumerable.Repeat("x", length)) + "\nbackward(y)\nr = grad(x)", (double)length),
        };
        var (error, elapsed, engine) = CompileAndRun(source, stackBytes);
        Assert.Null(error);
        Assert.Equal(expected, engine.GetGlobal("r"));
        return elapsed;
    }

    // ------------------------------------------------------------------ the cases

    private static (string, object) ElseIfChain(int n)
    {
        // if x == 0 { r = 0 } else if x == 1 { r = 1 } … : x picks the last branch.
        var source = new StringBuilder($"x = {n - 1}\n");
        for (int i = 0; i < n; i++) source.Append(i == 0 ? "" : " else ").Append("if x == ").Append(i).Append(" { r = ").Append(i).Append(" }");
        return (source.ToString(), (long)(n - 1));
    }

    private static (string, object) NestedDefinitions(int n)
    {
        // def f0() { def f1() { … def fN() { return N } … return f1() } return f0() }: each function
        // defines the next and returns its call.
        var source = new StringBuilder();
        for (int i = 0; i < n; i++) source.Append("def f").Append(i).Append("() { ");
        source.Append("return ").Append(n).Append(" }");
        for (int i = n - 2; i >= 0; i--) source.Append("; return f").Append(i + 1).Append("() }");
        source.Append("\nr = f0()");
        return (source.ToString(), (long)n);
    }

    // ------------------------------------------------------------------ expectations

    // Ten levels of anything work on any thread, a hundred from 1 MB on (see the table above).
    private static bool AlwaysWorks(int depth, int stackBytes) => depth <= 10 || (depth <= 100 && stackBytes >= 1024 * 1024);

    // Past 256 brackets, or past the parser's rule-depth limit, nothing works whatever the stack.
    private static bool AlwaysTooDeep(string construct, int depth) =>
        construct is "parentheses" or "calls" or "indexing" or "list literals" ? depth > 256 : depth >= 10_000;

    private static void AssertCleanTooDeep(ScriptException error, string source)
    {
        Assert.True(error is ScriptSyntaxException or ScriptLimitException, $"{error.GetType().Name}: {error.Message}");
        Assert.Matches("too deeply nested|too many nested brackets|maximum call depth exceeded", error.Message);
        AssertPlaceInside(error, source);
    }
}
