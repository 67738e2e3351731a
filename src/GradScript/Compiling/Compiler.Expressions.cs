namespace GradScript.Runtime;

using System.Diagnostics;
using GradScript.Ast;
using GradScript.Binding;
using GradScript.Diagnostics;
using GradScript.Runtime.Nodes;

// Expressions: one arm per AST node, operators specialised, constants folded.
internal sealed partial class Compiler
{
    private Code Expression(Expr expr)
    {
        EnsureStack(expr.Span);
        return expr switch
        {
            Literal l => new Constant(LiteralValue(l.Value), l.Span),
            Name n => VariableRead(n),
            Binary b => BinaryExpression(b),
            Unary u => UnaryExpression(u),
            Not n => NotExpression(n),
            Logical l => LogicalExpression(l),
            RangeExpr r => new RangeCode(Expression(r.Start), Expression(r.Stop), r.Span),
            ListExpr l => new ListCode(Expressions(l.Items), l.Span),
            DictDisplay d => new DictCode(Expressions(d.Keys), Expressions(d.Values), d.Span),
            Index i => new IndexCode(Expression(i.Target), Expression(i.Key), i.Span),
            Slice s => new SliceCode(Expression(s.Target), Optional(s.Lower), Optional(s.Upper), Optional(s.Step), s.Span),
            Conditional c => ConditionalExpression(c),
            Lambda l => LambdaExpression(l),
            Comprehension c => Comprehension(c),
            Member m => new MemberCode(Expression(m.Target), Members.Members.Find(m.Name), m.Span),
            Call { Callee: Member } c => MethodCall(c),
            Call c => new CallCode(Expression(c.Callee), Expressions(c.Arguments), KeywordNames(c), KeywordValues(c), c.Span),
            FString f => new FStringCode(f.Parts.Select(p => new FStringCode.Piece(p.Text, p.Value is null ? null : Expression(p.Value), p.FormatSpec, p.NestedSpec is null ? null : Expression(p.NestedSpec), p.Conversion)).ToArray(), f.Span),
            _ => throw new UnreachableException(expr.GetType().Name),
        };
    }

    // A loop rather than Select: calls and list displays are most of a script's expressions, and
    // each Select made a delegate and an iterator.
    private Code[] Expressions(IReadOnlyList<Expr> items)
    {
        if (items.Count == 0) return [];
        var codes = new Code[items.Count];
        for (int i = 0; i < codes.Length; i++) codes[i] = Expression(items[i]);
        return codes;
    }

    private static Value LiteralValue(object? value) => value switch
    {
        null => Value.None,
        bool b => Value.Bool(b),
        long i => Value.Int(i),
        double d => Value.Float(d),
        string s => Value.String(s),
        _ => throw new UnreachableException(value.GetType().Name),
    };

    private Code VariableRead(Name name)
    {
        var variable = resolution.Of(_scope, name.Identifier);
        return variable.Kind switch
        {
            VariableKind.Local => new LocalGet(variable.Slot, name.Identifier, name.Span),
            VariableKind.Enclosing => new EnclosingGet(variable.Depth, variable.Slot, name.Identifier, name.Span),
            _ when _scope is null => new GlobalGet(variable.Slot, name.Identifier, name.Span),
            _ => new GlobalGetInFunction(variable.Slot, name.Identifier, VisibleLocals(_scope), name.Span),
        };
    }

    // One array a function, shared by its global reads (their error's suggestions).
    private string[] VisibleLocals(FunctionScope scope)
    {
        if (!_visibleLocals.TryGetValue(scope, out var names)) _visibleLocals[scope] = names = Undefined.VisibleLocals(scope);
        return names;
    }

    // A left-deep chain of binary operators is collected in a loop (never by recursion), then built
    // as nested nodes when short or as one looping node when long.
    private Code BinaryExpression(Binary binary)
    {
        int length = 0;
        Expr leftmost = binary;
        for (; leftmost is Binary b && !IsComparison(b.Op); length++) leftmost = b.Left;
        if (length == 0) return Comparison(binary);

        // The spine from its innermost (first evaluated) operator out.
        var spine = new Binary[length];
        leftmost = binary;
        for (int i = length - 1; i >= 0; i--)
        {
            spine[i] = (Binary)leftmost;
            leftmost = spine[i].Left;
        }

        var first = Expression(leftmost);
        if (length > ChainThreshold)
        {
            var ops = new BinaryOp[length];
            var operands = new Code[length];
            var opSpans = new SourceSpan[length];
            for (int i = 0; i < length; i++)
                (ops[i], operands[i], opSpans[i]) = (spine[i].Op, Expression(spine[i].Right), spine[i].OpSpan);
            return new ArithmeticChain(first, ops, operands, opSpans, binary.Span);
        }
        var result = first;
        foreach (var b in spine) result = Arithmetic(b.Op, result, Expression(b.Right), b.OpSpan, b.Span);
        return result;
    }

