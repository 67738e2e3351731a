namespace GradScript.Runtime.Terminal;

/// <summary>
/// What <c>progress(iterable)</c> returns: the iterable, marked so that a <c>for</c> loop over it
/// draws a bar (see <see cref="ProgressDisplay"/>). Anywhere else it stands for its items:
/// <c>list</c>, <c>zip</c>, <c>enumerate</c> and destructuring read them, without a bar.
/// </summary>
internal sealed class ProgressLoop : IScriptObject
{
    /// <summary>Wraps a list, range or string.</summary>
    public ProgressLoop(Value source)
    {
        if (source.Reference is not (ListValue or RangeValue or string))
            throw new ArgumentException("a progress loop runs over a list, range or string", nameof(source));
        Source = source;
    }

    /// <summary>The list, range or string iterated.</summary>
    public Value Source { get; }

    /// <inheritdoc/>
    public string TypeName => "progress";

    /// <summary>The number of items, the bar's total: a list's length when the loop starts.</summary>
    public long Length => Source.Reference switch
    {
        ListValue list => list.Count,
        RangeValue range => range.Length,
        string s => s.EnumerateRunes().Count(),
        _ => 0,
    };

    /// <summary>The items one at a time, as a <c>for</c> loop visits them: a list by index, so items appended meanwhile are visited.</summary>
    public IEnumerable<Value> Items()
    {
        switch (Source.Reference)
        {
            case ListValue list:
                for (int i = 0; i < list.Count; i++) yield return list[i];
                break;
            case RangeValue range:
                for (long i = 0, n = range.Length; i < n; i++) yield return Value.Int(range[i]);
                break;
            case string s:
                foreach (var c in Iteration.Characters(s)) yield return c;
                break;
        }
    }

    /// <summary>How it prints: <c>progress(0..10)</c>.</summary>
    public override string ToString() => $"progress({Formatter.Repr(Source)})";
}
