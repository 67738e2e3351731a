namespace GradScript.Cli.Kernel;

using System.Diagnostics;
using System.Globalization;

/// <summary>
/// Ends the kernel when the client that started it is gone. jupyter_client names itself in
/// <c>JPY_PARENT_PID</c> when it starts a kernel it owns; a client that dies without a shutdown
/// request (killed, crashed) would otherwise leave the kernel running forever, holding its ports.
/// Looked at every <see cref="Interval"/>; without the variable (or on Windows, where it holds a
/// handle, not a process id) nothing is watched.
/// </summary>
internal sealed class ParentWatch : IDisposable
{
    /// <summary>How often the parent is looked for.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    /// <summary>The variable jupyter_client sets.</summary>
    public const string Variable = "JPY_PARENT_PID";

    private readonly Timer? _timer;

    /// <summary>Calls <paramref name="gone"/> once, when the process named in <paramref name="parentId"/> has ended.</summary>
    public ParentWatch(string? parentId, Action<int> gone)
    {
        if (OperatingSystem.IsWindows() || !int.TryParse(parentId, NumberStyles.None, CultureInfo.InvariantCulture, out int pid) || pid <= 1) return;
        int fired = 0;
        _timer = new Timer(_ =>
        {
            if (!IsRunning(pid) && Interlocked.Exchange(ref fired, 1) == 0) gone(pid);
        }, null, Interval, Interval);
    }

    /// <summary>Stops watching.</summary>
    public void Dispose() => _timer?.Dispose();

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
