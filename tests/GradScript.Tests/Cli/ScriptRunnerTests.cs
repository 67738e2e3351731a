namespace GradScript.Tests.Cli;

using GradScript.Cli;
using Xunit;

/// <summary>The runner's thread and its guarantee that nothing escapes as a .NET stack trace.</summary>
public class ScriptRunnerTests
{
    [Fact]
    public void TheScriptThreadReturnsItsResult()
    {
        Assert.Equal(42, new ScriptThread<int>(() => 42).Result);
    }

    [Fact]
    public void TheScriptThreadRethrowsWhatItsWorkThrew()
    {
        var thread = new ScriptThread<int>(() => throw new InvalidDataException("inside"));
        Assert.Equal("inside", Assert.Throws<InvalidDataException>(() => thread.Result).Message);
    }

    [Fact]
    public void JoiningGivesUpAfterTheTimeout()
    {
        using var release = new ManualResetEventSlim();
        var thread = new ScriptThread<int>(() => { release.Wait(); return 1; });
        Assert.False(thread.Join(TimeSpan.FromMilliseconds(50)));
        release.Set();
        Assert.True(thread.Join(SmallStack.HangTimeout));
        Assert.Equal(1, thread.Result);
    }

    [Fact]
    public void AnUnexpectedFailureIsAnInternalErrorWithoutAStackTrace()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var console = new CliConsole(new FailingReader(), stdout, stderr);
        int exitCode = new ScriptRunner(RunLimits.None, console).RunStdin(ScriptInput.StdinName, []);
        Assert.Equal(ExitCodes.RuntimeError, exitCode);
        Assert.Equal("gradscript: internal error: the reader broke\n", stderr.ToString());
    }

    [Fact]
    public void EachRunGetsAFreshEngine()
    {
        var stdout = new StringWriter();
        var runner = new ScriptRunner(RunLimits.None, new CliConsole(TextReader.Null, stdout, new StringWriter()));
        Assert.Equal(0, runner.RunCode("x = 1\nprint(x)", "<string>", []));
        Assert.Equal(ExitCodes.RuntimeError, runner.RunCode("print(x)", "<string>", []));
        Assert.Equal("1\n", stdout.ToString());
    }

    private sealed class FailingReader : TextReader
    {
        public override string ReadToEnd() => throw new InvalidOperationException("the reader broke");
    }
}
