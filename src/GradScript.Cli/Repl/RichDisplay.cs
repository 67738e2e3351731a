namespace GradScript.Cli.Repl;

/// <summary>
/// How a session shows what a terminal shows as text, for a host that can show more (the notebook
/// kernel): errors as data, charts and graphs as pictures. A session without one behaves as the
/// terminal REPL does.
/// </summary>
/// <param name="ShowError">Takes each input's error instead of the session's error writer.</param>
/// <param name="ShowChart">Takes what <c>plot(…)</c> draws, instead of its text on the output.</param>
/// <param name="ShowGraph">Takes the DOT text <c>:graph EXPR</c> draws, instead of the output.</param>
internal sealed record RichDisplay(Action<InputError> ShowError, Action<Chart> ShowChart, Action<string> ShowGraph);
