namespace GradScript.Runtime;

using System.Runtime.ExceptionServices;
using GradScript.Ast;
using GradScript.Binding;
using GradScript.Diagnostics;
using GradScript.Runtime.Nodes;

/// <summary>
/// Resolves and compiles a script's top-level statements one at a time, as the parser's fast pass
/// finishes each (<see cref="Add"/>), so that each statement's syntax tree is dropped while it is
/// still young. The whole tree of a long script, kept until the last stage, outlived several
/// collections and was copied from generation to generation; most of the front end's garbage
/// collection was that copying.
/// </summary>
/// <remarks>
/// The outcome is the one the stages give run one after another over the whole script
/// (<see cref="Pipeline"/>): the same errors in the same order, the same global slots, the same
/// nodes. Statements are compiled only while nothing has gone wrong, as the compiler runs only on
/// a script without errors; the first failure of a stage (a construct nested too deeply for it)
/// stops what the whole-script stage would have stopped, and is thrown from <see cref="Finish"/>
/// where that stage would have thrown it. If the parse then fails after all, nothing of this is used.
/// </remarks>
internal sealed class StatementStream
{
    private readonly List<ScriptDiagnostic> _resolveErrors = new();
    private readonly Resolver _resolver;
    private readonly Compiler _compiler;
    private readonly List<Instruction> _body = new();

    // The resolver's failure ends everything, as it ended the whole-script resolve; the compiler's
    // ends compiling, which the whole-script pipeline would have reached only without errors.
    private ExceptionDispatchInfo? _resolveFailure, _compileFailure;
    private bool _compiling = true;

    public StatementStream(bool echo)
    {
        _resolver = Resolver.ForStatements(_resolveErrors);
        _compiler = new Compiler(_resolver.Resolution, echo);
    }

    /// <summary>The script's next top-level statement; <paramref name="problems"/>: the parse has found one before it or in it.</summary>
    public void Add(Stmt statement, bool problems)
    {
        if (_resolveFailure is not null) return;
        try
        {
            _resolver.TopLevel(statement);
        }
        catch (Exception e)
        {
            _resolveFailure = ExceptionDispatchInfo.Capture(e);
            return;
        }
        _compiling &= !problems && _resolveErrors.Count == 0 && _compileFailure is null;
        if (_compiling)
        {
            try
            {
                _body.Add(_compiler.TopLevel(statement));
            }
            catch (Exception e)
            {
                _compileFailure = ExceptionDispatchInfo.Capture(e);
            }
        }
        // The statement's functions, lambdas and comprehensions are compiled: their scopes, keyed
        // by their nodes, would keep the statement's tree alive.
        _resolver.Resolution.Functions.Clear();
        _resolver.Resolution.ExpressionScopes.Clear();
    }

    /// <summary>
    /// After a parse that handed over every statement: the compiled script, or the errors of
    /// <paramref name="parseErrors"/> and of resolving, in that order, thrown as one exception.
    /// </summary>
    public CompiledScript Finish(SourceText source, List<ScriptDiagnostic> parseErrors)
    {
        _resolveFailure?.Throw();
        parseErrors.AddRange(_resolveErrors);
        if (parseErrors.Count > 0) throw new ScriptSyntaxException(parseErrors);
        _compileFailure?.Throw();
        return new CompiledScript(source, new CompiledProgram([.. _body], _resolver.Resolution.GlobalNames));
    }
}
