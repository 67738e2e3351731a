namespace GradScript.Cli.Repl;

/// <summary>What reading at a prompt gave.</summary>
internal enum ReadStatus
{
    /// <summary>A line was entered.</summary>
    Line,

    /// <summary>Ctrl-C at the prompt: the line, and any unfinished input, is dropped.</summary>
    Interrupted,

    /// <summary>Ctrl-D on an empty line, or the end of piped input: the session ends.</summary>
    EndOfInput,
}

/// <summary>One read at a prompt: its status and, for <see cref="ReadStatus.Line"/>, the line without its line end.</summary>
internal readonly record struct ReadResult(ReadStatus Status, string Line = "")
{
    /// <summary>Ctrl-C at the prompt.</summary>
    public static ReadResult Interrupted => new(ReadStatus.Interrupted);

    /// <summary>The end of input.</summary>
    public static ReadResult EndOfInput => new(ReadStatus.EndOfInput);
}

/// <summary>
/// Where the REPL's lines come from: a terminal with line editing (<see cref="TerminalReader"/>),
/// a terminal without cursor control (<see cref="BasicTerminalReader"/>), or a pipe or file
/// (<see cref="PlainReader"/>). Reads happen on one thread;
/// <see cref="Interrupt"/> comes from the Ctrl-C handler's.
/// </summary>
internal interface ILineReader
{
    /// <summary>Shows <paramref name="prompt"/> and reads one line.</summary>
    ReadResult Read(string prompt);

    /// <summary>
    /// Ctrl-C while nothing runs. True when the reader dealt with it (the read in progress ends as
    /// <see cref="ReadStatus.Interrupted"/>); false when it cannot, and Ctrl-C should end the process.
    /// </summary>
    bool Interrupt();
}
