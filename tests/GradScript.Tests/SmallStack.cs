namespace GradScript.Tests;

/// <summary>Runs code on a thread with a small stack, as a host's worker thread might have.</summary>
internal static class SmallStack
{
    /// <summary>
    /// How long the work may take. Far beyond what any caller needs even on a loaded machine: it is
    /// there so that a hang fails its test, naming it, instead of stalling the whole run.
    /// </summary>
    public static readonly TimeSpan HangTimeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Runs <paramref name="work"/> on a thread of <paramref name="stackBytes"/>; returns what it threw,
    /// or null. Throws <see cref="TimeoutException"/> if it has not ended after <see cref="HangTimeout"/>.
    /// </summary>
    public static Exception? Run(Action work, int stackBytes)
    {
        Exception? caught = null;
        var thread = new Thread(() =>
        {
            try { work(); }
            catch (Exception e) { caught = e; }
        }, stackBytes) { IsBackground = true };   // a hung thread must not keep the test process alive
        thread.Start();
        if (!thread.Join(HangTimeout))
            throw new TimeoutException($"the work on a {stackBytes / 1024} KB thread did not end within {HangTimeout.TotalMinutes} minutes");
        return caught;
    }
}
