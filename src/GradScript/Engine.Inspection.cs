namespace GradScript;

using GradScript.Autograd;
using GradScript.Runtime;

// What a host's REPL, notebook or debugger reads from an engine between runs: values as they are,
// and the graph behind a tracked one.
public sealed partial class Engine
{
    /// <summary>
    /// Compiles an interactive input: each top-level expression statement hands its value to the
    /// <c>echo</c> of <see cref="RunInteractive"/>, as a REPL shows it.
    /// </summary>
    /// <param name="source">The input's text.</param>
    /// <param name="name">The name errors in it are reported under, such as <c>&lt;repl-3&gt;</c>.</param>
    /// <exception cref="ScriptSyntaxException">The input has syntax errors; all of them are listed.</exception>
    public CompiledScript CompileInteractive(string source, string name = "<input>") =>
        Compile(new Diagnostics.SourceText(name, source), interactive: true);

    /// <summary>
    /// Runs a script on this engine's globals, handing the value of each top-level expression
    /// statement of an input compiled by <see cref="CompileInteractive"/> to <paramref name="echo"/>.
    /// </summary>
    public void RunInteractive(CompiledScript script, Action<ScriptValue> echo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(echo);
        Execute(script, value =>
        {
            try
            {
                echo(new ScriptValue(value));
            }
            catch (InvalidOperationException e) when (e.InnerException is RuntimeError error)
            {
                // A value too large to show is the input's runtime error, reported at its statement.
                throw error;
            }
        }, cancellationToken);
    }

    /// <summary>A global as it is, for inspection (see <see cref="GetGlobal"/> for a CLR value instead).</summary>
    /// <exception cref="KeyNotFoundException">No global of that name is defined.</exception>
    public ScriptValue GetGlobalValue(string name) => new(Defined(name));

    /// <summary>
    /// The graph behind a tracked value as Graphviz DOT text, drawn the way micrograd's
    /// <c>draw_dot</c> draws it (as the script function <c>graph(v)</c> does), with each value a
    /// global holds labelled by that global's name (several names sorted, <c>a, b</c>).
    /// </summary>
    /// <exception cref="InvalidCastException">The value is not tracked.</exception>
    /// <exception cref="InvalidOperationException">The graph cannot be drawn (too large); the message says why.</exception>
    public string GetGraphDot(ScriptValue value)
    {
        if (!value.IsTracked) throw new InvalidCastException($"the value is a {value.TypeName}, not a tracked value; only values computed from param() have a graph");
        try
        {
            return GraphDot.Render(value.Value.AsTracked, GraphLabels());
        }
        catch (RuntimeError e)
        {
            throw new InvalidOperationException(e.Message, e);
        }
    }

    // The tracked values the globals hold, each with the names that hold it.
    private Dictionary<TrackedValue, string> GraphLabels()
    {
        var labels = new Dictionary<TrackedValue, string>();
        foreach (var (name, cell) in _interpreter.Globals.Where(g => g.Value.Value.IsTracked).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var node = cell.Value.AsTracked;
            labels[node] = labels.TryGetValue(node, out var others) ? $"{others}, {name}" : name;
        }
        return labels;
    }
}
