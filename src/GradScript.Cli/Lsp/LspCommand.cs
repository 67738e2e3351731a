namespace GradScript.Cli.Lsp;

/// <summary>
/// <c>gradscript lsp [--stdio]</c>: serves LSP on the process's standard input and output until
/// the client says <c>exit</c> or closes the input. Exit 0 after <c>shutdown</c> then <c>exit</c>,
/// 1 otherwise, as the protocol asks. Messages about the server itself go to standard error.
/// </summary>
internal static class LspCommand
{
    public static int Run(CliConsole console)
    {
        using var input = Console.OpenStandardInput();
        using var output = Console.OpenStandardOutput();
        var server = new LspServer(new LspTransport(input, output), console.Error);
        // On a thread with the scripts' large stack: a deeply nested (but legal) script is parsed
        // and analysed as deep as `gradscript FILE` would take it.
        return new ScriptThread<int>(server.Run).Result;
    }
}
