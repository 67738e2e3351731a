namespace GradScript.Cli.Kernel;

using GradScript.Cli.Repl;

/// <summary>
/// What the name at the cursor is, for inspect_request (Shift-Tab in a notebook): the same text as
/// <c>help(NAME)</c> and the REPL's <c>:help NAME</c> (<see cref="Engine.Help"/>), for a name or a
/// module's member (<c>nn.mlp</c>).
/// </summary>
internal static class Inspection
{
    /// <summary>The help of the name at <paramref name="index"/> of <paramref name="code"/>, or null when there is none.</summary>
    public static string? Describe(string code, int index, ReplSession session)
    {
        string name = CodeCursor.NameAt(code, index);
        if (name.Length == 0) return null;
        int start = CodeCursor.NameStart(code, index);
        if (CodeCursor.ModuleBefore(code, start) is { } module && session.Engine.Help($"{module}.{name}") is { } member) return member;
        return session.Engine.Help(name);
    }
}
