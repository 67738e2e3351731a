namespace GradScript.Tests.Runtime;

using GradScript.Cli;
using GradScript.Runtime.Terminal;
using Xunit;

/// <summary>
/// The progress bar of <c>for … in progress(…)</c>: its text (<see cref="ProgressBar.Render"/>),
/// its throttled redrawing on a fake clock, and when an engine or the CLI draws it at all.
/// </summary>
public class ProgressBarTests
{
    private static readonly (string, string)[] NoNotes = [];

    [Fact]
    public void AMidwayLineShowsPercentBarCountTimesRateAndNotes() =>
        Assert.Equal(
            " 42%|████████▍           | 420/1000 [00:03<00:04, 120.00it/s, loss=0.0123, lr=0.1]",
            ProgressBar.Render(420, 1000, TimeSpan.FromSeconds(3.5), [("loss", "0.0123"), ("lr", "0.1")], 200));

    [Fact]
    public void AtTheStartTheRateAndTimeLeftAreUnknown() =>
        Assert.Equal("  0%|                    | 0/1000 [00:00<?, ?it/s]", ProgressBar.Render(0, 1000, TimeSpan.Zero, NoNotes, 200));

    [Fact]
    public void AtTheEndTheBarIsFull() =>
        Assert.Equal("100%|████████████████████| 1000/1000 [00:10<00:00, 100.00it/s]",
            ProgressBar.Render(1000, 1000, TimeSpan.FromSeconds(10), NoNotes, 200));

    [Fact]
    public void ASlowLoopShowsSecondsPerItem() =>
        Assert.Equal(" 20%|████                | 2/10 [00:05<00:20, 2.50s/it]",
            ProgressBar.Render(2, 10, TimeSpan.FromSeconds(5), NoNotes, 200));

    [Fact]
    public void WithoutAUsableTotalOnlyTheCountIsShown()
    {
        Assert.Equal("5it [00:02, 2.50it/s]", ProgressBar.Render(5, 0, TimeSpan.FromSeconds(2), NoNotes, 200));
        Assert.Equal("12it [00:02, 6.00it/s, n=1]", ProgressBar.Render(12, 10, TimeSpan.FromSeconds(2), [("n", "1")], 200));
    }

    [Theory]
    [InlineData(0, "00:00")]
    [InlineData(59.9, "00:59")]
    [InlineData(61, "01:01")]
    [InlineData(3725, "1:02:05")]
    [InlineData(36000, "10:00:00")]
    public void TimesAreMinutesAndSecondsOrHoursMinutesAndSeconds(double seconds, string expected) =>
        Assert.Equal(expected, ProgressBar.Interval(seconds));

    [Fact]
    public void TheLineIsCutOneColumnShortOfTheTerminalSoItNeverWraps()
    {
        string line = ProgressBar.Render(1, 3, TimeSpan.FromSeconds(1), [("loss", "0.25")], 30);
        Assert.Equal(29, line.Length);
        Assert.StartsWith(" 33%|██████▋", line);
    }

