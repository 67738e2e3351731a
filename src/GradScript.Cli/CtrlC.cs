namespace GradScript.Cli;

using System.Runtime.InteropServices;

/// <summary>
/// Ctrl-C for the whole process. The first one cancels <see cref="Token"/>: a running script stops
/// at its next step and exits with 130 after printing <c>KeyboardInterrupt</c>, and the process is
/// not killed, so output so far is flushed. A second one, for a script stuck where the engine does
/// not look, ends the process. While the REPL runs it decides instead (<see cref="Divert"/>).
/// <para>
/// It listens to SIGINT (Ctrl-C on Windows too) with <see cref="PosixSignalRegistration"/>, not
/// <see cref="Console.CancelKeyPress"/>: that event first sets up the whole console (its encodings
/// and <see cref="Console.Out"/>, which a script run never uses), about 3 ms of every start.
/// </para>
/// <para>
/// .NET leaves alone a SIGINT the process inherited as ignored (a shell's background job,
/// <c>nohup</c>), which is right for a script: Ctrl-C at the terminal is not meant for it. A notebook
/// kernel is another matter: its client interrupts a cell with SIGINT, and a notebook server started
/// in the background would pass the ignored disposition on to every kernel it starts. So a kernel
/// takes SIGINT back (as ipykernel installs its own handler) before .NET reads the disposition.
/// </para>
/// </summary>
internal sealed class CtrlC : IDisposable
{
    private readonly CancellationTokenSource _pressed = new();
    private readonly PosixSignalRegistration _registration;
    private Func<bool>? _diverted;

    /// <summary>Starts listening for Ctrl-C.</summary>
    /// <param name="evenIfIgnored">Also when the process inherited SIGINT as ignored: for a kernel, whose client interrupts with it.</param>
    public CtrlC(bool evenIfIgnored = false)
    {
        // Must come first: .NET reads the inherited disposition once, when its signal handling starts.
        if (evenIfIgnored && !OperatingSystem.IsWindows()) _ = Signal(Sigint, DefaultAction);
        _registration = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
    }

    /// <summary>Cancelled by the first Ctrl-C.</summary>
    public CancellationToken Token => _pressed.Token;

    /// <summary>
    /// Hands every Ctrl-C to <paramref name="handler"/> until the result is disposed. The handler
    /// returns true to keep the process running, false to let Ctrl-C end it.
    /// </summary>
    public IDisposable Divert(Func<bool> handler)
    {
        Volatile.Write(ref _diverted, handler);
        return new Diversion(this);
    }

    /// <summary>Stops listening: Ctrl-C ends the process again.</summary>
    // The token source is left undisposed: a signal already being handled may still cancel it.
    public void Dispose() => _registration.Dispose();

    // Runs on a thread of its own; setting Cancel keeps the process alive.
    private void OnSignal(PosixSignalContext context)
    {
        if (Volatile.Read(ref _diverted) is { } handler)
        {
            context.Cancel = handler();
            return;
        }
        if (_pressed.IsCancellationRequested) return;
        context.Cancel = true;
        _pressed.Cancel();
    }

    private const int Sigint = 2; // the same number on every Unix .NET runs on
    private const nint DefaultAction = 0; // SIG_DFL

    [DllImport("libc", EntryPoint = "signal")]
    private static extern nint Signal(int signal, nint action);

    private sealed class Diversion(CtrlC owner) : IDisposable
    {
        public void Dispose() => Volatile.Write(ref owner._diverted, null);
    }
}
