namespace GradScript.Cli.Repl;

using System.Collections.Concurrent;

/// <summary>
/// One long-lived thread with the large stack of <see cref="ScriptThread{T}"/>, on which a REPL
/// session runs its inputs one after another. Starting a thread with a 256 MB stack costs about a
/// millisecond, which a file pays once but a session would pay on every line it reads (a piped
/// session of ten thousand lines spent most of its time there); this pays it once per session.
/// <para>
/// Work that never finishes (an input that ignores its cancellation) keeps this thread; the
/// runner then gives up on it and starts another. The thread is a background thread, so a
/// thread given up on never keeps the process alive.
/// </para>
/// </summary>
internal sealed class SessionThread
{
    private readonly BlockingCollection<Job> _jobs = new();

    /// <summary>Starts the thread, which then waits for work.</summary>
    public SessionThread()
    {
        var thread = new Thread(Serve, ScriptThread<int>.StackSize) { IsBackground = true, Name = "gradscript repl" };
        thread.Start();
    }

    /// <summary>Queues <paramref name="work"/>; the returned job says when it has run.</summary>
    public Job Post(Action work)
    {
        var job = new Job(work);
        _jobs.Add(job);
        return job;
    }

    /// <summary>Takes no more work: the thread ends once the job it is running, if any, returns.</summary>
    public void Retire() => _jobs.CompleteAdding();

    private void Serve()
    {
        foreach (var job in _jobs.GetConsumingEnumerable()) job.Execute();
    }

    /// <summary>One piece of work for the thread, and the signal that it has run.</summary>
    /// <param name="work">What to run; it must not throw (the runner catches what its inputs throw).</param>
    public sealed class Job(Action work)
    {
        private readonly ManualResetEventSlim _done = new();

        /// <summary>Waits up to <paramref name="timeout"/> (any length; beyond 24 days is forever); true when the job has run.</summary>
        public bool Wait(TimeSpan timeout)
        {
            if (timeout.TotalMilliseconds >= int.MaxValue)
            {
                _done.Wait();
                return true;
            }
            return _done.Wait(timeout);
        }

        internal void Execute()
        {
            try
            {
                work();
            }
            finally
            {
                _done.Set();
            }
        }
    }
}
