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

    /// <summary>
    /// The calling thread's time in user mode so far: the code's own work, without the kernel's. A
    /// computation that allocates much fresh memory also spends system time on the first touch of
    /// each page, which grows with what the runtime has given back to the system, not with the
    /// code (a 10⁶-term parse faulted 117,000 pages after a collection had released them, its
    /// 10⁵-term twin 1,000). On macOS, which has no per-thread split here, the total.
    /// </summary>
    public static TimeSpan UserNow()
    {
        if (OperatingSystem.IsWindows())
        {
            if (!GetThreadTimes(GetCurrentThread(), out _, out _, out _, out long user)) throw new InvalidOperationException("GetThreadTimes failed");
            return TimeSpan.FromTicks(user);
        }
        if (!OperatingSystem.IsLinux()) return Now();
        if (getrusage(RusageThread, out var usage) != 0) throw new InvalidOperationException("getrusage failed");
        return TimeSpan.FromTicks(usage.UserSeconds * TimeSpan.TicksPerSecond + usage.UserMicroseconds * 10);
    }

    /// <summary>Runs <paramref name="work"/> and returns the user-mode processor time this thread spent on it.</summary>
    public static TimeSpan UserOf(Action work)
    {
        var start = UserNow();
        work();
        return UserNow() - start;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    // Linux's getrusage: RUSAGE_THREAD, and struct rusage (144 bytes on 64-bit Linux) of which this
    // reads only the start, ru_utime (a timeval); the rest is room the call fills.
    private const int RusageThread = 1;

    [StructLayout(LayoutKind.Sequential, Size = 144)]
    private struct ResourceUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int getrusage(int who, out ResourceUsage usage);

    [DllImport("libc", SetLastError = true)]
    private static extern int clock_gettime(int clock, out TimeSpec time);

    [DllImport("kernel32")]
    private static extern IntPtr GetCurrentThread();

    [DllImport("kernel32", SetLastError = true)]
    private static extern bool GetThreadTimes(IntPtr thread, out long creation, out long exit, out long kernel, out long user);
}
