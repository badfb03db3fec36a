namespace Vepp2k.MadX;

/// <summary>
/// Recursive-descent parser for MAD-X arithmetic: + - * / ^ (**), unary signs, parentheses,
/// functions, constants, variables and element->attribute references.
/// Constant sub-expressions are folded so that immediate values and literal positions cost nothing.
/// </summary>
internal sealed class ExpressionParser(TokenCursor cursor)
{
    // Bounds on parser recursion and on tree height: evaluation recurses over the tree, and
    // a hostile input must not be able to overflow the stack.
    public const int MaxNesting = 200;
    public const int MaxTreeDepth = 400;

    private int _nesting;

    public Expr Parse() => ParseSum();

    private Expr ParseSum()
    {
        var left = ParseProduct();
        while (cursor.Current.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = cursor.Next();
            left = Binary(op, left, ParseProduct());
        }
        return left;
    }

    private Expr ParseProduct()
    {
        var left = ParseUnary();
        while (cursor.Current.Kind is TokenKind.Star or TokenKind.Slash)
        {
            var op = cursor.Next();
            left = Binary(op, left, ParseUnary());
        }
        return left;
    }

    // Unary signs bind looser than '^', so -2^2 = -4 as in MAD-X.
    private Expr ParseUnary()
    {
        if (++_nesting > MaxNesting) throw cursor.Error($"expression nested deeper than {MaxNesting} levels");
        try
        {
            if (cursor.Accept(TokenKind.Plus)) return ParseUnary();
            if (cursor.Accept(TokenKind.Minus))
            {
                var operand = ParseUnary();
                return operand is ConstantExpr c ? new ConstantExpr(-c.Value) : Bounded(new NegateExpr(operand));
            }
            return ParsePower();
        }
        finally
        {
            _nesting--;
        }
    }

    // Right-associative: 2^3^2 = 2^9; the exponent may carry its own sign (2^-1).
    private Expr ParsePower()
    {
        var bottom = ParsePrimary();
        if (cursor.Current.Kind != TokenKind.Caret) return bottom;
        var op = cursor.Next();
        return Binary(op with { Text = "^" }, bottom, ParseUnary());
    }

    private Expr ParsePrimary()
    {
        var token = cursor.Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                cursor.Next();
                return new ConstantExpr(token.Value);
            case TokenKind.LParen:
                cursor.Next();
                var inner = ParseSum();
                cursor.Expect(TokenKind.RParen, "')'");
                return inner;
            case TokenKind.Identifier:
                cursor.Next();
                return ParseName(token);
            default:
                throw cursor.Error($"expected a number, name or '(' in expression but found {token.Describe()}");
        }
    }

    private Expr ParseName(Token name)
    {
        var at = cursor.Location(name);
        if (cursor.Accept(TokenKind.Arrow))
        {
            return new AttributeExpr(name.Text, cursor.ExpectName("an attribute name after '->'"), at);
        }
        if (cursor.Current.Kind == TokenKind.LParen) return ParseCall(name, at);
        if (Builtins.TryGetConstant(name.Text, out double constant)) return new ConstantExpr(constant);
        return new VariableExpr(name.Text, at);
    }

    private Expr ParseCall(Token name, SourceLocation at)
    {
        if (!Builtins.TryGetFunction(name.Text, out var function))
        {
            throw new MadxException(at, $"unknown function '{name.Text}'");
        }
        cursor.Expect(TokenKind.LParen, "'('");
        var first = ParseSum();
        Expr? second = null;
        if (function.Arity == 2)
        {
            cursor.Expect(TokenKind.Comma, $"',' ({function.Name} takes two arguments)");
            second = ParseSum();
        }
        cursor.Expect(TokenKind.RParen, "')'");
        if (first is ConstantExpr a && (second is null || second is ConstantExpr))
        {
            double b = (second as ConstantExpr)?.Value ?? 0;
            double folded = function.Apply(a.Value, b);
            if (double.IsFinite(folded)) return new ConstantExpr(folded);
        }
        return Bounded(new CallExpr(function, first, second, at));
    }

    private Expr Binary(Token op, Expr left, Expr right)
    {
        char symbol = op.Text[0];
        if (left is ConstantExpr a && right is ConstantExpr b)
        {
            // Non-finite results (including x/0) stay unfolded: the error surfaces only if the value is used.
            double folded = BinaryExpr.Compute(symbol, a.Value, b.Value);
            if (double.IsFinite(folded)) return new ConstantExpr(folded);
        }
        return Bounded(new BinaryExpr(symbol, left, right, cursor.Location(op)));
    }

    private Expr Bounded(Expr expr) =>
        expr.Depth <= MaxTreeDepth ? expr : throw cursor.Error($"expression has more than {MaxTreeDepth} nested operations");
}
