namespace GradScript.Runtime.Nodes;

using System.Runtime.CompilerServices;
using GradScript.Diagnostics;

/// <summary>
/// A call. A script function's arguments are evaluated straight into the new frame's slots; a
/// native function's into a buffer on the stack, so neither allocates an argument array. Errors in
/// a native function are placed at the call; a runtime error passing out of a script function
/// gains one stack-trace line naming the function and this call's place.
/// </summary>
internal sealed class CallCode(Code callee, Code[] arguments, string[] keywordNames, Code[] keywordValues, SourceSpan span) : Code(span)
{
    [InlineArray(4)]
    private struct SmallArguments
    {
        private Value _first;
    }

    public override Value Eval(Frame frame)
    {
        var target = callee.Eval(frame);
        return target.Reference switch
        {
            ScriptFunction function => CallScript(function, frame),
            NativeFunction native => CallNative(native, frame),
            _ => throw new ScriptRuntimeException($"{target.TypeName} is not callable", Span),
        };
    }

    private Value CallScript(ScriptFunction function, Frame frame)
    {
        var proto = function.Proto;
        var slots = new Value[proto.SlotCount];
        if (arguments.Length > proto.Parameters.Length)
            throw new ScriptRuntimeException(
                $"{proto.Name}() takes {Count(proto.Parameters.Length, "argument")} but {arguments.Length} were given", Span);
        for (int i = 0; i < arguments.Length; i++) slots[i] = arguments[i].Eval(frame);
        if (keywordNames.Length > 0) BindKeywords(proto, slots, frame);
        for (int i = arguments.Length; i < proto.Parameters.Length; i++)
        {
            if (!slots[i].IsUndefined) continue;
            if (function.Defaults[i].IsUndefined)
                throw new ScriptRuntimeException($"{proto.Name}() missing required argument '{proto.Parameters[i]}'", Span);
            slots[i] = function.Defaults[i];
        }

        var interpreter = frame.Interpreter;
        interpreter.Tick(Span);
        if (++interpreter.CallDepth > interpreter.MaxCallDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new ScriptLimitException("maximum call depth exceeded", Span);
        var calleeFrame = new Frame(slots, function.Closure, function.Closure.Globals, interpreter);
        Completion completion;
        try
        {
            completion = Instruction.Run(proto.Body, calleeFrame);
        }
        catch (ScriptRuntimeException e) when (AddFrame(e, proto.Name))
        {
            throw; // never reached: the filter only records the frame while the exception passes
        }
        interpreter.CallDepth--;
        return completion == Completion.Return ? calleeFrame.ReturnValue : Value.None;
    }

    private bool AddFrame(ScriptRuntimeException e, string function)
    {
        e.Frames.Add((function, Span));
        return false;
    }

    private void BindKeywords(FunctionProto proto, Value[] slots, Frame frame)
    {
        for (int k = 0; k < keywordNames.Length; k++)
        {
            int index = proto.IndexOf(keywordNames[k]);
            if (index < 0)
                throw new ScriptRuntimeException($"{proto.Name}() got an unexpected keyword argument '{keywordNames[k]}'", Span);
            if (!slots[index].IsUndefined)
                throw new ScriptRuntimeException($"{proto.Name}() got multiple values for argument '{keywordNames[k]}'", Span);
            slots[index] = keywordValues[k].Eval(frame);
        }
    }

    private Value CallNative(NativeFunction native, Frame frame)
    {
        foreach (var name in keywordNames)
        {
            if (Array.IndexOf(native.Keywords, name) < 0)
                throw new ScriptRuntimeException($"{native.Name}() got an unexpected keyword argument '{name}'", Span);
        }
        Value[]? keywords = null;
        if (keywordValues.Length > 0)
        {
            keywords = new Value[keywordValues.Length];
            for (int k = 0; k < keywords.Length; k++) keywords[k] = keywordValues[k].Eval(frame);
        }

        if (arguments.Length <= 4)
        {
            var buffer = new SmallArguments();
            Span<Value> values = buffer;
            for (int i = 0; i < arguments.Length; i++) values[i] = arguments[i].Eval(frame);
            return Invoke(native, frame, values[..arguments.Length], keywords);
        }
        var array = new Value[arguments.Length];
        for (int i = 0; i < array.Length; i++) array[i] = arguments[i].Eval(frame);
        return Invoke(native, frame, array, keywords);
    }

    private Value Invoke(NativeFunction native, Frame frame, ReadOnlySpan<Value> values, Value[]? keywords)
    {
        try
        {
            return native.Invoke(frame.Interpreter, new Arguments(values, keywordNames, keywords ?? [], Span));
        }
        catch (RuntimeError e)
        {
            throw new ScriptRuntimeException(e.Message, Span);
        }
        catch (Exception e) when (e is not (ScriptException or OperationCanceledException))
        {
            throw NativeFailure(native, e);
        }
    }

    private ScriptRuntimeException NativeFailure(NativeFunction native, Exception e) => e switch
    {
        OutOfMemoryException => new ScriptRuntimeException($"out of memory in {native.Name}()", Span, e),
        InsufficientExecutionStackException => new ScriptLimitException("maximum call depth exceeded", Span),
        _ => new ScriptRuntimeException($"{native.Name}() failed: {e.Message}", Span, e),
    };

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
