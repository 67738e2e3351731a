namespace GradScript;

using GradScript.Autograd;
using GradScript.Binding;
using GradScript.Diagnostics;
using GradScript.Runtime;
using GradScript.Runtime.Nodes;
using GradScript.Syntax;

/// <summary>
/// Runs GradScript in a host program. An engine holds globals that persist across runs; each run
/// is limited by <see cref="EngineOptions"/>. Only <see cref="ScriptException"/> (and
/// <see cref="OperationCanceledException"/> on cancellation) escapes a run. One engine is used by
/// one thread at a time: a second thread that enters a busy engine gets an
/// <see cref="InvalidOperationException"/> at once.
/// </summary>
public sealed partial class Engine
{
    private readonly Interpreter _interpreter;
    private int _busy;

    /// <summary>Creates an engine with default options.</summary>
    public Engine() : this(new EngineOptions()) { }

    /// <summary>Creates an engine with the given limits and redirections.</summary>
    public Engine(EngineOptions options)
    {
        Options = options;
        _interpreter = new Interpreter(options);
    }

    /// <summary>The options the engine was created with.</summary>
    public EngineOptions Options { get; }

    /// <summary>Steps taken by the last (or current) run: loop iterations and calls.</summary>
    public long Steps => _interpreter.Limits.Steps;

    // ------------------------------------------------------------------ compiling and running

    /// <summary>Parses, resolves and compiles a script once, for running many times on any engine.</summary>
    /// <exception cref="ScriptSyntaxException">The script has syntax errors; all of them are listed.</exception>
    public CompiledScript Compile(string source, string name = "<script>") =>
        Compile(new SourceText(name, source), interactive: false);

    internal static CompiledScript Compile(SourceText source, bool interactive) => Pipeline.Compile(source, interactive);

    /// <summary>Compiles and runs a script.</summary>
    public void Run(string source, string name = "<script>", CancellationToken cancellationToken = default) =>
        Run(Compile(source, name), cancellationToken);

    /// <summary>Runs a compiled script on this engine's globals.</summary>
    public void Run(CompiledScript script, CancellationToken cancellationToken = default) =>
        Execute(script, echo: null, cancellationToken);

    /// <summary>
    /// Runs a script and returns the value of its last expression statement: long, double (also for
    /// a tracked value), bool, string, null for none, or a list as <see cref="IReadOnlyList{T}"/>.
    /// </summary>
    public object? Evaluate(string source, string name = "<eval>")
    {
        Value last = Value.None;
        Execute(Compile(new SourceText(name, source), interactive: true), v => last = v, default);
        return ClrValues.ToClr(last);
    }

    private void Execute(CompiledScript script, Action<Value>? echo, CancellationToken cancellationToken) =>
        Guarded(() => script.Source, cancellationToken, current =>
        {
            _interpreter.Echo = echo;
            var frame = new Frame([], null, _interpreter.Link(script.Program.GlobalNames), _interpreter);
            foreach (var instruction in script.Program.Body)
            {
                current.Span = instruction.Span;
                instruction.Exec(frame);
            }
            return 0;
        });

    /// <summary>The place of the work under way, for errors that arise where no node knows it.</summary>
    private sealed class Progress(SourceText source)
    {
        public SourceSpan Span = new(source, 1, 1, 1, 1);
    }

    /// <summary>
    /// Runs work on the interpreter as one run: one thread at a time, limits reset, and nothing but
    /// script exceptions (and cancellation) let out.
    /// </summary>
    private T Guarded<T>(Func<SourceText> source, CancellationToken cancellationToken, Func<Progress, T> work)
    {
        Enter();
        using var linked = Options.CancellationToken.CanBeCanceled && cancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(Options.CancellationToken, cancellationToken)
            : null;
        var token = linked?.Token ?? (cancellationToken.CanBeCanceled ? cancellationToken : Options.CancellationToken);
        var progress = new Progress(source());
        try
        {
            _interpreter.BeginRun(token);
            return work(progress);
        }
        catch (InsufficientExecutionStackException)
        {
            throw new ScriptLimitException("maximum call depth exceeded", progress.Span);
        }
        catch (OutOfMemoryException e)
        {
            throw new ScriptRuntimeException("out of memory", progress.Span, e);
        }
        catch (RuntimeError e)
        {
            throw new ScriptRuntimeException(e.Message, progress.Span, hint: e.Hint);
        }
        finally
        {
            _interpreter.EndRun();
            _interpreter.Echo = null;
            Volatile.Write(ref _busy, 0);
        }
    }

    // One thread at a time: a second one is refused at once, not queued.
    private void Enter()
    {
        if (Interlocked.Exchange(ref _busy, 1) == 1)
            throw new InvalidOperationException("This Engine is already running a script on another thread; use one Engine per thread.");
    }

    private static string CheckName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_') || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            throw new ArgumentException($"'{name}' is not a GradScript name (letters, digits and _, not starting with a digit)", nameof(name));
        if (Syntax.Keywords.Contains(name))
            throw new ArgumentException($"'{name}' is a keyword of GradScript, which a script cannot use as a name", nameof(name));
        return name;
    }
}
