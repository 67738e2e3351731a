namespace GradScript.Runtime;

using GradScript.Runtime.Terminal;

// progress and progress_note: a tqdm-style bar on a terminal, nothing anywhere else (ProgressDisplay).
internal static partial class Builtins
{
    private static IEnumerable<NativeFunction> ProgressFunctions() =>
    [
        new("progress", MakeProgress),
        new("progress_note", ProgressNote),
    ];

    private static Value MakeProgress(Interpreter interpreter, in Arguments args)
    {
        Arity(args, "progress", 1);
        var source = args[0];
        if (source.Reference is ProgressLoop) return source;
        if (source.Reference is not (ListValue or RangeValue or string))
            throw new RuntimeError($"progress() expects a list, range or string, got {source.TypeName}");
        return Value.Object(new ProgressLoop(source));
    }

    // Checked the same whether a bar is drawn or not, so a script fails the same way everywhere.
    private static Value ProgressNote(Interpreter interpreter, in Arguments args)
    {
        Arity(args, "progress_note", 2);
        if (args[0].Reference is not string name) throw new RuntimeError($"progress_note(): the name must be a string, got {args[0].TypeName}");
        interpreter.Progress.Note(name, NoteText(args[1]));
        return Value.None;
    }

    /// <summary>A note's value as the bar shows it: floats (and tracked values) to four significant digits, as tqdm shortens them.</summary>
    private static string NoteText(Value v) =>
        v.IsFloat || v.IsTracked ? NumberFormat.Format(v.IsFloat ? v.AsFloat : v.AsTracked.Data, ".4g") : Formatter.Str(v);
}
