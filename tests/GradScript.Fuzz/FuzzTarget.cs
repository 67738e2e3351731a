namespace GradScript.Fuzz;

using System.Text;

/// <summary>
/// The fuzz target of issue 6: one input is the bytes of a script, compiled and run on a fresh
/// engine under strict limits. A <see cref="ScriptException"/> is a clean answer; anything else
/// that escapes is a bug, and is left to propagate so that the fuzzer records the input as a
/// crash. The harness (<c>Program.cs</c>) and the replay test of the repository's fuzz corpus
/// both call <see cref="Run"/>, the replay test from this very file.
/// </summary>
/// <remarks>
/// <para>
/// The bytes are decoded as UTF-8 with replacement: an invalid sequence becomes U+FFFD, which the
/// lexer must then report as a bad character. The command line rejects invalid UTF-8 before the
/// engine sees it (docs/cli.md); decoding here instead of rejecting keeps byte-level mutations
/// useful, since most of them would otherwise end at the decoder. A leading byte-order mark is
/// dropped, as the command line does.
/// </para>
/// <para>
/// <see cref="OperationCanceledException"/> counts as a crash too: the engine throws it only when
/// a cancellation token fires, and this target passes none, so the time limit must end a run
/// with a <see cref="ScriptLimitException"/>.
/// </para>
/// </remarks>
internal static class FuzzTarget
{
    /// <summary>
    /// Wall-clock time one input may run. Short, so that an endless loop costs the fuzzer little;
    /// the step and graph budgets below usually end such a loop first, and deterministically.
    /// </summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(200);

    /// <summary>Loop iterations and calls: a millisecond or two of work, so inputs run fast.</summary>
    public const long MaxSteps = 10_000;

    /// <summary>Recorded autograd operations: enough for small models and every graph builtin.</summary>
    public const long MaxGraphNodes = 10_000;

    /// <summary>
    /// Nested script calls. Below the engine's default of 1 000, yet deep enough that a recursive
    /// script on a 1 MB stack still meets the engine's stack guard when its frames are heavy.
    /// </summary>
    public const int MaxCallDepth = 200;

    /// <summary>
    /// The stack of the thread the target runs on: a host's worker thread has about this much, and
    /// a small stack is where a missing stack guard shows first.
    /// </summary>
    public const int StackSize = 1024 * 1024;

    private static readonly EngineOptions Limits = new()
    {
        Timeout = Timeout,
        MaxSteps = MaxSteps,
        MaxGraphNodes = MaxGraphNodes,
        MaxCallDepth = MaxCallDepth,
        // The standard modules (nn, losses, data) are compiled into the library: importing them
        // fuzzes the module system and the library code without reading any file.
        ModuleResolver = StandardLibrary.Instance,
        Output = TextWriter.Null,
        Error = TextWriter.Null,
    };

    // Replacement, not an exception, for invalid bytes (see the remarks above).
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];

    /// <summary>Runs one input; returns normally for success or a script error, throws for a bug.</summary>
    public static void Run(ReadOnlySpan<byte> input)
    {
        if (input.StartsWith(ByteOrderMark)) input = input[ByteOrderMark.Length..];
        string source = Utf8.GetString(input);
        try
        {
            new Engine(Limits).Run(source, "<fuzz>");
        }
        catch (ScriptException)
        {
            // The clean way for a script to fail.
        }
    }
}
