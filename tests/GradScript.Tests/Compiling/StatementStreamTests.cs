namespace GradScript.Tests.Compiling;

using GradScript.Ast;
using GradScript.Binding;
using GradScript.Diagnostics;
using GradScript.Runtime;
using GradScript.Syntax;
using Xunit;

/// <summary>
/// <see cref="StatementStream"/>, which resolves and compiles each top-level statement as the parser
/// finishes it, against the stages run one after another over the whole script: the same errors in
/// the same order, the same global slots, as many top-level instructions, for every script of the
/// repository (the golden corpus's failing cases too); and it keeps no statement's tree alive.
/// </summary>
public class StatementStreamTests
{
    // What a compile gives, as text: its errors (message and place, in order) or its global slots
    // and top-level instruction count.
    private static string Outcome(Func<CompiledScript> compile)
    {
        try
        {
            var program = compile().Program;
            return $"globals {string.Join(",", program.GlobalNames)}; {program.Body.Length} instructions";
        }
        catch (ScriptSyntaxException e)
        {
            return string.Join("\n", e.Errors.Select(d => $"{d.Line}:{d.Column} {d.Message}"));
        }
    }

    private static CompiledScript Streamed(SourceText source) => Pipeline.Compile(source, interactive: false);

    // The stages one after another over the whole script, as the pipeline ran them before.
    private static CompiledScript Whole(SourceText source)
    {
        var parsed = ScriptParser.TryParse(source);
        var errors = parsed.Errors.ToList();
        var resolution = parsed.Script is { } script ? Resolver.Resolve(script, errors) : null;
        if (errors.Count > 0) throw new ScriptSyntaxException(errors);
        return new CompiledScript(source, Compiler.Compile(parsed.Script!, resolution!));
    }

    private static void Same(string text)
    {
        var source = new SourceText("t.grad", text);
        Assert.Equal(Outcome(() => Whole(source)), Outcome(() => Streamed(source)));
    }

    [Fact]
    public void GivesWhatTheWholeScriptStagesGiveForEveryScriptOfTheRepository()
    {
        foreach (string file in RepositoryScripts.Files()) Same(File.ReadAllText(file));
    }

    [Theory]
    // Errors of the builder, the lexer and the resolver, on lines in every order.
    [InlineData("return 1\nx = 99999999999999999999\nf() = 2\nbreak")]
    [InlineData("f() = 2\ndef g() { continue }\nreturn")]
    // A resolver error before a statement that would not compile, and one after it.
    [InlineData("y = 1\nreturn y\nz = [q for q in 0..3]")]
    [InlineData("a = 1\nb = a + c\ndef h(p) { global p }")]
    // Python's constants read as names; a syntax error after a statement already resolved.
    [InlineData("x = True\ny = (1 +")]
    [InlineData("def f(a) { return a }\nprint(f(1)\nz = 2")]
    // Scopes within scopes: nested lambdas, a comprehension in a function in a function.
    [InlineData("k = lambda a: lambda b: lambda c: a + b + c + d\nd = 1")]
    [InlineData("def o(n) { def i(m) { return [m * v for v in 0..n] } return i }\nprint(o(2)(3))")]
    public void GivesWhatTheWholeScriptStagesGive(string text) => Same(text);

    /// <summary>
    /// The fast pass reuses the tokens of each statement it has handed over (TokenPool): a token
    /// reused while something still read it would change a later statement's names, values or
    /// places, or the script's own place, which its first token gives. So each statement handed
    /// over must be the one a parse of the whole script builds, and the script must stand where it does.
    /// </summary>
    [Fact]
    public void HandsOverTheStatementsOfTheWholeParsePlaceForPlace()
    {
        var texts = RepositoryScripts.Files().Select(File.ReadAllText).Append(string.Concat(Enumerable.Range(0, 200).Select(i =>
            $"def f{i}(x, y={i}.5) {{\n    if x > y {{ return [x * k for k in 0..{i}] }} else {{ return {{\"k\": y}}[\"k\"] }}\n}}\nz{i} = f{i}({i}, y=-{i})  # line {i}\nprint(f\"{{z{i}}} {{len([1, 2])}}\")\n")))
            // A statement longer than the pool remembers (TokenPool.Capacity), between short ones.
            .Append($"a = 1\nb = [{string.Join(", ", Enumerable.Range(0, 2 * TokenPool.Capacity))}]\nprint(a, b[-1])\n")
            // A bad character, left out: the script's first token is not the scanner's first.
            .Append("$a = 1\nb = 2\nc = 3\n");
        int compared = 0;
        foreach (string text in texts)
        {
            var source = new SourceText("t.grad", text);
            var streamed = new List<Stmt>();
            var parsed = ScriptParser.TryParse(source, topLevel: (statement, _) => streamed.Add(statement));
            if (!parsed.Fast || parsed.Script is null) continue;
            var whole = ScriptParser.TryParse(source).Script!;
            Assert.Null(Properties.AstEquality.Difference(whole.Body, streamed, spans: true));
            Assert.Equal(whole.Span, parsed.Script.Span);
            compared++;
        }
        Assert.True(compared > 100, $"only {compared} scripts parsed cleanly");
    }

    [Fact]
    public void KeepsNoStatementsTreeAlive()
    {
        var stream = new StatementStream(echo: false);
        var statements = new List<WeakReference<Stmt>>();
        var parsed = ScriptParser.TryParse(new SourceText("t.grad", "def f(a) { return [x * a for x in 0..3] }\ng = lambda b: b + 1\nprint(f(2), g(3))\n"),
            topLevel: (statement, problems) =>
            {
                statements.Add(new WeakReference<Stmt>(statement));
                stream.Add(statement, problems);
            });
        Assert.True(parsed.Fast);
        Assert.Empty(parsed.Script!.Body);
        Assert.Equal(3, statements.Count);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.All(statements, statement => Assert.False(statement.TryGetTarget(out _)));
        GC.KeepAlive(stream);
    }
}
