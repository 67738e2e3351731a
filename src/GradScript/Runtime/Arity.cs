namespace GradScript.Runtime;

/// <summary>
/// The messages of a call whose arguments do not fit the callee, in one place and in CPython's
/// words for a function defined in Python (<c>f() takes 1 positional argument but 2 were given</c>):
/// script functions, lambdas, builtins, methods and host functions all report through here.
/// </summary>
internal static class Arity
{
    /// <summary>
    /// A count outside <paramref name="min"/>..<paramref name="max"/> (<see cref="int.MaxValue"/>:
    /// no upper bound): <c>g() takes from 1 to 2 positional arguments but 3 were given</c>.
    /// </summary>
    public static string Wrong(string function, int min, int max, int given)
    {
        string expected = min == max ? Count(min, "positional argument")
            : max == int.MaxValue ? $"at least {Count(min, "positional argument")}"
            : $"from {min} to {max} positional arguments";
        return $"{function}() takes {expected} but {given} {(given == 1 ? "was" : "were")} given";
    }

    /// <summary>Required parameters no argument reached: <c>g() missing 2 required positional arguments: 'b' and 'c'</c>.</summary>
    public static string Missing(string function, IReadOnlyList<string> names)
    {
        var quoted = names.Select(n => $"'{n}'").ToList();
        string list = quoted.Count switch
        {
            0 => throw new ArgumentOutOfRangeException(nameof(names)),
            1 => quoted[0],
            2 => $"{quoted[0]} and {quoted[1]}",
            _ => $"{string.Join(", ", quoted.Take(quoted.Count - 1))}, and {quoted[^1]}",
        };
        return $"{function}() missing {Count(names.Count, "required positional argument")}: {list}";
    }

    /// <summary>A keyword argument that names no parameter.</summary>
    public static string UnexpectedKeyword(string function, string keyword) => $"{function}() got an unexpected keyword argument '{keyword}'";

    /// <summary>A parameter given both positionally and by keyword.</summary>
    public static string MultipleValues(string function, string parameter) => $"{function}() got multiple values for argument '{parameter}'";

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
