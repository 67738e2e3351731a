namespace GradScript.Tests.Properties;

using System.Reflection;
using System.Text.RegularExpressions;
using GradScript.Ast;
using GradScript.Diagnostics;
using GradScript.Runtime;
using GradScript.Syntax;
using Xunit.Abstractions;

/// <summary>
/// What the properties rest on: the generator's programs are well formed, they reach every
/// construct of the language and every builtin, and most of them run to their end (a property
/// over programs that all fail at their first line would test little). A fixed sample, so that
/// these figures do not move from run to run.
/// </summary>
public class GeneratorCoverage(ITestOutputHelper output)
{
    private static readonly IReadOnlyList<GeneratedProgram> Sample = MakeSample(0x9E3779B97F4A7C15);

    private static IReadOnlyList<GeneratedProgram> MakeSample(ulong multiplier) =>
        Enumerable.Range(0, 400).Select(i => new ProgramGenerator(multiplier * (ulong)(i + 1), i % 101).Generate()).ToList();

    /// <summary>Every AST record of every program of the sample, parsed once for the tests that look at them.</summary>
    private static readonly Lazy<List<object>> Nodes = new(() => Sample.SelectMany(p => Walk(Parse(p.Text))).ToList());

    [Fact]
    public void EveryProgramParsesAndResolves()
    {
        foreach (var program in Sample)
        {
            var error = Record.Exception(() => new Engine().Compile(program.Text, LimitedRun.Name));
            Assert.True(error is null, $"{error?.Message}\n{program.Text}");
        }
    }

    [Fact]
    public void MostProgramsRunToTheirEnd()
    {
        var outcomes = Sample.Select(p => LimitedRun.Run(p.Text)).ToList();
        int clean = outcomes.Count(e => e is null);
        int limited = outcomes.Count(e => e is ScriptLimitException);
        output.WriteLine($"{clean} of {Sample.Count} ran to the end, {limited} stopped by a limit");
        Assert.True(clean >= Sample.Count * 85 / 100, $"only {clean} of {Sample.Count} programs ran to their end");
        Assert.True(limited <= Sample.Count / 50, $"{limited} of {Sample.Count} programs ran into a limit");
    }

    [Fact]
    public void EveryKindOfNodeAndOperatorAppears()
    {
        var nodes = Nodes.Value;
        var astTypes = typeof(Node).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(Node).Namespace && t.IsSealed && !t.IsAbstract && !t.IsEnum && !t.Name.StartsWith('<'))
            .Where(t => t != typeof(BinaryOperator) && t != typeof(UnaryOperator)); // the operator table's rows, not nodes
        var missing = astTypes.Where(t => !nodes.Any(n => n.GetType() == t)).Select(t => t.Name)
            .Concat(Enum.GetValues<BinaryOp>().Where(op => !nodes.OfType<Binary>().Any(b => b.Op == op)).Select(op => op.ToString()))
            .Concat(Enum.GetValues<UnaryOp>().Where(op => !nodes.OfType<Unary>().Any(u => u.Op == op)).Select(op => op.ToString()))
            .Concat(new[] { BinaryOp.Add, BinaryOp.Subtract, BinaryOp.Multiply, BinaryOp.Divide }
                .Where(op => !nodes.OfType<CompoundAssign>().Any(c => c.Op == op)).Select(op => op + "="))
            .ToList();

