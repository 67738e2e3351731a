namespace GradScript.Cli;

using System.CommandLine;

/// <summary>
/// Finds where gradscript's own arguments end and the script's begin. Everything after the script
/// (<c>FILE</c>, <c>-e CODE</c> or <c>-</c>) belongs to the script untouched, even what looks like
/// an option, as with <c>python</c>: <c>gradscript train.grad --timeout 3</c> hands
/// <c>--timeout 3</c> to the script. A parser that sees the whole line cannot know that, so this
/// cut is made first and only gradscript's part is parsed.
/// <para>
/// It also finds unknown options, which the parser would otherwise take for a file name.
/// </para>
/// </summary>
internal static class ArgumentSplitter
{
    /// <summary>
    /// The split of a command line: the tokens for <paramref name="Own"/> parsing, the script's
    /// <paramref name="ScriptArgs"/>, and the first option-like token no option matches, if any.
    /// </summary>
    public readonly record struct Split(IReadOnlyList<string> Own, IReadOnlyList<string> ScriptArgs, string? UnknownOption);

    /// <summary>Splits a command line of the root command at its script.</summary>
    /// <param name="root">The root command, whose options say which tokens take a value.</param>
    /// <param name="code">The <c>-e</c> option: its value is the script, so it ends the own arguments.</param>
    /// <param name="args">The whole command line.</param>
    public static Split AtScript(Command root, Option code, IReadOnlyList<string> args)
    {
        for (int i = 0; i < args.Count; i++)
        {
            string token = args[i];
            // `--` ends the options: the token after it is FILE, even if it starts with '-'.
            if (token == "--") return Cut(args, Math.Min(i + 2, args.Count));
            // FILE goes to the parser after a `--` of its own, so a file named like a subcommand
            // (`gradscript --timeout 5 test`) is still a file.
            if (!IsOptionLike(token)) return new Split([.. args.Take(i), "--", token], [.. args.Skip(i + 1)], null);
            var option = Find(root, token, out bool hasInlineValue);
            if (option is null) return new Split(args, [], token);
            if (TakesValue(option) && !hasInlineValue) i++;
            if (option == code) return Cut(args, Math.Min(i + 1, args.Count));
        }
        return Cut(args, args.Count);
    }

    /// <summary>The first option-like token of a subcommand's arguments that none of its options matches.</summary>
    public static string? FindUnknownOption(Command command, IReadOnlyList<string> args)
    {
        for (int i = 0; i < args.Count; i++)
        {
            string token = args[i];
            if (token == "--") return null;
            if (!IsOptionLike(token)) continue;
            var option = Find(command, token, out bool hasInlineValue);
            if (option is null) return token;
            if (TakesValue(option) && !hasInlineValue) i++;
        }
        return null;
    }

    // A lone "-" is not an option: it names standard input.
    private static bool IsOptionLike(string token) => token.Length > 1 && token[0] == '-';

    private static Split Cut(IReadOnlyList<string> args, int at) => new([.. args.Take(at)], [.. args.Skip(at)], null);

    private static bool TakesValue(Option option) => option.Arity.MaximumNumberOfValues > 0 && option.ValueType != typeof(bool);

    /// <summary>The option a token names, as <c>--name</c>, <c>--name=value</c> or <c>--name:value</c>.</summary>
    private static Option? Find(Command command, string token, out bool hasInlineValue)
    {
        int delimiter = token.IndexOfAny(['=', ':']);
        hasInlineValue = delimiter > 0;
        string name = hasInlineValue ? token[..delimiter] : token;
        return command.Options.FirstOrDefault(o => o.Name == name || o.Aliases.Contains(name));
    }
}
