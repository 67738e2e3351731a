using System.Runtime.CompilerServices;

namespace GradScript.Syntax;

/// <summary>
/// Whether the current thread's stack can take a given number of bytes more.
/// <see cref="RuntimeHelpers.TryEnsureSufficientExecutionStack"/> answers only for a fixed reserve
/// (128 KB on 64-bit .NET). Some of ANTLR's recursion needs an amount that grows with the input,
/// and .NET cannot tell how big a thread's stack is. So the probe takes the stack it asks about,
/// a chunk at a time, and asks the runtime for its reserve below each chunk: it never reaches past
/// what the runtime has just said is there.
/// </summary>
internal static class StackBudget
{
    private const int Chunk = 16 * 1024;

    /// <summary>True when <paramref name="bytes"/> more, plus the runtime's reserve, fit on this thread's stack.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static bool Holds(int bytes)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack()) return false;
        if (bytes <= 0) return true;
        Span<byte> chunk = stackalloc byte[Chunk];
        // Reading the chunk after the call keeps it (and the frame) alive: no tail call may drop it.
        return Holds(bytes - Chunk) && chunk[Chunk - 1] == 0;
    }
}
