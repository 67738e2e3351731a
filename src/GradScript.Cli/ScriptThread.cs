namespace GradScript.Cli;

using System.Runtime.ExceptionServices;

/// <summary>
/// Runs a script's work on a thread of its own with a large stack. A tree-walking interpreter uses
/// native stack for each script call, and the default 1 MB (8 MB on Linux's main thread) would end
/// deep but legal recursion long before the engine's call-depth limit; the engine still guards the
/// stack itself, so a deeper script gets "maximum call depth exceeded", never a crash.
/// </summary>
/// <typeparam name="T">What the work returns.</typeparam>
internal sealed class ScriptThread<T>
{
    /// <summary>256 MB of stack: thousands of nested script calls, committed only as it is used.</summary>
    public const int StackSize = 256 * 1024 * 1024;

    private readonly Thread _thread;
    private T? _result;
    private ExceptionDispatchInfo? _failure;

    /// <summary>Starts <paramref name="work"/> at once on a new background thread.</summary>
    public ScriptThread(Func<T> work)
    {
        // A background thread: a script abandoned past its time limit must not keep the process alive.
        _thread = new Thread(() => Execute(work), StackSize) { IsBackground = true, Name = "gradscript script" };
        _thread.Start();
    }

    /// <summary>Waits up to <paramref name="timeout"/>; true when the work has finished.</summary>
    public bool Join(TimeSpan timeout)
    {
        // Thread.Join takes at most int.MaxValue milliseconds (24.8 days); longer is forever.
        if (timeout.TotalMilliseconds >= int.MaxValue)
        {
            _thread.Join();
            return true;
        }
        return _thread.Join(timeout);
    }

    /// <summary>Waits for the work and returns its result, or rethrows what it threw, with its own stack trace.</summary>
    public T Result
    {
        get
        {
            _thread.Join();
            _failure?.Throw();
            return _result!;
        }
    }

    private void Execute(Func<T> work)
    {
        try
        {
            _result = work();
        }
        catch (Exception e)
        {
            // An exception escaping a thread ends the process; hand it to the waiting thread instead.
            _failure = ExceptionDispatchInfo.Capture(e);
        }
    }
}
