namespace GradScript;

/// <summary>
/// The one source of signatures and documentation for every name a script can use without
/// defining it: each builtin function and constant, each standard module and each of its public
/// functions. The REPL's <c>:help NAME</c> and the script function <c>help(NAME)</c> print these
/// texts, docs/builtins.md is generated from them, and editor support and notebook kernels read
/// them for hovers and completion.
/// <para>
/// Builtins are documented in a table beside this class; a standard module's functions by the
/// comment lines just above each top-level <c>def</c> in its source (a name starting with <c>_</c>
/// is private and not listed), and the module itself by the comment that opens its file.
/// </para>
/// </summary>
public static partial class BuiltinDocs
{
    private static readonly IReadOnlyList<BuiltinDoc> Everything =
        [.. BuiltinTable(), .. StandardLibrary.Names.SelectMany(ModuleDocs.Read)];

    /// <summary>
    /// Every entry: the builtins in the order of docs/builtins.md, then each standard module
    /// followed by its functions. A name may have two entries when it means two things
    /// (<c>grad(v)</c> and <c>grad(f, argnums=0)</c>).
    /// </summary>
    public static IReadOnlyList<BuiltinDoc> All => Everything;

    /// <summary>The builtins: functions and constants every engine starts with.</summary>
    public static IEnumerable<BuiltinDoc> Builtins => Everything.Where(d => d.Module is null && d.Kind != BuiltinKind.Module);

    /// <summary>
    /// The entries for <paramref name="name"/> (<c>print</c>, <c>pi</c>, <c>nn</c>, <c>nn.mlp</c>):
    /// usually one, two for a name with two meanings, none for a name that is not documented.
    /// </summary>
    public static IReadOnlyList<BuiltinDoc> Find(string name) => [.. Everything.Where(d => d.Name == name)];

    /// <summary>The public functions of the standard module <paramref name="module"/> (none for another name).</summary>
    public static IReadOnlyList<BuiltinDoc> ModuleMembers(string module) => [.. Everything.Where(d => d.Module == module)];
}
