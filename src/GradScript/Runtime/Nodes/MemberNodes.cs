namespace GradScript.Runtime.Nodes;

using System.Runtime.CompilerServices;
using GradScript.Diagnostics;
using GradScript.Runtime.Members;

/// <summary>
/// <c>x.name</c>: an attribute of a built-in value (<c>w.grad</c>), a method taken as a value
/// (<c>f = xs.append</c>), or a module's global (<c>nn.mlp</c>).
/// </summary>
internal sealed class MemberCode(Code target, MemberSet member, SourceSpan span) : Code(span)
{
    public override Value Eval(Frame frame) => Read(target.Eval(frame), member, frame.Interpreter, Span);

    /// <summary>The attribute <paramref name="member"/> of <paramref name="self"/>.</summary>
    public static Value Read(Value self, MemberSet member, Interpreter interpreter, in SourceSpan at)
    {
        var kind = Members.KindOf(self);
        try
        {
            if (member.Getter(kind) is { } get) return get(interpreter, self);
            if (self.Reference is ModuleValue module) return module.Get(member.Name);
            if (member.Method(kind) is { } method) return Value.Object(Bound(method, self));
            throw Members.NoAttribute(self, member.Name);
        }
        catch (RuntimeError e) { throw new ScriptRuntimeException(e.Message, at, hint: e.Hint); }
    }

    // A method taken as a value keeps its receiver, as Python's bound methods do.
    private static NativeFunction Bound(NativeFunction method, Value self) => new(method.Name, (interpreter, in a) =>
    {
        var all = new Value[a.Count + 1];
        all[0] = self;
        a.Positional.CopyTo(all.AsSpan(1));
        return method.Invoke(interpreter, new Arguments(all, a.KeywordNames, a.KeywordValues, a.CallSite));
    }, method.Keywords, method.AcceptsAnyKeyword);
}

/// <summary>
/// <c>x.name(args)</c>: a method of a built-in value, called with the receiver as its first
/// argument and without making a bound method; otherwise (a module's function) an ordinary call
/// of the attribute.
/// </summary>
internal sealed class MethodCallCode(Code target, MemberSet member, Code[] arguments, string[] keywordNames, Code[] keywordValues, CallCode call, SourceSpan span) : Code(span)
{
    [InlineArray(4)]
    private struct SmallArguments
    {
        private Value _first;
    }

    public override Value Eval(Frame frame)
    {
        var self = target.Eval(frame);
        if (member.Method(Members.KindOf(self)) is not { } method)
            return call.Apply(MemberCode.Read(self, member, frame.Interpreter, Span), frame);
        foreach (var name in keywordNames)
        {
            if (!method.Accepts(name))
                throw new ScriptRuntimeException($"TypeError: {Arity.UnexpectedKeyword(method.Name, name)}", Span);
        }
        Value[] keywords = keywordValues.Length == 0 ? [] : new Value[keywordValues.Length];
        if (arguments.Length < 4)
        {
            var buffer = new SmallArguments();
            Span<Value> values = buffer;
            values[0] = self;
            for (int i = 0; i < arguments.Length; i++) values[i + 1] = arguments[i].Eval(frame);
            EvalKeywords(keywords, frame);
            return method.Call(frame.Interpreter, new Arguments(values[..(arguments.Length + 1)], keywordNames, keywords, Span));
        }
        var array = new Value[arguments.Length + 1];
        array[0] = self;
        for (int i = 0; i < arguments.Length; i++) array[i + 1] = arguments[i].Eval(frame);
        EvalKeywords(keywords, frame);
        return method.Call(frame.Interpreter, new Arguments(array, keywordNames, keywords, Span));
    }

    private void EvalKeywords(Value[] keywords, Frame frame)
    {
        for (int k = 0; k < keywords.Length; k++) keywords[k] = keywordValues[k].Eval(frame);
    }
}

/// <summary><c>x.name = v</c>: <c>w.data = …</c>, <c>w.grad = none</c>.</summary>
internal sealed class MemberStore(Code target, MemberSet member, SourceSpan span) : Store(span)
{
    public override void Set(Frame frame, Value value)
    {
        var self = target.Eval(frame);
        var kind = Members.KindOf(self);
        try
        {
            if (member.Setter(kind) is not { } set)
            {
                string why = self.Reference is ModuleValue ? " (a module is read-only from outside)"
                    : member.Getter(kind) is not null ? " (it can be read, not assigned)" : "";
                throw new RuntimeError($"AttributeError: cannot assign attribute '{member.Name}' of {self.TypeName}{why}");
            }
            set(frame.Interpreter, self, value);
        }
        catch (RuntimeError e) { throw new ScriptRuntimeException(e.Message, Span); }
    }
}

/// <summary>
/// <c>w.grad.zero_()</c> and <c>w.grad.data.zero_()</c>: zeroes w's gradient in place. A gradient
/// read out is a plain number, which cannot change w's; so the whole chain is one operation on w,
/// recognised when compiling, and <c>zero_()</c> on a number taken apart from it is an error.
/// </summary>
internal sealed class ZeroGradCode(Code owner, SourceSpan span) : Code(span)
{
    public override Value Eval(Frame frame)
    {
        var self = owner.Eval(frame);
        if (!self.IsTracked) throw new ScriptRuntimeException(Members.NoAttribute(self, "grad", " (was it computed from a param()?)").Message, Span);
        var node = self.AsTracked;
        if (!node.IsLeaf || !node.HasGrad)
            throw new ScriptRuntimeException("AttributeError: 'none' object has no attribute 'zero_' (.grad is none until a backward reaches the leaf)", Span);
        node.Grad = 0;
        frame.Interpreter.Autograd.SetTrackedGradient(node, null);
        return Value.Float(0);
    }
}
