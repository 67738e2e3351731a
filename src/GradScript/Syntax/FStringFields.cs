namespace GradScript.Syntax;

/// <summary>
/// Finds where the parts of an f-string's replacement field end, by CPython 3.11's rules
/// (<c>fstring_find_expr</c>): the expression runs to the first `!`, `:`, `=` or `}` outside
/// brackets and quotes, and may hold neither a backslash nor a `#`, anywhere; then come an optional
/// `=`, an optional conversion `!s`, `!r` or `!a`, an optional format spec after `:`, and the `}`.
/// A spec may hold fields of its own, but those may not hold another spec with fields. (CPython
/// allows 200 brackets open in a field; here the expression's own parse applies the lexer's limit.)
/// </summary>
/// <remarks>
/// Only the text is read here; the expression is parsed afterwards, as CPython compiles it after
/// finding its end. A dict display (<c>{ {"a": 1}["a"] }</c>) is an expression like any other:
/// its braces nest as brackets do.
/// </remarks>
internal static class FStringFields
{
    /// <summary>
    /// One field read from <c>{</c> to <c>}</c>, as positions in the body: the expression is
    /// [<see cref="ExprStart"/>, <see cref="ExprEnd"/>); with `=`, its text up to <see cref="EqualsEnd"/>
    /// is printed before the value; the spec is [<see cref="SpecStart"/>, <see cref="End"/>) when
    /// <see cref="SpecStart"/> is not -1; <see cref="End"/> is the closing `}`.
    /// </summary>
    public readonly record struct Field(int ExprStart, int ExprEnd, int EqualsEnd, char Conversion, int SpecStart, int End);

    /// <summary>A field's problem: CPython's message, and the position in the body it concerns.</summary>
    public readonly record struct Problem(string Message, int Position);

    /// <summary>
    /// Reads the field whose expression begins at <paramref name="start"/> (just after its `{`);
    /// <paramref name="level"/> is 0 for a field of the string, 1 for one inside a format spec.
    /// </summary>
    public static Field? Read(string body, int start, int level, out Problem problem)
    {
        problem = default;
        if (level >= 2) return Fail(out problem, "f-string: expressions nested too deeply", start - 1);
        int exprEnd = ExpressionEnd(body, start, out problem);
        if (exprEnd < 0) return null;
        if (exprEnd >= body.Length) return Fail(out problem, "f-string: expecting '}'", start - 1);
        int i = exprEnd, equalsEnd = -1;
        if (body[i] == '=')
        {
            i++;
            while (i < body.Length && body[i] is ' ' or '\t' or '\f') i++;
            equalsEnd = i;
        }
        char conversion = '\0';
        if (i < body.Length && body[i] == '!')
        {
            if (i + 1 >= body.Length) return Fail(out problem, "f-string: expecting '}'", start - 1);
            conversion = body[i + 1];
            if (conversion is not ('s' or 'r' or 'a'))
                return Fail(out problem, "f-string: invalid conversion character: expected 's', 'r', or 'a'", i + 1);
            i += 2;
        }
        int specStart = -1;
        if (i < body.Length && body[i] == ':')
        {
            specStart = i + 1;
            i = SpecEnd(body, specStart, level, out problem);
            if (problem.Message is not null) return null;
        }
        if (i >= body.Length || body[i] != '}') return Fail(out problem, "f-string: expecting '}'", start - 1);
        return new Field(start, exprEnd, equalsEnd, conversion, specStart, i);
    }

    // The end of the expression (the `!`, `:`, `=` or `}` after it, or the body's end), or -1.
    private static int ExpressionEnd(string body, int start, out Problem problem)
    {
        problem = default;
        var brackets = new Stack<(char Bracket, int Position)>();
        char quote = '\0';
        int i = start;
        for (; i < body.Length; i++)
        {
            char c = body[i];
            if (c == '\\') return FailAt(out problem, "f-string expression part cannot include a backslash", i);
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
                continue;
            }
            switch (c)
            {
                case '\'' or '"':
                    quote = c;
                    break;
                case '(' or '[' or '{':
                    brackets.Push((c, i));
                    break;
                case '#':
                    return FailAt(out problem, "f-string expression part cannot include '#'", i);
                case '!' or '=' or '<' or '>' when brackets.Count == 0 && i + 1 < body.Length && body[i + 1] == '=':
                    i++; // != == <= >= are operators
                    break;
                case '!' or ':' or '=' or '}' when brackets.Count == 0:
                    return i;
                case ')' or ']' or '}':
                    if (brackets.Count == 0) return FailAt(out problem, $"f-string: unmatched '{c}'", i);
                    var (opening, _) = brackets.Pop();
                    if (opening != Opening(c))
                        return FailAt(out problem, $"f-string: closing parenthesis '{c}' does not match opening parenthesis '{opening}'", i);
                    break;
            }
        }
        if (quote != '\0') return FailAt(out problem, "f-string: unterminated string", start - 1);
        if (brackets.Count > 0) return FailAt(out problem, $"f-string: unmatched '{brackets.Peek().Bracket}'", brackets.Peek().Position);
        return i;
    }

    // A format spec is text with fields of its own; it ends at the first `}` outside them.
    private static int SpecEnd(string body, int start, int level, out Problem problem)
    {
        problem = default;
        int i = start;
        while (i < body.Length && body[i] != '}')
        {
            if (body[i] == '{')
            {
                if (Read(body, i + 1, level + 1, out problem) is not { } nested) return -1;
                i = nested.End;
            }
            i++;
        }
        return i;
    }

    private static char Opening(char closing) => closing switch
    {
        ')' => '(',
        ']' => '[',
        '}' => '{',
        _ => throw new System.Diagnostics.UnreachableException(),
    };

    private static Field? Fail(out Problem problem, string message, int position)
    {
        problem = new Problem(message, position);
        return null;
    }

    private static int FailAt(out Problem problem, string message, int position)
    {
        problem = new Problem(message, position);
        return -1;
    }
}
