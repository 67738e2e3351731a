namespace GradScript.Tests;

using System.Runtime.InteropServices;

/// <summary>
/// The processor time the calling thread has used. Where promptness is the behaviour under test
/// (a timeout stops a run, a bomb ends, a parse is linear), this is what a test bounds: the
/// machine's load stretches wall-clock time, but not the time the code itself runs.
/// </summary>
internal static class ThreadCpuTime
{
    /// <summary>The calling thread's user and system time so far.</summary>
    public static TimeSpan Now()
    {
        if (OperatingSystem.IsWindows())
        {
            if (!GetThreadTimes(GetCurrentThread(), out _, out _, out long kernel, out long user)) throw new InvalidOperationException("GetThreadTimes failed");
            return TimeSpan.FromTicks(kernel + user);
        }
        // CLOCK_THREAD_CPUTIME_ID: 3 on Linux, 16 on macOS.
        int clock = OperatingSystem.IsMacOS() ? 16 : 3;
        if (clock_gettime(clock, out var time) != 0) throw new InvalidOperationException("clock_gettime failed");
        return TimeSpan.FromTicks(time.Seconds * TimeSpan.TicksPerSecond + time.Nanoseconds / 100);
    }

    /// <summary>Runs <paramref name="work"/> and returns the processor time this thread spent on it.</summary>
    public static TimeSpan Of(Action work)
    {
        var start = Now();
        work();
        return Now() - start;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int clock_gettime(int clock, out TimeSpec time);

    [DllImport("kernel32")]
    private static extern IntPtr GetCurrentThread();

    [DllImport("kernel32", SetLastError = true)]
    private static extern bool GetThreadTimes(IntPtr thread, out long creation, out long exit, out long kernel, out long user);
}
