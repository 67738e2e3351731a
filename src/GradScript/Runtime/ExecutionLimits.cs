namespace GradScript.Runtime;

using System.Diagnostics;
using System.Runtime.CompilerServices;
using GradScript.Autograd;
using GradScript.Diagnostics;

/// <summary>
/// The execution limits of one engine's runs (<see cref="EngineOptions"/>): steps, time,
/// cancellation, memory and call depth. Loops and calls count steps with <see cref="Tick"/>; long
/// builtins and backward look with <see cref="CheckLimits"/>; every look that finds a limit passed
/// throws a <see cref="ScriptLimitException"/> at the place given.
/// </summary>
internal sealed class ExecutionLimits(EngineOptions options) : IExecutionLimits
{
    /// <summary>Steps between two looks at the clock and the cancellation token.</summary>
    private const int ClockInterval = 1024;

    private static readonly TimeSpan TimerMargin = TimeSpan.FromMilliseconds(5);

    /// <summary>Allocations from this size on look at the memory limit first (see <see cref="Reserve"/>).</summary>
    public const long LargeAllocation = 1 << 20;

    /// <summary>Managed heap bytes beyond which a run stops (<see cref="EngineOptions.MaxMemory"/>).</summary>
    private readonly long _memoryLimit = options.MaxMemory ?? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4 * 3;

    private long _steps;
    private long _nextCheck;
    private long _deadline;
    private CancellationToken _cancellation;

    /// <summary>
    /// Set from another thread when the deadline passes or the run is cancelled, so that the next
    /// step looks at the limits at once: a loop whose every step is slow (a large allocation, a
    /// long builtin) would otherwise run <see cref="ClockInterval"/> of those steps first.
    /// </summary>
    private volatile bool _interrupted;
    private Timer? _deadlineTimer;
    private CancellationTokenRegistration _cancellationRegistration;

    /// <summary>Active script-function calls.</summary>
    public int CallDepth;

    /// <summary>Script-function calls that may be active at once (<see cref="EngineOptions.MaxCallDepth"/>).</summary>
    public int MaxCallDepth => options.MaxCallDepth;

    /// <summary>Steps taken by the current run: loop iterations and calls.</summary>
    public long Steps => _steps;

    /// <summary>Resets the limits for a new run.</summary>
    public void BeginRun(CancellationToken cancellation)
    {
        _cancellation = cancellation;
        _steps = 0;
        CallDepth = 0;
        _deadline = options.Timeout is { } timeout ? Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;
        ScheduleNextCheck();
        _interrupted = false;
        // The timer fires a little after the deadline, since its coarse clock may run ahead of the
        // Stopwatch; it cannot wait longer than about 49 days, and beyond that the periodic check is enough.
        if (options.Timeout is { } due && due < TimeSpan.FromDays(40))
            _deadlineTimer = new Timer(static state => ((ExecutionLimits)state!)._interrupted = true, this,
                (due < TimeSpan.Zero ? TimeSpan.Zero : due) + TimerMargin, System.Threading.Timeout.InfiniteTimeSpan);
        if (cancellation.CanBeCanceled)
            _cancellationRegistration = cancellation.UnsafeRegister(static state => ((ExecutionLimits)state!)._interrupted = true, this);
    }

    /// <summary>
    /// Resets the limits for a run that takes its steps only through <see cref="TryAdvance"/> and
    /// never runs long (a generated adjoint: at most a few thousand operations, no loop of its own),
    /// without what <see cref="BeginRun"/> sets up for a run that may: no deadline timer and no
    /// cancellation registration, so it allocates nothing. Such a run never looks at the clock, as an
    /// interpreted run of the same few steps would not (it looks every <see cref="ClockInterval"/>
    /// steps, or when the timer fired, which takes the timeout itself). False, resetting nothing, when
    /// <paramref name="cancellation"/> is already cancelled: the caller then makes a full run, which
    /// stops at its first step as an interpreted run does. Needs no <see cref="EndRun"/>.
    /// </summary>
    public bool TryBeginBoundedRun(CancellationToken cancellation)
    {
        if (cancellation.IsCancellationRequested) return false;
        _cancellation = cancellation;
        _steps = 0;
        CallDepth = 0;
        _interrupted = false;
        ScheduleNextCheck();
        return true;
    }

