namespace GradScript.Runtime;

// Builtins with several optional settings bind their arguments by name, as a script function does.
internal static partial class Builtins
{
    /// <summary>
    /// Binds a call's positional and keyword arguments to the parameter <paramref name="names"/>,
    /// as a call to a script function binds them, so <c>sgd(ps, 0.1)</c> and <c>sgd(ps, lr=0.1)</c>
    /// mean the same. The first <paramref name="required"/> names must be given; an argument not
    /// given is left undefined. The builtin must list every name as a keyword it accepts.
    /// </summary>
    private static Value[] Bind(in Arguments args, string function, string[] names, int required)
    {
        if (args.Count > names.Length)
            throw new RuntimeError(Runtime.Arity.Wrong(function, required, names.Length, args.Count));
        var bound = new Value[names.Length];
        for (int i = 0; i < args.Count; i++) bound[i] = args[i];
        for (int k = 0; k < args.KeywordNames.Length; k++)
        {
            string name = args.KeywordNames[k];
            int i = Array.IndexOf(names, name);
            if (i < 0) throw new RuntimeError(Runtime.Arity.UnexpectedKeyword(function, name));
            if (!bound[i].IsUndefined) throw new RuntimeError(Runtime.Arity.MultipleValues(function, name));
            bound[i] = args.KeywordValues[k];
        }
        if (bound.Take(required).Any(b => b.IsUndefined))
            throw new RuntimeError(Runtime.Arity.Missing(function, names.Take(required).Where((_, i) => bound[i].IsUndefined).ToList()));
        return bound;
    }
}
