namespace GradScript.Cli.Kernel;

using System.Text;

/// <summary>
/// What a running cell writes to standard output and standard error, gathered into Jupyter
/// <c>stream</c> messages. Text is held until a flush: at the end of a line when the last message
/// left over <see cref="Interval"/> ago, when <see cref="FlushAll"/> is called (before a result,
/// a picture or an error, so they stay in order), and every <see cref="Interval"/> by a timer, so a
/// long cell shows its output as it goes without sending a message per <c>print</c>. Writing to
/// the other stream first flushes this one, so the two stay interleaved as they were written. A
/// progress bar's carriage returns go out as they are: notebooks redraw the line, as for tqdm.
/// </summary>
internal sealed class CellOutput : IDisposable
{
    /// <summary>The longest text is held before it is sent.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private const int MaxHeld = 1 << 16;

    private readonly Lock _gate = new();
    private readonly StringBuilder _held = new();
    private readonly Action<string, string> _send;
    private readonly Timer _timer;
    private string _heldName = "stdout";
    private long _lastSent;

    /// <summary>Starts gathering; <paramref name="send"/> takes a stream's name and text.</summary>
    public CellOutput(Action<string, string> send)
    {
        _send = send;
        Out = new Writer(this, "stdout");
        Error = new Writer(this, "stderr");
        _timer = new Timer(_ => FlushAll(), null, Interval, Interval);
    }

    /// <summary>Standard output: what <c>print</c> writes.</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error: warnings, progress bars, meta-command errors.</summary>
    public TextWriter Error { get; }

    /// <summary>Sends whatever is held.</summary>
    public void FlushAll()
    {
        lock (_gate)
        {
            if (_held.Length == 0) return;
            string text = _held.ToString();
            _held.Clear();
            _lastSent = Environment.TickCount64;
            _send(_heldName, text);
        }
    }

    /// <summary>Stops the timer; what is held is sent.</summary>
    public void Dispose()
    {
        _timer.Dispose();
        FlushAll();
    }

    private void Write(string name, ReadOnlySpan<char> text)
    {
        lock (_gate)
        {
            if (name != _heldName)
            {
                FlushAll();
                _heldName = name;
            }
            _held.Append(text);
            bool lineEnded = text.Length > 0 && text[^1] == '\n';
            if (_held.Length >= MaxHeld || (lineEnded && Environment.TickCount64 - _lastSent >= Interval.TotalMilliseconds)) FlushAll();
        }
    }

    private sealed class Writer(CellOutput owner, string name) : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => owner.Write(name, [value]);

        public override void Write(string? value) => owner.Write(name, value);

        public override void Write(char[] buffer, int index, int count) => owner.Write(name, buffer.AsSpan(index, count));

        public override void Write(ReadOnlySpan<char> buffer) => owner.Write(name, buffer);

        // A progress bar flushes after each redraw: that is when the line should change on screen.
        public override void Flush() => owner.FlushAll();
    }
}
