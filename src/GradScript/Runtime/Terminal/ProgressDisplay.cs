namespace GradScript.Runtime.Terminal;

/// <summary>
/// An engine's progress bars (<c>progress</c>, <c>progress_note</c>): on when
/// <see cref="EngineOptions.ShowProgress"/> says the error writer is a terminal, off otherwise, when
/// every call here does nothing, so a script's output is the same wherever it runs. One bar at a
/// time: a <c>progress</c> loop inside another runs without a bar of its own, and notes go to the
/// outer one (a single line cannot show two).
/// </summary>
internal sealed class ProgressDisplay(TextWriter error, bool enabled, int columns)
{
    private ProgressBar? _active;

    /// <summary>Where the bars read the time; tests put a fake clock here.</summary>
    internal TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Starts a bar for a loop of <paramref name="total"/> items; null when there is to be none.</summary>
    public ProgressBar? Begin(long total)
    {
        if (!enabled || _active is not null) return null;
        _active = new ProgressBar(error, Clock, total, columns);
        _active.Start();
        return _active;
    }

    /// <summary>Ends the bar <see cref="Begin"/> gave: its last state stays on the screen, and the line ends.</summary>
    public void End(ProgressBar bar)
    {
        _active = null;
        bar.Finish();
    }

    /// <summary>Shows <paramref name="text"/> as <c>name=text</c> on the bar being drawn, if there is one.</summary>
    public void Note(string name, string text) => _active?.Note(name, text);

    /// <summary>Called before the script writes to its output, which may be the same terminal: blanks the bar's line.</summary>
    public void BeforeOutput() => _active?.Clear();
}
