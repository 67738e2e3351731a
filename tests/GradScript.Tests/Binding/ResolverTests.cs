namespace GradScript.Tests.Binding;

using GradScript.Ast;
using GradScript.Binding;
using GradScript.Diagnostics;
using GradScript.Syntax;

public class ResolverTests
{
    private static (ScriptNode Script, Resolution Resolution) Resolve(string text)
    {
        var script = ScriptParser.Parse(new SourceText("t.grad", text));
        return (script, Resolver.Resolve(script));
    }

    // Every Name node in the tree spelling `identifier`, found by walking the records' properties.
    private static IEnumerable<Name> Names(object? node, string identifier) => node switch
    {
        Name name when name.Identifier == identifier => [name],
        Node or FStringPart or KeywordArgument or Parameter => node.GetType().GetProperties()
            .Where(p => p.GetIndexParameters().Length == 0)
            .SelectMany(p => Names(p.GetValue(node), identifier)),
        System.Collections.IEnumerable items and not string => items.Cast<object?>().SelectMany(item => Names(item, identifier)),
        _ => [],
    };

    [Fact]
    public void TopLevelNamesAreGlobalsInOrderOfFirstUse()
    {
        // An assignment's value is resolved before its target, as it is evaluated.
        var (script, resolution) = Resolve("a = 1\nb = a + c");
        Assert.Equal(["a", "c", "b"], resolution.GlobalNames);
        Assert.Equal(new Variable(VariableKind.Global, 1, 0), resolution.Of(Names(script, "c").Single()));
        Assert.All(Names(script, "a"), n => Assert.Equal(new Variable(VariableKind.Global, 0, 0), resolution.Of(n)));
    }

    [Fact]
    public void ParametersTakeTheFirstSlotsThenAssignedLocals()
    {
        var (script, resolution) = Resolve("def f(a, b) { c = a + b; for i in 0..2 { d = i } return c }");
        var scope = resolution.Functions[(FunctionDef)script.Body[0]];
        Assert.Equal(5, scope.SlotCount);
        Assert.True(scope.TryGetLocal("a", out int a) && a == 0);
        Assert.True(scope.TryGetLocal("b", out int b) && b == 1);
        Assert.All(Names(script, "c"), n => Assert.Equal(VariableKind.Local, resolution.Of(n).Kind));
    }

    [Fact]
    public void ANameAssignedAnywhereInAFunctionIsLocalThroughout()
    {
        var (script, resolution) = Resolve("x = 1\ndef f() { print(x); x = 2 }");
        var read = Names(script, "x").Single(n => n.Span.Line == 2 && n.Span.Column == 17);
        Assert.Equal(VariableKind.Local, resolution.Of(read).Kind);
    }

    [Fact]
    public void ClosuresReachEnclosingFunctionsByDepth()
    {
        var (script, resolution) = Resolve("def outer() { n = 0; def mid() { def inner() { return n } return inner } return mid }");
        var read = Names(script, "n").Single(n => resolution.Of(n).Kind != VariableKind.Local);
        Assert.Equal(new Variable(VariableKind.Enclosing, 0, 2), resolution.Of(read));
    }

    [Fact]
    public void GlobalDeclarationsWinEvenAfterAnAssignment()
    {
        var (script, resolution) = Resolve("def f() { g = 1; global g }");
        Assert.All(Names(script, "g"), n => Assert.Equal(VariableKind.Global, resolution.Of(n).Kind));
    }

    [Fact]
    public void CompoundAssignmentCreatesNothingAndUpdatesTheNearestVariable()
    {
        var (script, resolution) = Resolve("total = 0\ndef add(x) { total += x }\ndef make() { n = 0; def inc() { n += 1 } return inc }");
        Assert.Equal(1, resolution.Functions[(FunctionDef)script.Body[1]].SlotCount);
        var total = Names(script, "total").Single(n => n.Span.Line == 2);
        Assert.Equal(VariableKind.Global, resolution.Of(total).Kind);
        var n = Names(script, "n").Single(n => n.Span.Column > 30);
        Assert.Equal(VariableKind.Enclosing, resolution.Of(n).Kind);
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
