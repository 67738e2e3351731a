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
        var proto = function.Proto;
        var slots = new Value[proto.SlotCount];
        if (arguments.Length > proto.Parameters.Length) throw function.TooManyArguments(arguments.Length, Span);
        for (int i = 0; i < arguments.Length; i++) slots[i] = arguments[i].Eval(frame);
        if (keywordNames.Length > 0) BindKeywords(proto, slots, frame);
        function.FillDefaults(slots, arguments.Length, Span);
        return function.Run(slots, frame.Interpreter, Span);
    }

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
                    var only = arguments[0].Eval(frame);
                    return Invoke(native, frame, new ReadOnlySpan<Value>(in only), null);
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
