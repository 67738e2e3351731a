namespace GradScript.Tests.Repl;

using GradScript.Cli.Repl;
using GradScript.Tests.Cli;

/// <summary>
/// The real <c>gradscript</c> on a real terminal (tmux), end to end (issue 3): typing, a multi-line
/// <c>def</c>, history with Up (in the session and in the next one), Tab completion, Ctrl-C
/// stopping a loop with its variables kept, Ctrl-C clearing the line, Ctrl-D exiting with 0.
/// </summary>
public class TerminalReplTests
{
    private static readonly string Gradscript = Path.Combine(AppContext.BaseDirectory, "gradscript");

    [TmuxFact]
    public void ASessionOnATerminal()
    {
        using var home = new TempDirectory();
        using (var terminal = Start(home.Path))
        {
            terminal.WaitForLastLine(">>>");
            Assert.StartsWith(ReplLoop.Banner, terminal.Screen());

            terminal.Type("x = 41");
            terminal.Press("Enter");
            terminal.WaitForLastLine(">>>");   // typed ahead of the prompt, the lines could run together on a busy machine
            terminal.Type("x + 1");
            terminal.Press("Enter");
            terminal.WaitFor(screen => Tmux.Count(screen, "42") == 1, "x + 1 to echo 42");

            // A multi-line def: the prompt turns to "... " until the block closes.
            terminal.Type("def sq(v) {");
            terminal.Press("Enter");
            terminal.WaitForLastLine("...");
            terminal.Type("return v * v");
            terminal.Press("Enter");
            terminal.Type("}");
            terminal.Press("Enter");
            terminal.WaitForLastLine(">>>");
            terminal.Type("sq(7)");
            terminal.Press("Enter");
            terminal.WaitFor(screen => Tmux.Count(screen, "49") == 1, "sq(7) to echo 49");

            // Up brings back the last line; edit it with the cursor keys and run it again.
            terminal.WaitForLastLine(">>>");
            terminal.Press("Up");
            terminal.WaitForLastLine(">>> sq(7)");
            terminal.Press("Left", "BSpace");
            terminal.Type("9");
            terminal.Press("Enter");
            terminal.WaitFor(screen => Tmux.Count(screen, "81") == 1, "sq(9) to echo 81");

            // Tab completes a global.
            terminal.Type("learning_rate = 0.5");
            terminal.Press("Enter");
            terminal.WaitForLastLine(">>>");
            terminal.Type("learn");
            terminal.Press("Tab");
            terminal.WaitForLastLine(">>> learning_rate");
            terminal.Press("Enter");
            terminal.WaitFor(screen => Tmux.Count(screen, "0.5") == 1, "the completed name to echo 0.5");

            // Ctrl-C stops a running loop; its variable keeps the value it had.
            terminal.Type("i = 0; while true { i += 1 }");
            terminal.Press("Enter");
            Thread.Sleep(300);
            terminal.Press("C-c");
            terminal.WaitFor(screen => screen.Contains("KeyboardInterrupt\n>>>"), "the loop to stop");
            terminal.Type("i > 0");
            terminal.Press("Enter");
            terminal.WaitFor(screen => Tmux.Count(screen, "true") == 1, "i > 0 to echo true");

            // Ctrl-C at the prompt drops the line (and the unfinished block it belongs to).
            terminal.WaitForLastLine(">>>");
            terminal.Type("if true {");
            terminal.Press("Enter");
            terminal.WaitForLastLine("...");
            terminal.Type("oops");
            terminal.Press("C-c");
            terminal.WaitForLastLine(">>>");
            terminal.Type("6 * 8");
            terminal.Press("Enter");
            string screen = terminal.WaitFor(s => Tmux.Count(s, "48") == 1, "6 * 8 to echo 48");
            Assert.DoesNotContain("error", screen);

            // Ctrl-D on an empty line leaves with status 0.
            terminal.WaitForLastLine(">>>");
            terminal.Press("C-d");
            terminal.WaitFor(s => s.Contains("EXIT=0"), "the REPL to exit 0");
        }

        string history = File.ReadAllText(Path.Combine(home.Path, History.FileName));
        Assert.Contains("x = 41\nx + 1\ndef sq(v) {\nreturn v * v\n}\nsq(7)\nsq(9)\n", history);

        // The next session starts with that history.
        using (var terminal = Start(home.Path))
        {
            terminal.WaitForLastLine(">>>");
            terminal.Press("Up");
            terminal.WaitForLastLine(">>> 6 * 8");
            terminal.Press("C-c");
            terminal.WaitForLastLine(">>>");
            terminal.Press("C-d");
            terminal.WaitFor(s => s.Contains("EXIT=0"), "the second session to exit 0");
        }
    }

