namespace GradScript.Tests;

/// <summary>Runs code on a thread with a small stack, as a host's worker thread might have.</summary>
internal static class SmallStack
{
    /// <summary>Runs <paramref name="work"/> on a thread of <paramref name="stackBytes"/>; returns what it threw, or null.</summary>
    public static Exception? Run(Action work, int stackBytes)
    {
        Exception? caught = null;
        var thread = new Thread(() =>
        {
            try { work(); }
            catch (Exception e) { caught = e; }
        }, stackBytes);
        thread.Start();
        thread.Join();
        return caught;
    }
}
