namespace GradScript;

using GradScript.Runtime;

/// <summary>
/// A script value as a host inspects it without converting it: what a REPL echoes, what
/// <c>:vars</c> lists, what a notebook shows. Read it while the engine it came from is not running
/// (a script could change a list under it). <see cref="Engine.GetGlobalValue"/> and
/// <see cref="Engine.RunInteractive"/> hand these out.
/// </summary>
public readonly struct ScriptValue
{
    internal ScriptValue(Value value) => Value = value;

    internal Value Value { get; }

    /// <summary>The language's name of its type: <c>int</c>, <c>float</c>, <c>string</c>, <c>list</c>, <c>tracked</c>, <c>function</c>, <c>module</c>, <c>none</c>, …</summary>
    public string TypeName => Value.IsUndefined ? "none" : Value.TypeName;

    /// <summary>Whether it is <c>none</c> (which a REPL does not echo).</summary>
    public bool IsNone => Value.IsNone || Value.IsUndefined;

    /// <summary>Whether it is a tracked value (made by <c>param()</c> or computed from one), which has a gradient and a graph.</summary>
    public bool IsTracked => Value.IsTracked;

    /// <summary>Whether it is a tracked value computed in float32.</summary>
    public bool IsFloat32 => Value.IsTracked && Value.AsTracked.IsFloat32;

    /// <summary>A tracked value's gradient from the last backward that reached it; null for any other value.</summary>
    public double? Gradient => Value.IsTracked ? Value.AsTracked.Grad : null;

    /// <summary>A string's text; null for any other value.</summary>
    public string? AsString => Value.Reference as string;

    /// <summary>A list's number of items; null for any other value.</summary>
    public int? Count => Value.Reference is ListValue list ? list.Count : null;

    /// <summary>
    /// The names of a module's public members (those not starting with <c>_</c>, and not the builtins
    /// every module starts with), sorted; null when it is not a module.
    /// </summary>
    public IReadOnlyList<string>? MemberNames => Value.Reference is ModuleValue module
        ? module.Globals.Values
            .Where(member => !member.Value.IsUndefined && !member.Name.StartsWith('_') && !Builtins.IsInitialValue(member.Name, member.Value))
            .Select(member => member.Name)
            .Order(StringComparer.Ordinal)
            .ToList()
        : null;

    /// <summary>
    /// The text a value has inside a list, which the REPL echoes: strings quoted, numbers as
    /// <c>print</c> prints them, a tracked value as its data.
    /// </summary>
    /// <exception cref="InvalidOperationException">The value cannot be printed (a list too large or too deeply nested); the message says why.</exception>
    public string Repr()
    {
        try
        {
            return Formatter.Repr(Value);
        }
        catch (RuntimeError e)
        {
            throw new InvalidOperationException(e.Message, e);
        }
    }

    /// <summary>A float as GradScript prints it: the shortest text that reads back as the same double, with <c>.0</c> on a whole number (<c>2.0</c>, <c>0.1</c>, <c>1e-07</c>, <c>inf</c>, <c>nan</c>).</summary>
    public static string FormatFloat(double value) => NumberFormat.FormatFloat(value);

    /// <summary>The same as <see cref="Repr"/>.</summary>
    public override string ToString() => Repr();
}
