namespace GradScript.Runtime;

using GradScript.Ast;
using GradScript.Runtime.Nodes;

// Python's expressions beyond arithmetic: conditional expressions, lambdas, comprehensions.
internal sealed partial class Compiler
{
    private Code? Optional(Expr? expr) => expr is null ? null : Expression(expr);

    private Code ConditionalExpression(Conditional c)
    {
        var condition = Expression(c.Condition);
        var then = Expression(c.Then);
        var otherwise = Expression(c.Otherwise);
        if (condition is Constant constant) return constant.Value.IsTruthy ? then : otherwise;
        return new ConditionalCode(condition, then, otherwise, c.Span);
    }

    // A lambda is a function whose body returns its one expression.
    private Code LambdaExpression(Lambda lambda)
    {
        var scope = resolution.ExpressionScopes[lambda];
        var defaults = lambda.Parameters.Select(p => p.Default is null ? null : Expression(p.Default)).ToArray();
        var outer = _scope;
        _scope = scope;
        var body = new Instruction[] { new ReturnInstruction(Expression(lambda.Body), lambda.Body.Span) };
        _scope = outer;
        var proto = new FunctionProto("<lambda>", lambda.Parameters.Select(p => p.Name).ToArray(), scope.SlotCount, body, lambda.Span);
        return new LambdaCode(proto, defaults, lambda.Span);
    }

    // The first iterable is compiled in the enclosing scope (the resolver resolved it there); the
    // rest in the comprehension's own.
    private Code Comprehension(Comprehension c)
    {
        var scope = resolution.ExpressionScopes[c];
        var first = Expression(((ComprehensionFor)c.Clauses[0]).Iterable);
        var outer = _scope;
        _scope = scope;
        var clauses = new ComprehensionCode.Clause[c.Clauses.Count];
        for (int i = 0; i < clauses.Length; i++)
        {
            clauses[i] = c.Clauses[i] switch
            {
                ComprehensionFor f => new ComprehensionCode.Clause(Targets(f.Targets, f.Span), i == 0 ? first : Expression(f.Iterable), null, f.Span),
                ComprehensionIf condition => new ComprehensionCode.Clause(null, null, Expression(condition.Condition), condition.Span),
                _ => throw new System.Diagnostics.UnreachableException(),
            };
        }
        // A dict comprehension's key is evaluated before its value, as in Python 3.8 and later.
        var (key, element) = c switch
        {
            ListComprehension list => ((Code?)null, Expression(list.Element)),
            DictComprehension dict => (Expression(dict.Key), Expression(dict.Value)),
            _ => throw new System.Diagnostics.UnreachableException(c.GetType().Name),
        };
        _scope = outer;
        return new ComprehensionCode(scope.SlotCount, clauses, key, element, c.Span);
    }
}
