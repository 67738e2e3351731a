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
public sealed class Engine
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
    public long Steps => _interpreter.Steps;

    // ------------------------------------------------------------------ compiling and running

    /// <summary>Parses, resolves and compiles a script once, for running many times on any engine.</summary>
    /// <exception cref="ScriptSyntaxException">The script has syntax errors; all of them are listed.</exception>
    public CompiledScript Compile(string source, string name = "<script>") =>
        Compile(new SourceText(name, source), interactive: false);

    internal static CompiledScript Compile(SourceText source, bool interactive)
    {
        // Every stage that can run reports its errors, so a file's errors come in one list, in order.
        var parsed = ScriptParser.TryParse(source);
        var errors = parsed.Errors.ToList();
        var resolution = parsed.Script is { } script ? Resolver.Resolve(script, errors) : null;
        if (errors.Count > 0) throw new ScriptSyntaxException(errors);
        return new CompiledScript(source, Compiler.Compile(parsed.Script!, resolution!, interactive));
    }

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

    /// <summary>Runs an interactive input, handing each top-level expression value to <paramref name="echo"/>.</summary>
    internal void RunInteractive(CompiledScript script, Action<Value> echo, CancellationToken cancellationToken) =>
        Execute(script, echo, cancellationToken);

    private void Execute(CompiledScript script, Action<Value>? echo, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _busy, 1) == 1)
            throw new InvalidOperationException("This Engine is already running a script on another thread; use one Engine per thread.");
        using var linked = Options.CancellationToken.CanBeCanceled && cancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(Options.CancellationToken, cancellationToken)
            : null;
        var token = linked?.Token ?? (cancellationToken.CanBeCanceled ? cancellationToken : Options.CancellationToken);
        Instruction? current = null;
        try
        {
            _interpreter.BeginRun(token);
            _interpreter.Echo = echo;
            var frame = new Frame([], null, _interpreter.Link(script.Program.GlobalNames), _interpreter);
            foreach (var instruction in script.Program.Body)
            {
                current = instruction;
                instruction.Exec(frame);
            }
        }
        catch (InsufficientExecutionStackException)
        {
            throw new ScriptLimitException("maximum call depth exceeded", Place(script, current));
        }
        catch (OutOfMemoryException e)
        {
            throw new ScriptRuntimeException("out of memory", Place(script, current), e);
        }
        catch (RuntimeError e)
        {
            throw new ScriptRuntimeException(e.Message, Place(script, current));
        }
        finally
        {
            _interpreter.Echo = null;
            _interpreter.NoGradDepth = 0;
            Volatile.Write(ref _busy, 0);
        }
    }

    private static SourceSpan Place(CompiledScript script, Instruction? current) =>
        current?.Span ?? new SourceSpan(script.Source, 1, 1, 1, 1);

    // ------------------------------------------------------------------ globals

    /// <summary>
    /// Sets a global: double, float, long, int, bool, string, null (none), double[] or any
    /// enumerable of these (a list).
    /// </summary>
    public void SetGlobal(string name, object? value) =>
        _interpreter.Global(CheckName(name)).Value = ClrValues.FromClr(value);

    /// <summary>A global as a CLR value (see <see cref="Evaluate"/> for the mapping).</summary>
    /// <exception cref="KeyNotFoundException">No global of that name is defined.</exception>
    public object? GetGlobal(string name) => ClrValues.ToClr(Defined(name));

    /// <summary>A global number, or the data of a tracked value.</summary>
    /// <exception cref="KeyNotFoundException">No global of that name is defined.</exception>
    /// <exception cref="InvalidCastException">The global is not a number.</exception>
    public double GetNumber(string name)
    {
        var value = Defined(name);
        if (value.TryGetDouble(out double d) && !value.IsNone) return d;
        throw new InvalidCastException($"'{name}' is a {value.TypeName}, not a number");
    }

    /// <summary>The gradient of a global tracked value from the last backward that reached it.</summary>
    /// <exception cref="KeyNotFoundException">No global of that name is defined.</exception>
    /// <exception cref="InvalidCastException">The global is not a tracked value.</exception>
    public double GetGradient(string name)
    {
        var value = Defined(name);
        if (value.IsTracked) return value.AsTracked.Grad;
        throw new InvalidCastException($"'{name}' is a {value.TypeName}, not a tracked value");
    }

    private Value Defined(string name) =>
        _interpreter.Globals.TryGetValue(name, out var cell) && !cell.Value.IsUndefined
            ? cell.Value
            : throw new KeyNotFoundException($"no global named '{name}'");

    internal Interpreter Interpreter => _interpreter;

    // ------------------------------------------------------------------ host functions

    /// <summary>
    /// Makes a C# function callable from scripts. On a tracked argument it computes on the data and
    /// returns a plain number (the gradient stops there); give a derivative to keep it differentiable.
    /// </summary>
    public void SetFunction(string name, Func<double, double> function) =>
        SetGlobal(name, HostFunctions.Unary(CheckName(name), function, null));

    /// <summary>
    /// Makes a differentiable C# function of one number callable from scripts: on a tracked argument
    /// the result is tracked, with <paramref name="derivative"/> as its local derivative.
    /// </summary>
    public void SetFunction(string name, Func<double, double> function, Func<double, double> derivative) =>
        SetGlobal(name, HostFunctions.Unary(CheckName(name), function, derivative));

    /// <summary>
    /// Makes any C# delegate callable from scripts. Parameters and results may be double, float,
    /// long, int, bool, string, double[] or object; a void delegate returns none.
    /// </summary>
    public void SetFunction(string name, Delegate function) =>
        SetGlobal(name, HostFunctions.FromDelegate(CheckName(name), function));

    private static string CheckName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_') || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            throw new ArgumentException($"'{name}' is not a GradScript name (letters, digits and _, not starting with a digit)", nameof(name));
        return name;
    }
}
