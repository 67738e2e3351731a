namespace GradScript.Cli;

/// <summary>
/// The exit statuses of <c>gradscript</c> (docs/language.md §9). The 6x codes are BSD
/// <c>sysexits.h</c>'s, so shell scripts and CI logs can tell a bad command line from a bad script
/// from a failing one without parsing messages.
/// </summary>
internal static class ExitCodes
{
    /// <summary>The script ran to its end, or every golden test passed.</summary>
    public const int Success = 0;

    /// <summary>
    /// At least one golden test failed. Any non-zero status would do; 1 is what test runners
    /// (pytest, go test, dotnet test) use, so CI scripts already treat it as "tests failed".
    /// </summary>
    public const int TestsFailed = 1;

    /// <summary>EX_USAGE: the command line itself is wrong (unknown option, missing or bad value).</summary>
    public const int Usage = 64;

    /// <summary>EX_DATAERR: the script has syntax errors (or is not UTF-8), so nothing of it ran.</summary>
    public const int SyntaxError = 65;

    /// <summary>EX_NOINPUT: the script file does not exist or cannot be read.</summary>
    public const int NoInput = 66;

    /// <summary>
    /// EX_UNAVAILABLE: a program gradscript needs is missing: <c>gradscript graph</c> was asked for
    /// a picture and Graphviz's <c>dot</c> is not installed.
    /// </summary>
    public const int Unavailable = 69;

    /// <summary>
    /// EX_SOFTWARE: the script failed while running, a limit (time, steps, depth) stopped it, or
    /// gradscript itself failed unexpectedly.
    /// </summary>
    public const int RuntimeError = 70;

    /// <summary>EX_CANTCREAT: the output file of <c>gradscript graph -o FILE</c> cannot be written.</summary>
    public const int CannotCreate = 73;

    /// <summary>128 + SIGINT: Ctrl-C stopped the script, as a shell reports a process killed by it.</summary>
    public const int Interrupted = 130;
}
