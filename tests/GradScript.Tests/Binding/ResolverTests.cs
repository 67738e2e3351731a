namespace GradScript.Tests.Binding;

using GradScript.Ast;
using GradScript.Binding;
using GradScript.Diagnostics;
using GradScript.Syntax;

public class ResolverTests
{
    // Every occurrence of `identifier` as a name, with where it lives. The walk goes through the
    // records' properties, keeping the function each name stands in: a parameter's default stands
    // outside its function, the body inside.
    private static List<(Name Name, Variable Variable)> Resolve(string text, string identifier)
    {
        var script = ScriptParser.Parse(new SourceText("t.grad", text));
        var resolution = ResolveOrThrow(script);
        var found = new List<(Name, Variable)>();
        Walk(script, null);
        return found;

        void Walk(object? node, FunctionScope? scope)
        {
            switch (node)
            {
                case Name name when name.Identifier == identifier:
                    found.Add((name, resolution.Of(scope, identifier)));
                    break;
                case FunctionDef def:
                    Walk(def.Parameters, scope);
                    Walk(def.Body, resolution.Functions[def]);
                    break;
                case Node or FStringPart or KeywordArgument or Parameter:
                    foreach (var property in node.GetType().GetProperties().Where(p => p.GetIndexParameters().Length == 0))
                        Walk(property.GetValue(node), scope);
                    break;
                case System.Collections.IEnumerable items and not string:
                    foreach (var item in items) Walk(item, scope);
                    break;
            }
        }
    }

    private static (ScriptNode Script, Resolution Resolution) Resolve(string text)
    {
        var script = ScriptParser.Parse(new SourceText("t.grad", text));
        return (script, ResolveOrThrow(script));
    }

    // Resolves, throwing as the engine's pipeline does when the resolver found errors.
    private static Resolution ResolveOrThrow(ScriptNode script)
    {
        var errors = new List<ScriptDiagnostic>();
        var resolution = Resolver.Resolve(script, errors);
        if (errors.Count > 0) throw new ScriptSyntaxException(errors);
        return resolution;
    }

    [Fact]
    public void TopLevelNamesAreGlobalsInOrderOfFirstUse()
    {
        // An assignment's value is resolved before its target, as it is evaluated.
        var (_, resolution) = Resolve("a = 1\nb = a + c");
        Assert.Equal(["a", "c", "b"], resolution.GlobalNames);
        Assert.Equal(new Variable(VariableKind.Global, 1, 0), Resolve("a = 1\nb = a + c", "c").Single().Variable);
        Assert.All(Resolve("a = 1\nb = a + c", "a"), n => Assert.Equal(new Variable(VariableKind.Global, 0, 0), n.Variable));
    }

    [Fact]
    public void ParametersTakeTheFirstSlotsThenAssignedLocals()
    {
        const string text = "def f(a, b) { c = a + b; for i in 0..2 { d = i } return c }";
        var (script, resolution) = Resolve(text);
        var scope = resolution.Functions[(FunctionDef)script.Body[0]];
        Assert.Equal(5, scope.SlotCount);
        Assert.True(scope.TryGetLocal("a", out int a) && a == 0);
        Assert.True(scope.TryGetLocal("b", out int b) && b == 1);
        var c = Resolve(text, "c");
        Assert.Equal(2, c.Count);
        Assert.All(c, n => Assert.Equal(new Variable(VariableKind.Local, 2, 0), n.Variable));
    }

    [Fact]
    public void ANameAssignedAnywhereInAFunctionIsLocalThroughout()
    {
        var x = Resolve("x = 1\ndef f() { print(x); x = 2 }", "x");
        Assert.Equal(VariableKind.Global, x.Single(n => n.Name.Span.Line == 1).Variable.Kind);
        Assert.All(x.Where(n => n.Name.Span.Line == 2), n => Assert.Equal(VariableKind.Local, n.Variable.Kind));
    }

    [Fact]
    public void ClosuresReachEnclosingFunctionsByDepth()
    {
        var n = Resolve("def outer() { n = 0; def mid() { def inner() { return n } return inner } return mid }", "n");
        Assert.Equal([new Variable(VariableKind.Local, 0, 0), new Variable(VariableKind.Enclosing, 0, 2)], n.Select(x => x.Variable));
    }

    [Fact]
    public void ADefaultIsResolvedWhereItsFunctionIsDefined()
    {
        var k = Resolve("def outer(k) { def inner(j=k) { k = 2; return j } return inner }", "k");
        Assert.Equal([new Variable(VariableKind.Local, 0, 0), new Variable(VariableKind.Local, 1, 0)], k.Select(x => x.Variable));
    }

    [Fact]
    public void GlobalDeclarationsWinEvenAfterAnAssignment()
    {
        var g = Resolve("def f() { g = 1; global g }", "g");
        Assert.Single(g);
        Assert.All(g, n => Assert.Equal(VariableKind.Global, n.Variable.Kind));
    }

    [Fact]
    public void CompoundAssignmentCreatesNothingAndUpdatesTheNearestVariable()
    {
        const string text = "total = 0\ndef add(x) { total += x }\ndef make() { n = 0; def inc() { n += 1 } return inc }";
        var (script, resolution) = Resolve(text);
        Assert.Equal(1, resolution.Functions[(FunctionDef)script.Body[1]].SlotCount);
        Assert.Equal(VariableKind.Global, Resolve(text, "total").Single(n => n.Name.Span.Line == 2).Variable.Kind);
        Assert.Equal(VariableKind.Enclosing, Resolve(text, "n").Single(n => n.Name.Span.Column > 30).Variable.Kind);
    }

    [Theory]
    [InlineData("return 1", "'return' outside a function", 1, 1)]
    [InlineData("break", "'break' outside a loop", 1, 1)]
    [InlineData("while 1 { def f() { continue } }", "'continue' outside a loop", 1, 21)]
    [InlineData("def f(a) { global a }", "'a' is a parameter", 1, 12)]
    public void MisplacedStatementsAreSyntaxErrors(string text, string message, int line, int column)
    {
        var error = Assert.Throws<ScriptSyntaxException>(() => Resolve(text)).Errors.Single();
        Assert.Contains(message, error.Message);
        Assert.Equal((line, column), (error.Line, error.Column));
    }
}
