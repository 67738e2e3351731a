namespace GradScript.Syntax;

using Antlr4.Runtime;

/// <summary>
/// The error strategy of the fast (SLL) pass: at the first error, give up, and let the full pass
/// find and report it. ANTLR's <see cref="DefaultErrorStrategy.Sync"/> looks up the tokens that may
/// follow before every loop and optional part, to catch errors early for recovery; a pass that
/// never recovers finds every error as well when the token does not match.
/// </summary>
internal sealed class FastFail : BailErrorStrategy
{
    public override void Sync(Parser recognizer) { }
}
