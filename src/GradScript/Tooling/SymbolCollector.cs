namespace GradScript.Tooling;

using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using GradScript.Ast;
using GradScript.Binding;
using GradScript.Diagnostics;

/// <summary>
/// Walks a resolved script and records every name written in it against the variable it stands
/// for, as <see cref="Resolution.Of"/> says (so tools bind names exactly as the compiler does).
/// Every statement and expression type is named below: one the grammar gains is refused loudly.
/// </summary>
internal sealed class SymbolCollector
{
    private readonly Resolution _resolution;
    private readonly SourceText _source;
    private readonly Dictionary<(FunctionScope?, string), ScriptSymbol> _symbols = [];
    private readonly Dictionary<FunctionScope, FunctionDef> _definitions = new(ReferenceEqualityComparer.Instance);
    private readonly Stack<Expr> _pending = new();
    private FunctionScope? _function;

    private SymbolCollector(Resolution resolution, SourceText source) => (_resolution, _source) = (resolution, source);

    /// <summary>The script's variables, and each function's span with its locals' owner.</summary>
    public static List<ScriptSymbol> Collect(ScriptNode script, Resolution resolution, SourceText source)
    {
        var collector = new SymbolCollector(resolution, source);
        collector.Statements(script.Body);
        return [.. collector._symbols.Values];
    }

    private ScriptSymbol SymbolOf(string name)
    {
        var variable = _resolution.Of(_function, name);
        var owner = _function;
        if (variable.Kind == VariableKind.Global) owner = null;
        else for (int i = 0; i < variable.Depth; i++) owner = owner!.Parent;
        if (!_symbols.TryGetValue((owner, name), out var symbol))
        {
            var scope = owner is null ? (SourceSpan?)null : _definitions[owner].Span;
            symbol = new ScriptSymbol(name, scope, owner?.Name);
            _symbols[(owner, name)] = symbol;
        }
        return symbol;
    }

    private void Reference(string name, SourceSpan span) => SymbolOf(name).Add(span);

    private ScriptSymbol Bind(string name, SourceSpan span, ScriptSymbolKind kind)
    {
        var symbol = SymbolOf(name);
        symbol.Add(span);
        if (symbol.Definition is not { } first || Before(span, first))
        {
            symbol.Definition = span;
            symbol.Kind = kind;
        }
        return symbol;
    }

    private static bool Before(SourceSpan a, SourceSpan b) => a.Line < b.Line || (a.Line == b.Line && a.Column < b.Column);

    // ------------------------------------------------------------------ statements

    private void Statements(IReadOnlyList<Stmt> statements)
    {
        foreach (var statement in statements) Statement(statement);
    }