    private static bool IsComparison(BinaryOp op) => OperatorTable.Of(op).Kind switch
    {
        OperatorKind.Arithmetic => false,
        OperatorKind.Comparison or OperatorKind.Membership => true,
        _ => throw new UnreachableException(op.ToString()),
    };

    private Code Comparison(Binary b)
    {
        Code left = Expression(b.Left), right = Expression(b.Right);
        switch (OperatorTable.Of(b.Op).Kind)
        {
            case OperatorKind.Membership:
                return new MembershipCode(b.Op == BinaryOp.NotIn, left, right, b.OpSpan, b.Span);
            case OperatorKind.Comparison:
                if (Constants(left, right) is var (x, y))
                    return new Constant(Value.Bool(Comparisons.Compare(b.Op, x, y, b.OpSpan)), b.Span);
                return new CompareCode(b.Op, left, right, b.OpSpan, b.Span);
            default:
                throw new UnreachableException(b.Op.ToString());
        }
    }

    // The operand is compiled once: compiling it again for the node would double the work at each
    // level of `not not … x`, exponential in the nesting.
    private Code NotExpression(Not n)
    {
        var operand = Expression(n.Operand);
        return operand is Constant c ? new Constant(Value.Bool(!c.Value.IsTruthy), n.Span) : new NotCode(operand, n.Span);
    }

    private Code UnaryExpression(Unary u)
    {
        var operand = Expression(u.Operand);
        if (operand is Constant c && c.Value.IsPlainNumber)
        {
            try
            {
                return new Constant(u.Op switch
                {
                    UnaryOp.Negate => Operators.Negate(c.Value, null!, u.Span),
                    UnaryOp.Plus => c.Value,
                    _ => throw new UnreachableException(u.Op.ToString()),
                }, u.Span);
            }
            catch (ScriptRuntimeException) { }
        }
        return u.Op switch
        {
            UnaryOp.Negate => new NegateCode(operand, u.Span),
            UnaryOp.Plus => new PlusCode(operand, u.Span),
            _ => throw new UnreachableException(u.Op.ToString()),
        };
    }

    // Two plain-number constants, or null. Only numbers are folded: they cannot be tracked, so
    // folding them records nothing and needs no interpreter.
    private static (Value, Value)? Constants(Code left, Code right) =>
        left is Constant l && right is Constant r && l.Value.IsPlainNumber && r.Value.IsPlainNumber ? (l.Value, r.Value) : null;

    /// <summary>
    /// An arithmetic node, or a constant when both operands are number constants. An operation that
    /// would fail (1 // 0) is left to fail at run time, where the error belongs.
    /// </summary>
    private static Code Arithmetic(BinaryOp op, Code left, Code right, SourceSpan opSpan, SourceSpan span)
    {
        if (Constants(left, right) is var (x, y))
        {
            try { return new Constant(Operators.Arithmetic(op, x, y, null!, opSpan), span); }
            catch (ScriptRuntimeException) { }
        }
        return Specialised(op, left, right, opSpan, span);
    }

    private static Code Specialised(BinaryOp op, Code left, Code right, SourceSpan opSpan, SourceSpan span) => op switch
    {
        BinaryOp.Add => new ArithmeticCode<AddOperator>(left, right, opSpan, span),
        BinaryOp.Subtract => new ArithmeticCode<SubtractOperator>(left, right, opSpan, span),
        BinaryOp.Multiply => new ArithmeticCode<MultiplyOperator>(left, right, opSpan, span),
        BinaryOp.Divide => new ArithmeticCode<DivideOperator>(left, right, opSpan, span),
        // Rarer in a training loop: no float fast path of their own.
        BinaryOp.FloorDivide or BinaryOp.Modulo or BinaryOp.Power => new GenericArithmeticCode(op, left, right, opSpan, span),
        _ => throw new UnreachableException(op.ToString()),
    };

    private Code LogicalExpression(Logical logical)
    {
        // and/or chains are left-deep too; collect them without recursion.
        var spine = new List<Logical>();
        Expr leftmost = logical;
        while (leftmost is Logical l)
        {
            spine.Add(l);
            leftmost = l.Left;
        }
        spine.Reverse();
        var result = Expression(leftmost);
        foreach (var l in spine)
        {
            var right = Expression(l.Right);
            result = l.IsAnd ? new AndCode(result, right, l.Span) : new OrCode(result, right, l.Span);
        }
        return result;
    }
}
