namespace GradScript.Cli.Kernel;

using System.Text;

/// <summary>
/// A writer that passes everything to whichever writer <c>target</c> gives at the time, or drops it
/// when that is none: the session's engine keeps one output for its life, while each notebook cell
/// gathers its own.
/// </summary>
/// <param name="target">The writer of the cell running now; null between cells.</param>
internal sealed class ForwardingWriter(Func<TextWriter?> target) : TextWriter
{
    /// <inheritdoc/>
    public override Encoding Encoding => Encoding.UTF8;

    /// <inheritdoc/>
    public override void Write(char value) => target()?.Write(value);

    /// <inheritdoc/>
    public override void Write(string? value) => target()?.Write(value);

    /// <inheritdoc/>
    public override void Write(char[] buffer, int index, int count) => target()?.Write(buffer, index, count);

    /// <inheritdoc/>
    public override void Write(ReadOnlySpan<char> buffer) => target()?.Write(buffer);

    /// <inheritdoc/>
    public override void Flush() => target()?.Flush();
}
