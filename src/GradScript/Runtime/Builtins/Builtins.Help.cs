namespace GradScript.Runtime;

using System.Text;
using GradScript.Runtime.Nodes;

// help(x): the signature and documentation of a builtin, a standard module or one of its
// functions, from BuiltinDocs (the one source the REPL, docs/builtins.md and editors share); for a
// script's own function, its parameters and where it was defined.
internal static partial class Builtins
{
    /// <summary>The longest text help() looks up as a name.</summary>
    private const int MaxNameLength = 1000;

    private static IEnumerable<NativeFunction> HelpFunctions() =>
    [
        new("help", Help),
    ];

    private static Value Help(Interpreter interpreter, in Arguments args)
    {
        Arity(args, "help", 0, 1);
        string text = args.Count == 0 ? Overview()
            : args[0].Reference is string name ? HelpOn(interpreter, name)
                ?? throw new RuntimeError($"help(): no documentation for {Formatter.Brief(args[0])}: it is not a builtin, a standard module's function or a name defined here")
            : Describe(args[0])
                ?? throw new RuntimeError($"help() documents functions and modules, not {args[0].TypeName} values: help(\"NAME\") looks up a name such as \"pi\"");
        interpreter.Progress.BeforeOutput();
        interpreter.Output.Write(text);
        return Value.None;
    }

    /// <summary>
    /// The help on a name as a script would read it (<c>print</c>, <c>nn.mlp</c>): what the name
    /// holds now, or the documented builtin or standard module function when it holds nothing
    /// else (so <c>help("nn.mlp")</c> works before <c>import "nn"</c>, and <c>help("pi")</c> too).
    /// Null when the name is neither defined nor documented.
    /// </summary>
    public static string? HelpOn(Interpreter interpreter, string name)
    {
        // No name is longer; a long string (the audit passes 2^27 characters) is no name at all.
        if (name.Length > MaxNameLength) return null;
        if (Lookup(interpreter, name) is { } value && !IsInitialValue(name, value))
            return Describe(value) ?? $"{name} is a {value.TypeName} value: {Formatter.Brief(value)}\n";
        var docs = BuiltinDocs.Find(name);
        return docs.Count > 0 ? Render(docs) : null;
    }

    // A global, or a member of a module global (one dot), if it is defined. Looked up in place, so
    // a huge string costs nothing.
    private static Value? Lookup(Interpreter interpreter, string name)
    {
        int dot = name.IndexOf('.');
        string head = dot < 0 ? name : name[..dot];
        if (!interpreter.Globals.TryGetValue(head, out var cell) || cell.Value.IsUndefined) return null;
        if (dot < 0) return cell.Value;
        return cell.Value.Reference is ModuleValue module && module.Globals.TryGetValue(name[(dot + 1)..], out var member) && !member.Value.IsUndefined
            ? member.Value : null;
    }

    // Null for a value that is neither a function nor a module.
    private static string? Describe(Value value) => value.Reference switch
    {
        NativeFunction f when Functions.Any(b => ReferenceEquals(b, f)) => Render(BuiltinDocs.Find(f.Name)),
        NativeFunction f => $"{f.Name}(...)\n    A function given by the host program, or made by a transform such as grad(f).\n",
        ScriptFunction f when StandardModule(f) is { } module && BuiltinDocs.Find($"{module}.{f.Name}") is [_, ..] docs => Render(docs),
        ScriptFunction f => $"{ScriptSignature(f)}\n    A function defined at {f.Proto.Span}.\n",
        ModuleValue m => DescribeModule(m),
        _ => null,
    };

    // The standard module a function was defined in, from the name its source carries ("<stdlib>/nn.grad").
    private static string? StandardModule(ScriptFunction f)
    {
        const string prefix = "<stdlib>/", suffix = ".grad";
        string source = f.Proto.Span.Source.Name;
        return source.StartsWith(prefix, StringComparison.Ordinal) && source.EndsWith(suffix, StringComparison.Ordinal)
            ? source[prefix.Length..^suffix.Length] : null;
    }

    private static string ScriptSignature(ScriptFunction f)
    {
        var parameters = f.Proto.Parameters.Select((p, i) =>
            i < f.Defaults.Length && !f.Defaults[i].IsUndefined ? $"{p}={Formatter.Brief(f.Defaults[i])}" : p);
        return $"{f.Name}({string.Join(", ", parameters)})";
    }

    private static string DescribeModule(ModuleValue module)
    {
        var text = new StringBuilder();
        var standard = BuiltinDocs.Find(module.Name).FirstOrDefault(d => d.Kind == BuiltinKind.Module);
        text.Append(standard?.Render() ?? $"module {module.Name}\n");
        var functions = module.Globals
            .Where(g => g.Value.Value.Reference is ScriptFunction && !g.Key.StartsWith('_'))
            .Select(g => ScriptSignature((ScriptFunction)g.Value.Value.Reference!))
            .ToList();
        if (functions.Count > 0) text.Append("Functions:\n").AppendJoin("", functions.Select(f => $"    {f}\n"));
        return text.ToString();
    }

    private static string Render(IEnumerable<BuiltinDoc> docs) => string.Join("\n", docs.Select(d => d.Render()));

    private static string Overview()
    {
        var text = new StringBuilder("help(NAME) shows what a builtin or a function does; help(\"nn.mlp\") looks a name up.\n\n");
        foreach (var group in BuiltinDocs.Builtins.GroupBy(d => d.Group))
            text.Append(group.Key).Append(": ").AppendJoin(", ", group.Select(d => d.Name).Distinct()).Append('\n');
        text.Append("standard modules (import \"NAME\"): ").AppendJoin(", ", StandardLibrary.Names).Append('\n');
        return text.ToString();
    }
}
