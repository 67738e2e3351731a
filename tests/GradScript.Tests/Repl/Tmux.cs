namespace GradScript.Tests.Repl;

using System.Diagnostics;

/// <summary>
/// A terminal for end-to-end tests: a detached tmux session on a server of its own, running one
/// command, with keys sent to it and its screen read back as text. Disposing kills the server.
/// </summary>
internal sealed class Tmux : IDisposable
{
    private const string Session = "repl";
    private readonly string _socket = "gradscript-test-" + Guid.NewGuid().ToString("N");

    /// <summary>Whether tmux is on PATH.</summary>
    public static bool IsInstalled { get; } = ProgramsOnPath.Find("tmux") is not null;

    /// <summary>Starts <paramref name="command"/> (a shell command line) in a 100×40 terminal.</summary>
    public Tmux(string command) =>
        Run("new-session", "-d", "-s", Session, "-x", "100", "-y", "40", command);

    /// <summary>Types text exactly as given.</summary>
    public void Type(string text) => Run("send-keys", "-t", Session, "-l", text);

    /// <summary>Presses keys by their tmux names: <c>Enter</c>, <c>Up</c>, <c>C-c</c>, <c>C-d</c>, <c>BSpace</c>.</summary>
    public void Press(params string[] keys) => Run(["send-keys", "-t", Session, .. keys]);

    /// <summary>The visible screen, lines joined by <c>\n</c>, trailing blank lines removed.</summary>
    public string Screen() => Run("capture-pane", "-p", "-t", Session).TrimEnd('\n', ' ');

    /// <summary>The visible screen with each line the terminal wrapped joined back into one.</summary>
    public string JoinedScreen() => Run("capture-pane", "-p", "-J", "-t", Session).TrimEnd('\n', ' ');

    /// <summary>Waits until the screen satisfies <paramref name="condition"/>, and returns it.</summary>
    public string WaitFor(Func<string, bool> condition, string what, double seconds = 15)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            string screen = Screen();
            if (condition(screen)) return screen;
            if (clock.Elapsed.TotalSeconds > seconds) Assert.Fail($"timed out waiting for {what}; the screen:\n{screen}");
            Thread.Sleep(20);
        }
    }

    /// <summary>Waits until the screen's last line is <paramref name="line"/>.</summary>
    public string WaitForLastLine(string line) =>
        WaitFor(screen => screen.Split('\n')[^1].TrimEnd() == line.TrimEnd(), $"the last line to be '{line}'");

    /// <summary>How many lines of the screen are exactly <paramref name="line"/>.</summary>
    public static int Count(string screen, string line) => screen.Split('\n').Count(l => l.TrimEnd() == line);

    public void Dispose()
    {
        try
        {
            Run("kill-server");
        }
        catch (InvalidOperationException)
        {
            // The server is gone already.
        }
    }

    private string Run(params string[] args)
    {
        var start = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-L");
        start.ArgumentList.Add(_socket);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"tmux {string.Join(' ', args)}: {error}");
        return output.Result;
    }
}

/// <summary>
/// A fact that needs tmux: skipped, saying why, where it is not installed, unless the environment
/// variable <see cref="RequiredVariable"/> is set, as <c>.ci/run</c> sets it. There the test runs
/// and fails without tmux, so CI cannot pass by skipping it.
/// </summary>
internal sealed class TmuxFactAttribute : FactAttribute
{
    /// <summary>Set (to anything non-empty) where tmux must be installed.</summary>
    public const string RequiredVariable = "GRADSCRIPT_REQUIRE_TMUX";

    public TmuxFactAttribute()
    {
        if (!Tmux.IsInstalled && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(RequiredVariable)))
            Skip = "tmux is not installed (apt-get install tmux; .ci/run installs it)";
    }
}
