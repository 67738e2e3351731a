namespace GradScript.Cli.Kernel;

using GradScript.Cli.Repl;
using GradScript.Runtime;

/// <summary>What a name in the session is, for inspect_request (Shift-Tab in a notebook).</summary>
internal static class Inspection
{
    /// <summary>A description of <paramref name="name"/>, or null when the session has no such name.</summary>
    public static string? Describe(string name, ReplSession session)
    {
        if (Builtins.Functions.FirstOrDefault(f => f.Name == name) is { } builtin
            && session.Engine.Interpreter.Globals.TryGetValue(name, out var cell) && ReferenceEquals(cell.Value.Reference, builtin))
        {
            string keywords = builtin.Keywords.Length == 0 ? "" : $" (keyword arguments: {string.Join(", ", builtin.Keywords)})";
            return $"{name}: builtin function{keywords}";
        }
        if (!session.Engine.Interpreter.Globals.TryGetValue(name, out var global) || global.Value.IsUndefined) return null;
        var value = global.Value;
        return $"{name}: {value.TypeName} = {Echo.Text(value) ?? "none"}";
    }
}
