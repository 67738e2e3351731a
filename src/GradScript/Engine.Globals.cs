namespace GradScript;

using GradScript.Autograd;
using GradScript.Runtime;

// Reading and writing an engine's globals from the host.
public sealed partial class Engine
{
    /// <summary>
    /// Sets a global: double, float, long, int, bool, string, null (none), double[] or any
    /// enumerable of these (a list).
    /// </summary>
    /// <exception cref="ArgumentException">The name is not a GradScript name (or is a keyword), or the value's type is not one of these.</exception>
    public void SetGlobal(string name, object? value) =>
        _interpreter.Global(CheckName(name)).Value = ClrValues.FromClr(value);

    /// <summary>
    /// A global as a CLR value (see <see cref="Evaluate"/> for the mapping); a function is a
    /// <see cref="ScriptCallable"/> the host can call.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No global of that name is defined.</exception>
    public object? GetGlobal(string name)
    {
        var value = Defined(name);
        return value.Reference is Callable function ? new ScriptCallable(this, value, function.Name) : ClrValues.ToClr(value);
    }

    /// <summary>A global number, or the data of a tracked value.</summary>
    /// <exception cref="KeyNotFoundException">No global of that name is defined.</exception>
    /// <exception cref="InvalidCastException">The global is not a number.</exception>
    public double GetNumber(string name)
    {
        var value = Defined(name);
        if (value.TryGetDouble(out double d) && !value.IsNone) return d;
        throw new InvalidCastException($"'{name}' is a {value.TypeName}, not a number");
    }

    /// <summary>The gradient of a global tracked value from the last backward that reached it.</summary>
    /// <exception cref="KeyNotFoundException">No global of that name is defined.</exception>
    /// <exception cref="InvalidCastException">The global is not a tracked value.</exception>
    public double GetGradient(string name)
    {
        var value = Defined(name);
        if (value.IsTracked) return value.AsTracked.Grad;
        throw new InvalidCastException($"'{name}' is a {value.TypeName}, not a tracked value");
    }

    private Value Defined(string name) =>
        _interpreter.Globals.TryGetValue(name, out var cell) && !cell.Value.IsUndefined ? cell.Value : throw NotDefined(name);

    private static KeyNotFoundException NotDefined(string name) => new($"no global named '{name}'");

    internal Interpreter Interpreter => _interpreter;

    /// <summary>
    /// The text the script function <c>help(NAME)</c> prints for <paramref name="name"/> as this
    /// engine sees it now: a global or <c>module.member</c> the scripts defined (a function's
    /// parameters, a module's functions), else the documentation of a builtin or standard module
    /// function from <see cref="BuiltinDocs"/>. Null when the name is neither defined nor documented.
    /// </summary>
    /// A name that holds another value is described by its type and value.
    public string? Help(string name) => Builtins.HelpOn(_interpreter, name);

    /// <summary>
    /// Sets a global to a new trainable parameter (what <c>param(value)</c> makes in a script),
    /// float32 when <paramref name="float32"/> is set.
    /// </summary>
    public void SetParameter(string name, double value, bool float32 = false) =>
        _interpreter.Global(CheckName(name)).Value = Value.Object(TrackedValue.Leaf(value, float32));

    /// <summary>
    /// The globals that scripts or the host defined, in name order: every defined global except
    /// the builtins and constants an engine starts with (unless a script reassigned one).
    /// </summary>
    public IReadOnlyList<string> GetGlobalNames() =>
        _interpreter.Globals.Values
            .Where(cell => !cell.Value.IsUndefined && !Builtins.IsInitialValue(cell.Name, cell.Value))
            .Select(cell => cell.Name)
            .Order(StringComparer.Ordinal)
            .ToList();
}
