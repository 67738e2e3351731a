namespace GradScript.Diagnostics;

/// <summary>
/// "Did you mean" for a misspelt name: the candidate closest to it by Damerau–Levenshtein distance
/// (optimal string alignment: an insertion, a deletion, a substitution or a swap of two neighbours
/// each cost 1, so <c>pritn</c> is 1 from <c>print</c>, <c>parm</c> 1 from <c>param</c>), if it is
/// close enough to be a slip rather than another word.
/// </summary>
internal static class Suggestions
{
    /// <summary>Names longer than this are not compared: no one misspells a 60-letter name by one letter.</summary>
    private const int MaxLength = 60;

    /// <summary>The closest of <paramref name="candidates"/> to <paramref name="name"/>, or null; the first wins a tie.</summary>
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        if (name.Length > MaxLength) return null;
        // One slip in a short name, two in a longer one, three from 9 letters: as far as a typo goes
        // before the suggestion is just another word.
        int allowed = name.Length <= 3 ? 1 : name.Length <= 8 ? 2 : 3;
        // Scores are distances doubled, plus one for a different length: of two names one slip away,
        // a swap of letters (tahn: tanh) is likelier than a letter too many (tahn: tan).
        string? best = null;
        int bestScore = 2 * allowed + 2;
        foreach (string candidate in candidates)
        {
            if (candidate == name || candidate.Length > MaxLength || 2 * Math.Abs(candidate.Length - name.Length) >= bestScore) continue;
            int distance = Distance(name, candidate);
            // A difference of case alone is the likeliest slip of all (True, Print).
            if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase)) distance = 0;
            int score = 2 * distance + (candidate.Length == name.Length ? 0 : 1);
            if (distance <= allowed && distance < name.Length && score < bestScore)
            {
                (best, bestScore) = (candidate, score);
            }
        }
        return best;
    }

    /// <summary>The hint for a name that is not defined: <c>did you mean 'print'?</c>, or null.</summary>
    public static string? DidYouMean(string name, IEnumerable<string> candidates) =>
        Closest(name, candidates) is { } closest ? $"did you mean '{closest}'?" : null;

    /// <summary>The optimal string alignment distance between two strings.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
