namespace GradScript.Runtime;

/// <summary>
/// A heap value of a kind the core does not know by name (an optimizer, a progress loop): it names
/// its own type for <c>type()</c> and messages, and prints as its <see cref="object.ToString"/>.
/// New kinds implement this instead of adding cases to <see cref="Value"/> and
/// <see cref="Formatter"/>.
/// </summary>
internal interface IScriptObject
{
    /// <summary>The name <c>type(v)</c> returns and error messages use, such as <c>optimizer</c>.</summary>
    string TypeName { get; }
}
