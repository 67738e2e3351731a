namespace GradScript.Tests.Repl;

using GradScript.Cli;
using GradScript.Cli.Graphs;
using GradScript.Cli.Repl;

/// <summary>
/// A <see cref="ReplSession"/> on string writers: feed it lines, get back what each batch wrote to
/// standard output and standard error. No terminal, no thread of the test's own but the session's.
/// </summary>
internal sealed class SessionDriver
{
    private readonly StringWriter _out = new() { NewLine = "\n" };
    private readonly StringWriter _error = new() { NewLine = "\n" };

    // The session may write from another thread while a test waits for its output: every write,
    // and every read here, holds the synchronized writer's lock.
    private readonly TextWriter _sharedOut;

    public SessionDriver(RunLimits? limits = null, Graphviz? graphviz = null)
    {
        _sharedOut = TextWriter.Synchronized(_out);
        Session = new ReplSession(limits ?? RunLimits.None, _sharedOut, _error, graphviz);
    }

    public ReplSession Session { get; }

    /// <summary>Feeds lines and returns what they printed, then forgets it.</summary>
    public (string Out, string Error) Feed(params string[] lines)
    {
        foreach (var line in lines) Session.Feed(line);
        return Take();
    }

    /// <summary>Feeds lines that must print nothing to standard error; returns their standard output.</summary>
    public string Ok(params string[] lines)
    {
        var (output, error) = Feed(lines);
        Assert.True(error.Length == 0, $"unexpected error output:\n{error}");
        return output;
    }

    /// <summary>What was written since the last call, then forgotten.</summary>
    public (string Out, string Error) Take()
    {
        lock (_sharedOut)
        {
            var taken = (_out.ToString(), _error.ToString());
            _out.GetStringBuilder().Clear();
            _error.GetStringBuilder().Clear();
            return taken;
        }
    }

    /// <summary>Waits until an input running on another thread has printed <paramref name="text"/>.</summary>
    public void WaitForOutput(string text)
    {
        var deadline = DateTime.UtcNow + SmallStack.HangTimeout;
        while (true)
        {
            lock (_sharedOut)
            {
                if (_out.ToString().Contains(text, StringComparison.Ordinal)) return;
            }
            Assert.True(DateTime.UtcNow < deadline, $"the input never printed {text}");
            Thread.Sleep(5);
        }
    }

    /// <summary>Waits until the session is running an input (a test's other thread fed it).</summary>
    public void WaitUntilRunning()
    {
        var deadline = DateTime.UtcNow + SmallStack.HangTimeout;
        while (!Session.IsRunning)
        {
            Assert.True(DateTime.UtcNow < deadline, "the input never started running");
            Thread.Sleep(5);
        }
    }
}
