namespace Vepp2k.MadX;

/// <summary>Parses a LINE body: (a, b, 3*c, -d, 2*(a, b), -(e, f)).</summary>
internal sealed class LineParser(TokenCursor cursor)
{
    public const int MaxNesting = 100;

    private int _nesting;

    public GroupItem ParseBody()
    {
        var open = cursor.Expect(TokenKind.LParen, "'(' to start the line");
        return ParseGroup(open);
    }

    private GroupItem ParseGroup(Token open)
    {
        var items = new List<LineItem>();
        if (!cursor.Accept(TokenKind.RParen))
        {
            do
            {
                items.Add(ParseItem());
            }
            while (cursor.Accept(TokenKind.Comma));
            cursor.Expect(TokenKind.RParen, "',' or ')'");
        }
        return new GroupItem(items, cursor.Location(open));
    }

    private LineItem ParseItem()
    {
        if (++_nesting > MaxNesting) throw cursor.Error($"line nested deeper than {MaxNesting} levels");
        try
        {
            var token = cursor.Next();
            var at = cursor.Location(token);
            switch (token.Kind)
            {
                case TokenKind.Minus:
                    return new ReflectItem(ParseItem(), at);
                case TokenKind.Number:
                    int count = RepeatCount(token, at);
                    cursor.Expect(TokenKind.Star, "'*' after a repetition count");
                    return new RepeatItem(count, ParseItem(), at);
                case TokenKind.LParen:
                    return ParseGroup(token);
                case TokenKind.Identifier:
                    if (cursor.Current.Kind == TokenKind.LParen)
                    {
                        throw new MadxException(at, $"line arguments ('{token.Text}(...)') are not supported");
                    }
                    return new NameItem(token.Text, at);
                default:
                    throw new MadxException(at, $"expected an element or line name but found {token.Describe()}");
            }
        }
        finally
        {
            _nesting--;
        }
    }

    private static int RepeatCount(Token token, SourceLocation at)
    {
        double n = token.Value;
        if (n != Math.Floor(n)) throw new MadxException(at, $"repetition count {token.Text} is not an integer");
        if (n > Expander.MaxElements) throw new MadxException(at, $"repetition count {token.Text} exceeds {Expander.MaxElements}");
        return (int)n;
    }
}
