namespace GradScript.Runtime.Nodes;

using GradScript.Diagnostics;

/// <summary><c>import "lib/nn.grad"</c>: runs the module once per engine and binds it to a name.</summary>
internal sealed class ImportInstruction(string specifier, string bindingName, Store name, SourceSpan span) : Instruction(span)
{
    public override Completion Exec(Frame frame)
    {
        name.Set(frame, Value.Object(frame.Interpreter.Modules.Import(specifier, bindingName, Span)));
        return Completion.Normal;
    }
}

/// <summary><c>nn.mlp</c>: a module's global.</summary>
internal sealed class MemberCode(Code target, string member, SourceSpan span) : Code(span)
{
    public override Value Eval(Frame frame)
    {
        var value = target.Eval(frame);
        if (value.Reference is not ModuleValue module)
            throw new ScriptRuntimeException($"{value.TypeName} has no attribute '{member}'", Span);
        try { return module.Get(member); }
        catch (RuntimeError e) { throw new ScriptRuntimeException(e.Message, Span, hint: e.Hint); }
    }
}
