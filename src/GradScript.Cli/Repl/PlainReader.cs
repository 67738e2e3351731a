namespace GradScript.Cli.Repl;

using System.Text;

/// <summary>
/// Reads lines from input that is not a terminal: <c>gradscript repl &lt; session.txt</c>, or a
/// pipe. The prompt goes to standard error, as Python's does when its input is not a terminal, so
/// standard output carries exactly what the session computes. There is no line to clear, so
/// Ctrl-C while the REPL waits for input ends the process, as it ends any program reading a pipe.
/// </summary>
/// <param name="input">Where lines come from.</param>
/// <param name="prompts">Where prompts go.</param>
internal sealed class PlainReader(TextReader input, TextWriter prompts) : ILineReader
{
    /// <inheritdoc/>
    public ReadResult Read(string prompt)
    {
        prompts.Write(prompt);
        CliConsole.FlushQuietly(prompts);
        try
        {
            return input.ReadLine() is { } line ? new ReadResult(ReadStatus.Line, line) : ReadResult.EndOfInput;
        }
        catch (DecoderFallbackException)
        {
            prompts.Write($"\ngradscript: {SourceLoader.InputNotUtf8}\n");
            return ReadResult.EndOfInput;
        }
    }

    /// <inheritdoc/>
    public bool Interrupt() => false;
}
