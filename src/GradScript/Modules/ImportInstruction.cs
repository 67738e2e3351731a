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
