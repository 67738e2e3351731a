namespace GradScript.Binding;

using GradScript.Ast;

/// <summary>
/// Finds a function's <c>global</c> declarations and the names it assigns, before its body is
/// resolved: in Python a name is local to the whole function if it is assigned anywhere in it.
/// Nested functions are not entered; their own names are theirs.
/// </summary>
internal static class LocalsCollector
{
    public static void Collect(IReadOnlyList<Stmt> body, FunctionScope scope)
    {
        var assigned = new List<string>();
        Walk(body, scope, assigned);
        // After the walk, so that a `global` written below an assignment still wins, as in Python.
        foreach (var name in assigned) scope.AddLocal(name);
    }

    private static void Walk(IReadOnlyList<Stmt> statements, FunctionScope scope, List<string> assigned)
    {
        for (int k = 0; k < statements.Count; k++)
        {
            switch (statements[k])
            {
                case Global g:
                    foreach (var name in g.Names) scope.DeclareGlobal(name);
                    break;
                case Assign a:
                    foreach (var target in a.Targets)
                    {
                        if (target is Name n) assigned.Add(n.Identifier);
                    }
                    break;
                case For f:
                    assigned.AddRange(f.Targets.Select(t => t.Identifier));
                    Walk(f.Body, scope, assigned);
                    break;
                case FunctionDef d: assigned.Add(d.Name); break;
                case Import i: assigned.Add(i.Name); break;
                case If i:
                    Walk(i.Then, scope, assigned);
                    if (i.Else is not null) Walk(i.Else, scope, assigned);
                    break;
                case While w: Walk(w.Body, scope, assigned); break;
                case NoGrad n: Walk(n.Body, scope, assigned); break;
            }
        }
    }
}