    /// <summary>
    /// Begins a run that takes <paramref name="steps"/> steps at once and reads nothing else of the
    /// limits (a host's call of a generated adjoint whose steps an earlier run of the same call showed
    /// to come before a run's first look at the limits, see <c>HostAdjoint</c>): only the step count
    /// is set, as <see cref="TryBeginBoundedRun"/> and <see cref="TryAdvance"/> would leave it, for
    /// <see cref="Steps"/>. The rest (depth, the next look, the token) is reset by whichever run reads
    /// it next, as every other run begins with <see cref="BeginRun"/> or <see cref="TryBeginBoundedRun"/>.
    /// </summary>
    public void BeginCountedRun(long steps) => _steps = steps;

    /// <summary>Releases the deadline timer and the cancellation registration of the run that ends.</summary>
    public void EndRun()
    {
        _deadlineTimer?.Dispose();
        _deadlineTimer = null;
        _cancellationRegistration.Dispose();
        _cancellationRegistration = default;
    }

    /// <summary>Counts one step (a loop iteration or a call) and enforces the limits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Tick(in SourceSpan at)
    {
        if (++_steps >= _nextCheck || _interrupted) CheckLimits(at);
    }

    /// <summary>
    /// Counts <paramref name="steps"/> steps at once when none of them would look at the limits (no
    /// periodic look, no step limit reached, no timeout or cancellation pending); false, counting
    /// none, otherwise. For code that takes its steps without the interpreter (a generated adjoint),
    /// which then leaves the steps to the interpreter, so every limit acts where it would.
    /// </summary>
    public bool TryAdvance(long steps)
    {
        if (_steps + steps >= _nextCheck || _interrupted) return false;
        _steps += steps;
        return true;
    }

    /// <summary>Enforces time and cancellation inside long builtins and backward, without counting a step.</summary>
    public void CheckLimits(in SourceSpan at)
    {
        // Cleared first: whatever set it (a cancelled token, a clock past the deadline) is seen by the
        // looks below. If none of them throws, it was a timer of an earlier run that fired late.
        _interrupted = false;
        if (options.MaxSteps is { } max && _steps > max)
            throw new ScriptLimitException($"step limit exceeded (more than {max} steps)", at);
        _cancellation.ThrowIfCancellationRequested();
        if (Stopwatch.GetTimestamp() > _deadline)
            throw new ScriptLimitException($"time limit exceeded ({options.Timeout!.Value.TotalSeconds:0.###} s)", at);
        if (GC.GetTotalMemory(forceFullCollection: false) > _memoryLimit) CheckMemory(0, at);
        ScheduleNextCheck();
    }

    void IExecutionLimits.Check(in SourceSpan at) => CheckLimits(at);

    /// <summary>
    /// Looks at the memory limit before an operation allocates about <paramref name="bytes"/> at
    /// once, when that is a lot: a loop of large allocations would otherwise fill memory between two
    /// periodic looks.
    /// </summary>
    public void Reserve(long bytes, in SourceSpan at)
    {
        if (bytes >= LargeAllocation && GC.GetTotalMemory(forceFullCollection: false) + bytes > _memoryLimit) CheckMemory(bytes, at);
    }

    // The heap counted so far may be mostly garbage: only what a full collection leaves counts.
    // A heap still within a tenth of the limit after one is refused too, so that a script living
    // just under the limit cannot make every look collect.
    private void CheckMemory(long bytes, in SourceSpan at)
    {
        GC.Collect();
        if (GC.GetTotalMemory(forceFullCollection: false) + bytes > _memoryLimit - _memoryLimit / 10)
            throw new ScriptLimitException($"memory limit exceeded ({_memoryLimit / (1 << 20)} MB)", at);
    }

    private void ScheduleNextCheck()
    {
        long next = _steps + ClockInterval;
        if (options.MaxSteps is { } max && max + 1 < next) next = max + 1;
        _nextCheck = next;
    }
}
