namespace GradScript.Runtime.Terminal;

using System.Globalization;
using System.Text;

/// <summary>
/// One tqdm-style progress line on a terminal, redrawn in place with a carriage return:
/// <code>
///  42%|████████▍           | 420/1000 [00:03&lt;00:04, 120.50it/s, loss=0.0123]
/// </code>
/// percentage, bar, count and total, elapsed time, estimated time left, rate, then the notes
/// (<c>progress_note</c>) in the order they were first given. Redraws are throttled to one per
/// <see cref="RedrawInterval"/> (tqdm's default too), so a fast loop spends its time on its body;
/// <see cref="Finish"/> draws the final state and ends the line. Time comes from a
/// <see cref="TimeProvider"/>, so tests drive it with a fake clock.
/// </summary>
internal sealed class ProgressBar
{
    /// <summary>The least time between two redraws: ten a second look smooth and cost nothing.</summary>
    public static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Cells of the bar itself: with the counts and times beside it, the line fits 80 columns.</summary>
    public const int BarCells = 20;

    /// <summary>Partial cells in eighths, as tqdm draws them: index n is n/8 of a cell.</summary>
    private const string Eighths = " ▏▎▍▌▋▊▉";

    private readonly TextWriter _writer;
    private readonly TimeProvider _clock;
    private readonly long _total;
    private readonly int _columns;
    private readonly List<(string Name, string Text)> _notes = [];
    private long _start, _lastDraw;
    private int _drawnLength;
    private bool _broken;

    /// <summary>A bar for a loop of <paramref name="total"/> items.</summary>
    /// <param name="writer">The terminal's writer.</param>
    /// <param name="clock">Where the time comes from.</param>
    /// <param name="total">The number of items; 0 or less shows a count without a bar.</param>
    /// <param name="columns">The terminal's width; the line is cut to one less, so it never wraps.</param>
    public ProgressBar(TextWriter writer, TimeProvider clock, long total, int columns)
    {
        _writer = writer;
        _clock = clock;
        _total = total;
        _columns = columns;
    }

    /// <summary>Items done so far.</summary>
    public long Count { get; private set; }

    /// <summary>Starts the clock and draws the bar at 0.</summary>
    public void Start()
    {
        _start = _clock.GetTimestamp();
        Draw();
    }

    /// <summary>Counts one finished item; redraws when the last drawing is old enough.</summary>
    public void Advance()
    {
        Count++;
        if (_clock.GetElapsedTime(_lastDraw) >= RedrawInterval) Draw();
    }

    /// <summary>Sets the note <paramref name="name"/>, shown from the next redraw on.</summary>
    public void Note(string name, string text)
    {
        int i = _notes.FindIndex(n => n.Name == name);
        if (i >= 0) _notes[i] = (name, text);
        else _notes.Add((name, text));
    }

    /// <summary>Blanks the line so other output can start at its beginning; the next redraw brings the bar back.</summary>
    public void Clear()
    {
        if (_drawnLength == 0) return;
        Write("\r" + new string(' ', _drawnLength) + "\r");
        _drawnLength = 0;
    }

    /// <summary>Draws the final state and ends the line.</summary>
    public void Finish()
    {
        Draw();
        Write("\n");
    }

    private void Draw()
    {
        long now = _clock.GetTimestamp();
        string line = Render(Count, _total, _clock.GetElapsedTime(_start, now), _notes, _columns);
        // Spaces wipe what is left of a longer line drawn before.
        Write("\r" + line + new string(' ', Math.Max(0, _drawnLength - line.Length)));
        _drawnLength = line.Length;
        _lastDraw = now;
    }

    // A bar is decoration: a terminal that has gone away stops it, never the script.
    private void Write(string text)
    {
        if (_broken) return;
        try
        {
            _writer.Write(text);
            _writer.Flush();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            _broken = true;
        }
    }

    /// <summary>
    /// The text of the line. With a known total (above 0, not yet exceeded):
    /// <c> 42%|████████▍           | 420/1000 [00:03&lt;00:04, 120.50it/s, loss=0.0123]</c>;
    /// otherwise tqdm's form without a total: <c>420it [00:03, 120.50it/s]</c>. The rate is
    /// <c>?it/s</c> until there is one, and seconds per item below one item a second.
    /// </summary>
    public static string Render(long count, long total, TimeSpan elapsed, IReadOnlyList<(string Name, string Text)> notes, int columns)
    {
        double seconds = elapsed.TotalSeconds;
        double rate = count > 0 && seconds > 0 ? count / seconds : double.NaN;
        var line = new StringBuilder();
        if (total > 0 && count <= total)
        {
            double fraction = (double)count / total;
            line.Append(((long)(fraction * 100)).ToString(CultureInfo.InvariantCulture).PadLeft(3)).Append("%|");
            AppendBar(line, fraction);
            line.Append("| ").Append(count).Append('/').Append(total);
            line.Append(" [").Append(Interval(seconds)).Append('<');
            line.Append(double.IsNaN(rate) ? "?" : Interval((total - count) / rate));
        }
        else
        {
            line.Append(count).Append("it [").Append(Interval(seconds));
        }
        line.Append(", ").Append(Rate(rate));
        foreach (var (name, text) in notes) line.Append(", ").Append(name).Append('=').Append(text);
        line.Append(']');
        return line.Length < columns ? line.ToString() : line.ToString(0, Math.Max(0, columns - 1));
    }

    private static void AppendBar(StringBuilder line, double fraction)
    {
        int eighths = (int)(fraction * BarCells * 8);
        int full = eighths / 8;
        line.Append('█', full);
        if (full < BarCells) line.Append(Eighths[eighths % 8]).Append(' ', BarCells - full - 1);
    }

    private static string Rate(double rate) =>
        double.IsNaN(rate) ? "?it/s"
        : rate >= 1 ? rate.ToString("0.00", CultureInfo.InvariantCulture) + "it/s"
        : (1 / rate).ToString("0.00", CultureInfo.InvariantCulture) + "s/it";

    /// <summary>tqdm's time format: <c>mm:ss</c>, or <c>h:mm:ss</c> from an hour on.</summary>
    internal static string Interval(double seconds)
    {
        long total = (long)Math.Min(seconds, 1e12);
        long hours = total / 3600, minutes = total / 60 % 60, rest = total % 60;
        return hours > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{hours}:{minutes:00}:{rest:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{minutes:00}:{rest:00}");
    }
}