    private void Statement(Stmt statement)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (statement)
        {
            case ExprStmt s: Expression(s.Expression); break;
            case Assign s:
                Expression(s.Value);
                foreach (var target in s.Targets) Target(target, bind: true);
                break;
            case CompoundAssign s:
                Expression(s.Value);
                Target(s.Target, bind: false);
                break;
            case If s:
                Expression(s.Condition);
                Statements(s.Then);
                if (s.Else is not null) Statements(s.Else);
                break;
            case While s:
                Expression(s.Condition);
                Statements(s.Body);
                break;
            case For s:
                Expression(s.Iterable);
                foreach (var target in s.Targets) Bind(target.Identifier, target.Span, ScriptSymbolKind.Variable);
                Statements(s.Body);
                break;
            case NoGrad s: Statements(s.Body); break;
            case Return s:
                if (s.Value is not null) Expression(s.Value);
                break;
            case Break or Continue: break;
            case Delete s:
                foreach (var target in s.Targets) Expression(target);
                break;
            case Global s:
                foreach (var (name, span) in GlobalNames(s)) Reference(name, span);
                break;
            case Import s:
                var nameSpan = ImportNameSpan(s);
                var module = Bind(s.Name, nameSpan, ScriptSymbolKind.Module);
                if (nameSpan == s.Span) module._importsWithoutAlias.Add(nameSpan);
                module.ModuleSpecifier ??= s.Specifier;
                module.Signature ??= $"import \"{s.Specifier}\" as {s.Name}";
                break;
            case FunctionDef s: Function(s); break;
            default: throw new UnreachableException($"the symbol collector does not know the statement {statement.GetType().Name}");
        }
    }

    private void Function(FunctionDef def)
    {
        foreach (var parameter in def.Parameters)
        {
            if (parameter.Default is not null) Expression(parameter.Default);
        }
        var function = Bind(def.Name, def.NameSpan, ScriptSymbolKind.Function);
        if (function.Definition == def.NameSpan)
        {
            function.Signature = Signature(def);
            function.Extent = def.Span;
            function.Documentation = CommentsAbove(def.Span.Line);
        }
        var scope = _resolution.Functions[def];
        _definitions[scope] = def;
        var outer = _function;
        _function = scope;
        foreach (var parameter in def.Parameters) Bind(parameter.Name, parameter.Span, ScriptSymbolKind.Parameter);
        Statements(def.Body);
        _function = outer;
    }

    private void Target(Expr target, bool bind)
    {
        switch (target)
        {
            case Name name when bind: Bind(name.Identifier, name.Span, ScriptSymbolKind.Variable); break;
            default: Expression(target); break;
        }
    }

    // ------------------------------------------------------------------ expressions

    // An explicit stack, as the resolver's: a flat chain of a million operators is that deep a tree.
    private void Expression(Expr root)
    {
        _pending.Push(root);
        while (_pending.Count > 0)
        {
            switch (_pending.Pop())
            {
                case Name name: Reference(name.Identifier, name.Span); break;
                case Literal: break;
                case FString f:
                    foreach (var part in f.Parts)
                    {
                        if (part.Value is { } value) _pending.Push(value);
                    }
                    break;
                case ListExpr l:
                    foreach (var item in l.Items) _pending.Push(item);
                    break;
                case Unary u: _pending.Push(u.Operand); break;
                case Not n: _pending.Push(n.Operand); break;
                case Binary b: _pending.Push(b.Right); _pending.Push(b.Left); break;
                case Logical l: _pending.Push(l.Right); _pending.Push(l.Left); break;
                case RangeExpr r: _pending.Push(r.Stop); _pending.Push(r.Start); break;
                case Index i: _pending.Push(i.Key); _pending.Push(i.Target); break;
                case Member m: _pending.Push(m.Target); break;
                case Slice s:
                    foreach (var part in new[] { s.Step, s.Upper, s.Lower, s.Target }) if (part is not null) _pending.Push(part);
                    break;
                case Conditional c: _pending.Push(c.Otherwise); _pending.Push(c.Then); _pending.Push(c.Condition); break;
                case DictDisplay d:
                    foreach (var value in d.Values) _pending.Push(value);
                    foreach (var key in d.Keys) _pending.Push(key);
                    break;
                // A lambda's and a comprehension's own names live in scopes without a def: only what
                // they read from the enclosing scope (defaults, the first iterable) is collected.
                case Lambda l:
                    foreach (var parameter in l.Parameters) if (parameter.Default is not null) _pending.Push(parameter.Default);
                    break;
                case Comprehension c: _pending.Push(((ComprehensionFor)c.Clauses[0]).Iterable); break;
                case Call c:
                    foreach (var keyword in c.Keywords) _pending.Push(keyword.Value);
                    foreach (var argument in c.Arguments) _pending.Push(argument);
                    _pending.Push(c.Callee);
                    break;
                case var other: throw new UnreachableException($"the symbol collector does not know the expression {other.GetType().Name}");
            }
        }
    }

    // ------------------------------------------------------------------ places the tree does not keep

    // `global a, b` keeps one span; each name is found in the statement's text.
    private IEnumerable<(string Name, SourceSpan Span)> GlobalNames(Global statement)
    {
        string line = _source.GetLine(statement.Span.Line);
        int from = CodePointIndex(line, statement.Span.Column - 1) + "global".Length;
        foreach (var name in statement.Names)
        {
            int at = NameIndex(line, name, from);
            if (at < 0) yield break;
            int column = CodePointColumn(line, at);
            yield return (name, new SourceSpan(_source, statement.Span.Line, column, statement.Span.Line, column + name.Length));
            from = at + name.Length;
        }
    }

    // The name an import binds: its `as NAME` where written, else the whole statement.
    private SourceSpan ImportNameSpan(Import statement)
    {
        if (statement.Span.EndLine != statement.Span.Line) return statement.Span;
        string line = _source.GetLine(statement.Span.Line);
        int end = CodePointIndex(line, statement.Span.EndColumn - 1);
        if (end > line.Length || end < statement.Name.Length || line.AsSpan(end - statement.Name.Length, statement.Name.Length).SequenceEqual(statement.Name) is false
            || !line[..(end - statement.Name.Length)].TrimEnd().EndsWith(" as", StringComparison.Ordinal))
            return statement.Span;
        int column = statement.Span.EndColumn - statement.Name.Length;
        return new SourceSpan(_source, statement.Span.Line, column, statement.Span.Line, statement.Span.EndColumn);
    }

    private static int NameIndex(string line, string name, int from)
    {
        for (int at = line.IndexOf(name, Math.Min(from, line.Length), StringComparison.Ordinal); at >= 0; at = line.IndexOf(name, at + 1, StringComparison.Ordinal))
        {
            bool startOk = at == 0 || !IsNamePart(line[at - 1]);
            bool endOk = at + name.Length == line.Length || !IsNamePart(line[at + name.Length]);
            if (startOk && endOk) return at;
        }
        return -1;
    }

    private static bool IsNamePart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private static int CodePointIndex(string line, int codePoints)
    {
        int i = 0;
        for (int n = 0; n < codePoints && i < line.Length; n++) i += char.IsSurrogatePair(line, i) ? 2 : 1;
        return i;
    }

    private static int CodePointColumn(string line, int index)
    {
        int column = 1;
        for (int i = 0; i < index; i++, column++)
            if (char.IsSurrogatePair(line, i)) i++;
        return column;
    }

    private static string Signature(FunctionDef def)
    {
        var text = new StringBuilder("def ").Append(def.Name).Append('(');
        for (int i = 0; i < def.Parameters.Count; i++)
        {
            if (i > 0) text.Append(", ");
            text.Append(def.Parameters[i].Name);
            if (def.Parameters[i].Default is { } value) text.Append('=').Append(AstPrinter.Print(value));
        }
        return text.Append(')').ToString();
    }

    // The comment lines right above a line, as a function's documentation (micrograd-style scripts
    // and the standard library write them there).
    private string? CommentsAbove(int line)
    {
        var lines = new List<string>();
        for (int k = line - 1; k >= 1; k--)
        {
            string text = _source.GetLine(k).Trim();
            if (!text.StartsWith('#')) break;
            lines.Add(text[1..].Trim());
        }
        if (lines.Count == 0) return null;
        lines.Reverse();
        return string.Join("\n", lines);
    }
}
