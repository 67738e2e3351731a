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
        var parsed = ScriptParser.TryParse(source);
        var errors = parsed.Errors.ToList();
        var resolution = parsed.Script is { } script ? Resolver.Resolve(script, errors) : null;
        if (errors.Count > 0) throw new ScriptSyntaxException(errors);
        return new CompiledScript(source, Compiler.Compile(parsed.Script!, resolution!, interactive));
    }
}
