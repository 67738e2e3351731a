namespace GradScript.Runtime;

using GradScript.Ast;
using GradScript.Runtime.Members;
using GradScript.Runtime.Nodes;

// Member access: x.name, x.name(args), x.name = v. The name's meanings are found here, once.
internal sealed partial class Compiler
{
    private Code MethodCall(Call c)
    {
        var member = (Member)c.Callee;
        if (ZeroedGradientOwner(c) is { } owner) return new ZeroGradCode(Expression(owner), c.Span);
        var target = Expression(member.Target);
        var set = Members.Members.Find(member.Name);
        var arguments = Expressions(c.Arguments);
        var keywordNames = KeywordNames(c);
        var keywordValues = KeywordValues(c);
        // The ordinary call, for a member that is not a method of a built-in value (a module's function).
        var call = new CallCode(new MemberCode(target, set, member.Span), arguments, keywordNames, keywordValues, c.Span);
        return new MethodCallCode(target, set, arguments, keywordNames, keywordValues, call, c.Span);
    }

    // w.grad.zero_() and w.grad.data.zero_(): w, whose gradient the chain zeroes in place.
    private static Expr? ZeroedGradientOwner(Call c) => c is { Arguments.Count: 0, Keywords.Count: 0 } ? c.Callee switch
    {
        Member { Name: "zero_", Target: Member { Name: "grad" } grad } => grad.Target,
        Member { Name: "zero_", Target: Member { Name: "data", Target: Member { Name: "grad" } grad } } => grad.Target,
        _ => null,
    } : null;

    private static string[] KeywordNames(Call c) => c.Keywords.Count == 0 ? [] : c.Keywords.Select(k => k.Name).ToArray();

    private Code[] KeywordValues(Call c) => c.Keywords.Count == 0 ? [] : c.Keywords.Select(k => Expression(k.Value)).ToArray();

    private Store MemberTarget(Member member) => new MemberStore(Expression(member.Target), Members.Members.Find(member.Name), member.Span);
}
