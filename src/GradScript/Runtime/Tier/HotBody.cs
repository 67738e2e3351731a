namespace GradScript.Runtime.Tier;

using System.Runtime.CompilerServices;
using GradScript.Runtime.Nodes;

/// <summary>
/// A block of statements that may run in either tier: a function's body or a loop's body. It
/// counts its runs, and once they reach the engine's threshold (<see cref="Thresholds"/>) it has the
/// <see cref="BodyCompiler"/> turn the block into a .NET method, which it runs from then on instead
/// of interpreting the statements. Both give the same <see cref="Completion"/>, leave the frame in
/// the same state and count the same steps, so the switch can happen between any two runs, even in
/// the middle of a loop.
/// </summary>
/// <remarks>
/// A block belongs to a compiled script, which engines and threads share. The count is a hint (a
/// race loses a few counts); the compiled method is immutable, published once, and valid for any
/// engine, since it depends on the statements alone. Whether an engine uses it is that engine's
/// choice (<see cref="EngineOptions.Tiering"/>), made at each run.
/// </remarks>
internal sealed class HotBody(Instruction[] body)
{
    /// <summary>The block's statements, as the interpreter runs them.</summary>
    public Instruction[] Statements { get; } = body;

    private int _runs;
    private Func<Frame, Completion>? _compiled;

    /// <summary>Runs the block once, in the tier the engine's options and the block's heat choose.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Completion Run(Frame frame)
    {
        var tiering = frame.Interpreter.Tiering;
        if (tiering == Tiering.InterpreterOnly) return Instruction.Run(Statements, frame);
        var compiled = _compiled;
        if (compiled is not null) return compiled(frame);
        return ++_runs < Thresholds.Of(tiering) ? Instruction.Run(Statements, frame) : Compile()(frame);
    }

    /// <summary>Whether the block has been compiled (for tests and the tier's own statistics).</summary>
    public bool IsCompiled => _compiled is not null;

    private Func<Frame, Completion> Compile()
    {
        // Compiled ahead of time (Native AOT, the linux-x64 tool) no code can be made: the engine
        // never tiers up there (Interpreter), and this feature switch, folded by the AOT compiler,
        // leaves the BodyCompiler, and its trimming warnings, out of that build.
        Func<Frame, Completion> compiled = RuntimeFeature.IsDynamicCodeSupported
            ? BodyCompiler.Compile(Statements)
            : frame => Instruction.Run(Statements, frame);
        Interlocked.CompareExchange(ref _compiled, compiled, null);
        return _compiled!;
    }
}

/// <summary>How many runs make a block hot, by tiering.</summary>
internal static class Thresholds
{
    /// <summary>
    /// Runs of a function or iterations of a loop before its body is compiled. Compiling a body takes
    /// about a millisecond (an expression tree, then the JIT); at a few hundred nanoseconds a run, the
    /// interpreter has paid for that after some thousands of runs, and a body run only a few times
    /// (the top of a script, a function called once) is never worth it.
    /// </summary>
    public const int Adaptive = 1000;

    public static int Of(Tiering tiering) => tiering switch
    {
        Tiering.Adaptive => Adaptive,
        Tiering.CompileImmediately => 1,
        Tiering.InterpreterOnly => int.MaxValue,
        _ => throw new System.Diagnostics.UnreachableException(tiering.ToString()),
    };
}
