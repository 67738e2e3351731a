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

    public override Value Eval(Frame frame) => Apply(callee.Eval(frame), frame);

    /// <summary>Calls <paramref name="target"/> with this call's arguments (a method call on a module's function comes here).</summary>
    /// <remarks>Inlined into <see cref="Eval"/>: every call of a script passes here.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Value Apply(Value target, Frame frame)
    {
        return target.Reference switch
        {
            ScriptFunction function => CallScript(function, frame),
            NativeFunction native => CallNative(native, frame),
            _ => throw new ScriptRuntimeException($"{target.TypeName} is not callable", Span),
        };
    }

    private Value CallScript(ScriptFunction function, Frame frame)
    {
        var slots = NewFrame(function);
        for (int i = 0; i < arguments.Length; i++) slots[i] = arguments[i].Eval(frame);
        if (keywordNames.Length > 0) BindKeywords(function.Proto, slots, frame);
        return RunScript(function, slots, frame);
    }

    // The compiled tier makes the same call in three parts, evaluating the arguments itself between
    // them: the callee's new slots (or null for a native function), then the run.
    public Code Callee => callee;
    public Code[] Arguments => arguments;
    public bool HasKeywords => keywordNames.Length > 0;

    /// <summary>The slots of a script function's frame, or null when the callee is a native function.</summary>
    public Value[]? ScriptFrame(Value target) => target.Reference switch
    {
        ScriptFunction function => NewFrame(function),
        NativeFunction => null,
        _ => throw new ScriptRuntimeException($"{target.TypeName} is not callable", Span),
    };

    private Value[] NewFrame(ScriptFunction function)
    {
        var slots = new Value[function.Proto.SlotCount];
        if (arguments.Length > function.Proto.Parameters.Length) throw function.TooManyArguments(arguments.Length, Span);
        return slots;
    }

    /// <summary>Runs a script function whose positional arguments are in <paramref name="slots"/>.</summary>
    public Value RunScript(Value target, Value[] slots, Frame frame) => RunScript((ScriptFunction)target.Reference!, slots, frame);

    private Value RunScript(ScriptFunction function, Value[] slots, Frame frame)
    {
        function.FillDefaults(slots, arguments.Length, Span);
        return function.Run(slots, frame.Interpreter, Span);
    }

    /// <summary>A native function called with one evaluated argument and no keywords.</summary>
    public Value CallNative(Value target, Value only, Frame frame) => CallOne((NativeFunction)target.Reference!, only, frame);

    // One argument: a tracked one goes to the builtin's direct entry when it has one.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Value CallOne(NativeFunction native, Value only, Frame frame) => only.IsTracked && native.OnTracked is not null
        ? native.CallTracked(frame.Interpreter, only.AsTracked, Span)
        : Invoke(native, frame, new ReadOnlySpan<Value>(in only), null);

    /// <summary>A native function called with two evaluated arguments and no keywords.</summary>
    public Value CallNative(Value target, Value first, Value second, Frame frame)
    {
        var pair = new ArgumentPair();
        pair[0] = first;
        pair[1] = second;
        return Invoke((NativeFunction)target.Reference!, frame, pair, null);
    }

    /// <summary>A native function called with three evaluated arguments and no keywords.</summary>
    public Value CallNative(Value target, Value first, Value second, Value third, Frame frame)
    {
        var buffer = new SmallArguments();
        buffer[0] = first;
        buffer[1] = second;
        buffer[2] = third;
        return Invoke((NativeFunction)target.Reference!, frame, ((ReadOnlySpan<Value>)buffer)[..3], null);
    }

    /// <summary>A native function called with four evaluated arguments and no keywords.</summary>
    public Value CallNative(Value target, Value first, Value second, Value third, Value fourth, Frame frame)
    {
        var buffer = new SmallArguments();
        buffer[0] = first;
        buffer[1] = second;
        buffer[2] = third;
        buffer[3] = fourth;
        return Invoke((NativeFunction)target.Reference!, frame, buffer, null);
    }

    /// <summary>A native function called with more evaluated arguments and no keywords.</summary>
    public Value CallNative(Value target, Value[] values, Frame frame) => Invoke((NativeFunction)target.Reference!, frame, values, null);

    /// <summary>A native function called without arguments.</summary>
    public Value CallNative(Value target, Frame frame) => Invoke((NativeFunction)target.Reference!, frame, [], null);

    private void BindKeywords(FunctionProto proto, Value[] slots, Frame frame)
    {
        for (int k = 0; k < keywordNames.Length; k++)
        {
            int index = proto.IndexOf(keywordNames[k]);
            if (index < 0)
                throw new ScriptRuntimeException(Arity.UnexpectedKeyword(proto.Name, keywordNames[k]), Span);
            if (!slots[index].IsUndefined)
                throw new ScriptRuntimeException(Arity.MultipleValues(proto.Name, keywordNames[k]), Span);
            slots[index] = keywordValues[k].Eval(frame);
        }
    }

    private Value CallNative(NativeFunction native, Frame frame)
    {
        if (keywordNames.Length == 0)
        {
            // The common calls, grad(w) or append(xs, x), with their arguments in locals.
            switch (arguments.Length)
            {
                case 1:
                    return CallOne(native, arguments[0].Eval(frame), frame);
                case 2:
                    var pair = new ArgumentPair();
                    pair[0] = arguments[0].Eval(frame);
                    pair[1] = arguments[1].Eval(frame);
                    return Invoke(native, frame, pair, null);
            }
        }
        foreach (var name in keywordNames)
        {
            if (!native.Accepts(name))
                throw new ScriptRuntimeException(Arity.UnexpectedKeyword(native.Name, name), Span);
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

    [InlineArray(2)]
    private struct ArgumentPair
    {
        private Value _first;
    }

    private Value Invoke(NativeFunction native, Frame frame, ReadOnlySpan<Value> values, Value[]? keywords) =>
        native.Call(frame.Interpreter, new Arguments(values, keywordNames, keywords ?? [], Span));
}
