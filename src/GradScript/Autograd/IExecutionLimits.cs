namespace GradScript.Autograd;

using GradScript.Diagnostics;

/// <summary>
/// The execution limits as autograd sees them (time, cancellation, steps, memory), after Jint's
/// constraints: one check that throws a <see cref="ScriptLimitException"/> when a limit is passed.
/// Autograd looks at them every few thousand nodes of a long backward or drawing, so a huge graph
/// still stops at a deadline; the runtime that owns the limits implements this.
/// </summary>
internal interface IExecutionLimits
{
    /// <summary>Throws if a limit of the current run has been passed, as at <paramref name="at"/>.</summary>
    void Check(in SourceSpan at);
}
