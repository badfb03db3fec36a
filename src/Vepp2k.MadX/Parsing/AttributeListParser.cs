namespace Vepp2k.MadX;

/// <summary>Parses the ", name=value, name:=value, flag, -flag ... ;" tail shared by all commands.</summary>
internal static class AttributeListParser
{
    // Attributes whose bare-name values are names, not variables (MAD-X knows this from its
    // command dictionary; other string values must be quoted).
    private static readonly HashSet<string> TextAttributes =
    [
        "apertype", "type", "from", "refer", "refpos", "particle", "sequence", "period", "file",
        "comments", "mad8_type",
    ];

    /// <summary>Reads attributes up to and including the terminating ';'.</summary>
    public static List<RawAttribute> Parse(TokenCursor cursor)
    {
        var attributes = new List<RawAttribute>();
        while (!cursor.Accept(TokenKind.Semicolon))
        {
            cursor.Expect(TokenKind.Comma, "',' or ';'");
            attributes.Add(ParseOne(cursor));
        }
        return attributes;
    }

    private static RawAttribute ParseOne(TokenCursor cursor)
    {
        var at = cursor.Here;
        if (cursor.Accept(TokenKind.Minus))
        {
            return new RawAttribute(cursor.ExpectName("a flag name after '-'"), false, new FlagRaw(false), at);
        }
        string name = cursor.ExpectName("an attribute name");
        bool deferred;
        if (cursor.Accept(TokenKind.DeferredAssign)) deferred = true;
        else if (cursor.Accept(TokenKind.Assign)) deferred = false;
        else return new RawAttribute(name, false, new FlagRaw(true), at);
        return new RawAttribute(name, deferred, ParseValue(cursor, name), at);
    }

    private static RawValue ParseValue(TokenCursor cursor, string name)
    {
        var token = cursor.Current;
        if (token.Kind == TokenKind.String)
        {
            cursor.Next();
            return new TextRaw(token.Text);
        }
        if (token.Kind == TokenKind.LBrace) return ParseArray(cursor);
        if (token.Kind == TokenKind.Identifier && TextAttributes.Contains(name)
            && cursor.Peek().Kind is TokenKind.Comma or TokenKind.Semicolon)
        {
            cursor.Next();
            return new TextRaw(token.Text);
        }
        return new ExpressionRaw(new ExpressionParser(cursor).Parse());
    }

    private static ArrayRaw ParseArray(TokenCursor cursor)
    {
        cursor.Expect(TokenKind.LBrace, "'{'");
        var items = new List<Expr>();
        if (!cursor.Accept(TokenKind.RBrace))
        {
            do
            {
                items.Add(new ExpressionParser(cursor).Parse());
            }
            while (cursor.Accept(TokenKind.Comma));
            cursor.Expect(TokenKind.RBrace, "',' or '}'");
        }
        return new ArrayRaw([.. items]);
    }
}
