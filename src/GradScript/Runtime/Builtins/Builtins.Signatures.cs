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
            throw new RuntimeError($"{function}() takes at most {Plural(names.Length)} but {args.Count} were given");
        var bound = new Value[names.Length];
        for (int i = 0; i < args.Count; i++) bound[i] = args[i];
        for (int k = 0; k < args.KeywordNames.Length; k++)
        {
            string name = args.KeywordNames[k];
            int i = Array.IndexOf(names, name);
            if (i < 0) throw new RuntimeError($"{function}() got an unexpected keyword argument '{name}'");
            if (!bound[i].IsUndefined) throw new RuntimeError($"{function}() got multiple values for argument '{name}'");
            bound[i] = args.KeywordValues[k];
        }
        for (int i = 0; i < required; i++)
        {
            if (bound[i].IsUndefined) throw new RuntimeError($"{function}() missing required argument '{names[i]}'");
        }
        return bound;
    }
}