    [Fact]
    public void RedrawsAreThrottledAndFinishEndsTheLine()
    {
        var clock = new FakeClock();
        var writer = new StringWriter();
        var bar = new ProgressBar(writer, clock, 10, 200);
        bar.Start();
        for (int i = 0; i < 5; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(10));
            bar.Advance();
        }
        Assert.Equal(1, Draws(writer));             // only the first drawing, at 0
        clock.Advance(TimeSpan.FromMilliseconds(60));
        bar.Advance();                              // 110 ms after it
        Assert.Equal(2, Draws(writer));
        Assert.EndsWith("| 6/10 [00:00<00:00, 54.55it/s]", writer.ToString());
        bar.Advance();
        bar.Finish();
        Assert.Equal(3, Draws(writer));
        Assert.EndsWith("\r 70%|██████████████      | 7/10 [00:00<00:00, 63.64it/s]\n", writer.ToString());
    }

    [Fact]
    public void AShorterLineWipesTheRestOfTheLongerOneAndClearBlanksIt()
    {
        var clock = new FakeClock();
        var writer = new StringWriter();
        var bar = new ProgressBar(writer, clock, 0, 200);
        bar.Note("loss", "123.456");
        bar.Start();
        string first = writer.ToString();
        bar.Note("loss", "1");
        clock.Advance(TimeSpan.FromSeconds(1));
        bar.Advance();
        Assert.Equal("\r0it [00:00, ?it/s, loss=123.456]", first);
        Assert.Equal(first + "\r1it [00:01, 1.00it/s, loss=1]   ", writer.ToString());
        bar.Clear();
        Assert.EndsWith("\r" + new string(' ', 29) + "\r", writer.ToString());
    }

    [Fact]
    public void AnEngineWithProgressOnDrawsTheOuterLoopsBarAndNotesOnStandardError()
    {
        var (output, error) = RunWithProgress("""
            for i in progress(0..3) {
                for j in progress(0..2) { }
                progress_note("loss", 1 / (i + 3))
                progress_note("i", i)
            }
            print("done")
            """);
        Assert.Equal("done\n", output);
        Assert.StartsWith("\r  0%|                    | 0/3 [00:00<?, ?it/s]", error);
        Assert.EndsWith("| 3/3 [00:00<00:00, 12.50it/s, loss=0.2, i=2]\n", error);
        Assert.Single(error.Split('\n'), line => line.Length > 0);   // one bar, one line: the inner loops drew none
    }

    [Fact]
    public void PrintingInsideTheLoopBlanksTheBarFirst()
    {
        var (output, error) = RunWithProgress("for i in progress(0..2) { print(i) }");
        Assert.Equal("0\n1\n", output);
        Assert.Contains("\r" + new string(' ', "  0%|                    | 0/2 [00:00<?, ?it/s]".Length) + "\r", error);
    }

    [Fact]
    public void AnErrorInTheLoopStillEndsTheBarsLine()
    {
        var error = new StringWriter();
        var engine = new Engine(new EngineOptions { Output = TextWriter.Null, Error = error, ShowProgress = true });
        engine.Interpreter.Progress.Clock = new FakeClock();
        Assert.Throws<ScriptRuntimeException>(() => engine.Run("for i in progress(0..5) { if i == 2 { x = 1 // 0 } }"));
        Assert.EndsWith("| 2/5 [00:00<?, ?it/s]\n", error.ToString());
    }

    [Fact]
    public void ATerminalThatHasGoneAwayStopsTheBarNotTheScript()
    {
        var output = new StringWriter();
        var engine = new Engine(new EngineOptions { Output = output, Error = new BrokenWriter(), ShowProgress = true });
        engine.Run("for i in progress(0..3) { print(i) }");
        Assert.Equal("0\n1\n2\n", output.ToString());
    }

    [Fact]
    public void ByDefaultAnEngineDrawsNothing()
    {
        var error = new StringWriter();
        new Engine(new EngineOptions { Output = TextWriter.Null, Error = error }).Run("for i in progress(0..3) { progress_note(\"i\", i) }");
        Assert.Equal("", error.ToString());
    }

    [Fact]
    public void TheCommandLineDrawsTheBarOnlyWhenStandardErrorIsATerminal()
    {
        const string script = "for i in progress(0..3) { }\nprint(1)";
        var terminal = new StringWriter();
        var redirected = new StringWriter();
        var stdout = new StringWriter();
        Assert.Equal(0, new ScriptRunner(RunLimits.None, new CliConsole(TextReader.Null, stdout, terminal, ErrorTerminalWidth: 40)).RunCode(script, "<t>", []));
        Assert.Equal(0, new ScriptRunner(RunLimits.None, new CliConsole(TextReader.Null, stdout, redirected)).RunCode(script, "<t>", []));
        Assert.Equal("1\n1\n", stdout.ToString());
        Assert.Equal("", redirected.ToString());
        Assert.Contains("| 3/3 [", terminal.ToString());
        Assert.EndsWith("\n", terminal.ToString());
        Assert.All(terminal.ToString().Split('\r', '\n'), line => Assert.True(line.TrimEnd().Length < 40, line));
    }

    /// <summary>Runs a script with bars on, on a clock that moves 40 ms each time it is read.</summary>
    private static (string Output, string Error) RunWithProgress(string source)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var engine = new Engine(new EngineOptions { Output = output, Error = error, ShowProgress = true });
        engine.Interpreter.Progress.Clock = new FakeClock(step: TimeSpan.FromMilliseconds(40));
        engine.Run(source);
        return (output.ToString(), error.ToString());
    }

    private sealed class BrokenWriter : StringWriter
    {
        public override void Write(string? value) => throw new IOException("broken pipe");
    }

    private static int Draws(StringWriter writer) => writer.ToString().Count(c => c == '\r');

    /// <summary>A clock that moves when told, and by <paramref name="step"/> each time it is read.</summary>
    private sealed class FakeClock(TimeSpan step = default) : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp()
        {
            long now = _ticks;
            _ticks += step.Ticks;
            return now;
        }

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
