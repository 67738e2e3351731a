namespace GradScript.Runtime;

using GradScript.Binding;
using GradScript.Diagnostics;
using GradScript.Syntax;

/// <summary>
/// The front of the pipeline, source text to executable program: parse (Syntax), resolve
/// (Binding), compile. The engine's scripts and the modules they import both come through here.
/// </summary>
internal static class Pipeline
{
    /// <summary>
    /// Compiles <paramref name="source"/>; <paramref name="interactive"/> echoes each top-level
    /// expression's value (the REPL, <see cref="Engine.Evaluate"/>).
    /// </summary>
    /// <exception cref="ScriptSyntaxException">Every error of every stage that could run, in one list, in order.</exception>
    public static CompiledScript Compile(SourceText source, bool interactive)
    {
        // Mostly the parser's fast pass settles the parse, and each statement is resolved and
        // compiled as soon as it is parsed (StatementStream).
        var stream = new StatementStream(interactive);
        var parsed = ScriptParser.TryParse(source, topLevel: stream.Add);
        var errors = parsed.Errors.ToList();
        if (parsed.Fast && parsed.Script is not null) return stream.Finish(source, errors);

        // The full pass parsed the script, or nothing could: the stages one after another.
        var resolution = parsed.Script is { } script ? Resolver.Resolve(script, errors) : null;
        if (errors.Count > 0) throw new ScriptSyntaxException(errors);
        return new CompiledScript(source, Compiler.Compile(parsed.Script!, resolution!, interactive));
    }
}