    [TmuxFact]
    public void TheReplMeansWhatAFileMeansAndKeepsTheScreenTidy()
    {
        using var home = new TempDirectory();
        using var terminal = Start(home.Path);
        terminal.WaitForLastLine(">>>");

        // A complete if waits at "... " for a possible else; the else on the next line is its own.
        terminal.Type("x = 2");
        terminal.Press("Enter");
        terminal.WaitForLastLine(">>>");
        foreach (var line in new[] { "if x > 5 {", "print(\"big\")", "}" })
        {
            terminal.Type(line);
            terminal.Press("Enter");
            terminal.WaitForLastLine("...");
        }
        foreach (var line in new[] { "else {", "print(\"small\")" })
        {
            terminal.Type(line);
            terminal.Press("Enter");
            terminal.WaitForLastLine("...");
        }
        terminal.Type("}");
        terminal.Press("Enter");
        string screen = terminal.WaitFor(s => Tmux.Count(s, "small") == 1, "the else branch to print small");
        Assert.Equal(0, Tmux.Count(screen, "big"));
        Assert.DoesNotContain("error", screen);

        // Errors name the input they come from.
        terminal.WaitForLastLine(">>>");
        terminal.Type("1 / 0");
        terminal.Press("Enter");
        terminal.WaitFor(s => s.Contains("<repl-3>:1:3: runtime error: division by zero"), "the error to name <repl-3>");

        // Tab after a module's name and a dot completes its members.
        terminal.WaitForLastLine(">>>");
        terminal.Type("import \"nn\"");
        terminal.Press("Enter");
        terminal.WaitForLastLine(">>>");
        terminal.Type("nn.parame");
        terminal.Press("Tab");
        terminal.WaitForLastLine(">>> nn.parameters");

        // A line longer than the terminal is left in full, wrapped, once it is entered.
        terminal.Press("C-c");
        terminal.WaitForLastLine(">>>");
        string digits = string.Concat(Enumerable.Range(0, 30).Select(i => $"{i:D4}-"));
        // Typed a piece at a time, each drawn before the next, as a person types: RadLine redraws the
        // whole line on every key, and a burst of 150 keys on a busy machine is not what this tests.
        string longLine = $"s = \"{digits}\"";
        for (int start = 0; start < longLine.Length; start += 20)
        {
            string piece = longLine[start..Math.Min(longLine.Length, start + 20)];
            terminal.Type(piece);
            terminal.WaitFor(s => s.Split('\n')[^1].TrimEnd().EndsWith(piece.TrimEnd(), StringComparison.Ordinal), $"'{piece}' to be drawn");
        }
        terminal.Press("Enter");
        terminal.WaitForLastLine(">>>");
        string joined = terminal.JoinedScreen();
        Assert.True(joined.Contains($">>> s = \"{digits}\""), "the long line, in full:\n" + joined);

        // Ctrl-L clears the screen and leaves the line being typed at the top.
        terminal.Type("len(s)");
        terminal.Press("C-l");
        terminal.WaitFor(s => s == ">>> len(s)", "Ctrl-L to clear the screen");
        terminal.Press("Enter");
        terminal.WaitFor(s => Tmux.Count(s, "150") == 1, "len(s) to echo 150");
        terminal.WaitForLastLine(">>>");
        terminal.Press("C-d");
        terminal.WaitFor(s => s.Contains("EXIT=0"), "the REPL to exit 0");
    }

    [TmuxFact]
    public void LinesTypedAheadRunEachOnItsOwn()
    {
        // Typed before the REPL reads (here: before it has even started), the terminal still turns
        // each Enter into a line feed; each must still end its line, as in Python's REPL.
        using var home = new TempDirectory();
        using var terminal = Start(home.Path);
        foreach (var line in new[] { "x = 2", "print(x * 21)" })
        {
            terminal.Type(line);
            terminal.Press("Enter");
        }
        terminal.WaitFor(s => Tmux.Count(s, "42") == 1, "the second line typed ahead to print 42");
        terminal.WaitForLastLine(">>>");
        Assert.DoesNotContain("error", terminal.Screen());
        terminal.Press("C-d");
        terminal.WaitFor(s => s.Contains("EXIT=0"), "the REPL to exit 0");
    }

    // The REPL as a user starts it: `gradscript` alone, on a terminal, in a home of the test's own.
    private static Tmux Start(string home) =>
        new($"env HOME='{home}' TERM=xterm-256color '{Gradscript}'; echo EXIT=$?; sleep 60");
}
