namespace GradScript.Tests.Oracles.Python;

/// <summary>The static type the generator believes an expression has; it picks operations by it.</summary>
internal enum Kind { Int, Float, Bool, Str, List, None, Dict }

/// <summary>
/// An expression written twice: in GradScript and in the Python of <c>prelude.py</c>. It keeps its
/// parts and how it is made of them, so that a failing program shrinks by replacing an expression
/// with one of its parts of the same kind, or a part with a smaller one.
/// </summary>
internal sealed class TwinExpr(string gs, string py, Kind kind, TwinExpr[]? parts = null, Func<TwinExpr[], TwinExpr>? make = null)
{
    public string Gs { get; } = gs;
    public string Py { get; } = py;
    public Kind Kind { get; } = kind;
    public IReadOnlyList<TwinExpr> Parts { get; } = parts ?? [];

    /// <summary>A leaf: the same text in both languages.</summary>
    public static TwinExpr Same(string text, Kind kind) => new(text, text, kind);

    /// <summary>An expression made of <paramref name="parts"/> by <paramref name="make"/>, which can remake it from smaller parts.</summary>
    public static TwinExpr Of(Func<TwinExpr[], (string Gs, string Py)> render, Kind kind, params TwinExpr[] parts)
    {
        TwinExpr Make(TwinExpr[] p)
        {
            var (gs, py) = render(p);
            return new TwinExpr(gs, py, kind, p, Make);
        }
        return Make(parts);
    }

    /// <summary>Smaller expressions: each part of the same kind, then this one with a part shrunk.</summary>
    public IEnumerable<TwinExpr> Shrink()
    {
        foreach (var part in Parts)
        {
            if (part.Kind == Kind) yield return part;
        }
        if (make is null) yield break;
        for (int i = 0; i < Parts.Count; i++)
        {
            foreach (var smaller in Parts[i].Shrink())
            {
                var parts = Parts.ToArray();
                parts[i] = smaller;
                yield return make(parts);
            }
        }
    }

    public override string ToString() => Gs;
}

/// <summary>A statement (or a few that belong together) written twice, made of expressions it can be remade from.</summary>
internal sealed class TwinStatement(TwinExpr[] expressions, Func<TwinExpr[], (string Gs, string Py)> render)
{
    public IReadOnlyList<TwinExpr> Expressions { get; } = expressions;
    public string Gs { get; } = render(expressions).Gs;
    public string Py { get; } = render(expressions).Py;

    /// <summary>This statement with one expression shrunk.</summary>
    public IEnumerable<TwinStatement> Shrink()
    {
        for (int i = 0; i < Expressions.Count; i++)
        {
            foreach (var smaller in Expressions[i].Shrink())
            {
                var expressions = Expressions.ToArray();
                expressions[i] = smaller;
                yield return new TwinStatement(expressions, render);
            }
        }
    }
}

/// <summary>
/// A generated program in both languages: its statements, top level. FsCheck shrinks a failing one
/// by leaving a statement out, then by shrinking the expressions of one.
/// </summary>
public sealed class TwinProgram
{
    internal TwinProgram(IReadOnlyList<TwinStatement> statements) => Statements = statements;

    internal IReadOnlyList<TwinStatement> Statements { get; }

    /// <summary>The program in GradScript.</summary>
    public string GradScript => string.Join("\n", Statements.Select(s => s.Gs)) + "\n";

    /// <summary>The program in Python (with prelude.py's definitions).</summary>
    public string Python => string.Join("\n", Statements.Select(s => s.Py)) + "\n";

    /// <summary>Smaller programs, smallest steps last.</summary>
    public IEnumerable<TwinProgram> Shrink()
    {
        if (Statements.Count > 1)
        {
            for (int i = 0; i < Statements.Count; i++)
                yield return new TwinProgram(Statements.Where((_, j) => j != i).ToList());
        }
        for (int i = 0; i < Statements.Count; i++)
        {
            foreach (var smaller in Statements[i].Shrink())
            {
                var statements = Statements.ToArray();
                statements[i] = smaller;
                yield return new TwinProgram(statements);
            }
        }
    }

    /// <summary>FsCheck reports a case by this: both programs.</summary>
    public override string ToString() => $"\n--- GradScript\n{GradScript}--- Python\n{Python}";
}