        // The shapes that matter beyond the node types.
        var shapes = new Dictionary<string, bool>
        {
            ["and"] = nodes.OfType<Logical>().Any(l => l.IsAnd),
            ["or"] = nodes.OfType<Logical>().Any(l => !l.IsAnd),
            ["else if"] = nodes.OfType<If>().Any(i => i.Else is [If]),
            ["else"] = nodes.OfType<If>().Any(i => i.Else is [_, ..] and not [If]),
            ["destructuring"] = nodes.OfType<Assign>().Any(a => a.Targets.Count == 2),
            ["index assignment"] = nodes.OfType<Assign>().Any(a => a.Targets[0] is Index),
            ["for over two names"] = nodes.OfType<For>().Any(f => f.Targets.Count == 2),
            ["def in a def"] = nodes.OfType<FunctionDef>().Any(f => f.Body.OfType<FunctionDef>().Any()),
            ["return without a value"] = nodes.OfType<Return>().Any(r => r.Value is null),
            ["a default"] = nodes.OfType<Ast.Parameter>().Any(p => p.Default is not null),
            ["a keyword argument"] = nodes.OfType<Call>().Any(c => c.Keywords.Count > 0 && c.Callee is Name { Identifier: not ("print" or "param" or "backward") }),
            ["a call of a call"] = nodes.OfType<Call>().Any(c => c.Callee is Call),
            ["a format spec"] = nodes.OfType<FStringPart>().Any(p => p.FormatSpec is not null),
            ["none"] = nodes.OfType<Literal>().Any(l => l.Value is null),
            ["a method call"] = nodes.OfType<Call>().Any(c => c.Callee is Member),
            ["an attribute"] = nodes.OfType<Member>().Any(m => m.Name is "grad" or "data"),
            ["an attribute assignment"] = nodes.OfType<Assign>().Any(a => a.Targets[0] is Member),
            ["an attribute compound assignment"] = nodes.OfType<CompoundAssign>().Any(a => a.Target is Member),
            ["** for power"] = Sample.Any(p => p.Text.Contains("**")),
            ["elif"] = Sample.Any(p => p.Text.Contains("} elif ")),
            ["not in"] = nodes.OfType<Binary>().Any(b => b.Op == BinaryOp.NotIn),
            ["a slice with a step"] = nodes.OfType<Slice>().Any(s => s.Step is not null),
            ["a slice assignment"] = nodes.OfType<Assign>().Any(a => a.Targets[0] is Slice { Step: not null }),
            ["a slice deletion"] = nodes.OfType<Delete>().Any(a => a.Targets[0] is Slice),
            ["a slice compound assignment"] = nodes.OfType<CompoundAssign>().Any(a => a.Target is Slice),
            ["a comprehension with two fors"] = nodes.OfType<ListComprehension>().Any(c => c.Clauses.OfType<ComprehensionFor>().Count() == 2),
            ["a string"] = nodes.OfType<Literal>().Any(l => l.Value is string),
            ["a float"] = nodes.OfType<Literal>().Any(l => l.Value is double),
            ["an angle block"] = Sample.Any(p => Regex.IsMatch(p.Text, @"in \d+\.\.\d+ < ")),
            ["a line joined by a backslash"] = Sample.Any(p => p.Text.Contains("\\\n")),
            ["a comment"] = Sample.Any(p => p.Text.Contains('#')),
        };
        missing.AddRange(shapes.Where(s => !s.Value).Select(s => s.Key));
        Assert.Empty(missing);
    }

    [Fact]
    public void EveryBuiltinIsCalled()
    {
        var names = Nodes.Value.OfType<Name>().Select(n => n.Identifier).ToHashSet();
        var builtins = Builtins.Functions.Select(f => f.Name).Concat(Builtins.Constants.Select(c => c.Name));
        var missing = builtins.Where(b => !names.Contains(b)).ToList();
        Assert.Empty(missing);
    }

    private static ScriptNode Parse(string text) => ScriptParser.Parse(new SourceText(LimitedRun.Name, text));

    /// <summary>Every AST record in a tree, found by reflection (as AstEquality walks them).</summary>
    private static IEnumerable<object> Walk(object node)
    {
        var pending = new Stack<object>([node]);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            yield return current;
            foreach (var property in current.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                switch (property.GetValue(current))
                {
                    case System.Collections.IEnumerable items and not string:
                        foreach (var item in items)
                        {
                            if (item is not null && item.GetType().Namespace == typeof(Node).Namespace) pending.Push(item);
                        }
                        break;
                    case { } value when value.GetType().Namespace == typeof(Node).Namespace && !value.GetType().IsEnum:
                        pending.Push(value);
                        break;
                }
            }
        }
    }
}
