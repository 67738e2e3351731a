namespace GradScript;

using System.Text;

/// <summary>
/// The documentation of one name a script can use without defining it: a builtin function or
/// constant, or a function of a standard module (<c>nn.mlp</c>). <see cref="BuiltinDocs"/> holds
/// them all; the REPL's <c>:help NAME</c>, the script function <c>help(NAME)</c>, docs/builtins.md
/// and editor support all show these same texts.
/// </summary>
/// <param name="Name">The name as a script writes it: <c>print</c>, <c>pi</c>, <c>nn.mlp</c>.</param>
/// <param name="Signature">How it is called, with defaults: <c>range(a, b, step=1)</c>; for a constant, its name.</param>
/// <param name="Doc">One paragraph on what it does, in plain text (code is in backquotes).</param>
/// <param name="Group">The heading it is listed under: <c>math</c>, <c>autograd</c>, or the module's name.</param>
/// <param name="Kind">Whether it is a function, a constant or a module.</param>
public sealed record BuiltinDoc(string Name, string Signature, string Doc, string Group, BuiltinKind Kind)
{
    /// <summary>The standard module the name belongs to (<c>nn</c> for <c>nn.mlp</c>), or null for a builtin.</summary>
    public string? Module => Kind == BuiltinKind.Module ? null : Name.IndexOf('.') is var dot and > 0 ? Name[..dot] : null;

    /// <summary>The name without its module: <c>mlp</c> for <c>nn.mlp</c>.</summary>
    public string ShortName => Name[(Name.LastIndexOf('.') + 1)..];

    /// <summary>
    /// The text <c>help(NAME)</c> prints: the signature on a line, then the paragraph indented by
    /// four spaces and wrapped at <paramref name="width"/> columns, ending with a newline.
    /// </summary>
    public string Render(int width = 80)
    {
        var text = new StringBuilder(Signature).Append('\n');
        const string indent = "    ";
        int column = 0;
        foreach (string word in Doc.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (column > 0 && column + 1 + word.Length > width - indent.Length)
            {
                text.Append('\n');
                column = 0;
            }
            text.Append(column == 0 ? indent : " ").Append(word);
            column += (column == 0 ? 0 : 1) + word.Length;
        }
        return text.Append('\n').ToString();
    }
}

/// <summary>What a documented name stands for.</summary>
public enum BuiltinKind
{
    /// <summary>A function: a builtin, or a standard module's.</summary>
    Function,

    /// <summary>A value every engine starts with: <c>pi</c>, <c>e</c>, <c>inf</c>, <c>nan</c>, <c>args</c>.</summary>
    Constant,

    /// <summary>A standard module, imported by bare name: <c>import "nn"</c>.</summary>
    Module,
}
