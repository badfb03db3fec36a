namespace Vepp2k.MadX;

/// <summary>
/// Consumes the tokens of constructs the reader does not execute. Skipping is purely lexical
/// (statements to ';', balanced brackets), so loops and conditions are never evaluated.
/// </summary>
internal static class CommandSkipper
{
    /// <summary>Skips to just after the next ';' (or to the end of input).</summary>
    public static void SkipStatement(TokenCursor cursor)
    {
        while (!cursor.AtEnd && cursor.Next().Kind != TokenKind.Semicolon)
        {
        }
    }

    /// <summary>Skips a bracketed group starting at the current token, nested brackets included.</summary>
    public static void SkipBalanced(TokenCursor cursor, TokenKind open, TokenKind close)
    {
        var start = cursor.Expect(open, open == TokenKind.LBrace ? "'{'" : "'('");
        int depth = 1;
        while (depth > 0)
        {
            var token = cursor.Next();
            if (token.Kind == TokenKind.End)
            {
                throw new MadxException(cursor.Location(start), $"'{start.Text}' is never closed");
            }
            if (token.Kind == open) depth++;
            else if (token.Kind == close) depth--;
        }
    }

    /// <summary>if (...) {...} elseif (...) {...} else {...} and while (...) {...}.</summary>
    public static void SkipControl(TokenCursor cursor)
    {
        while (true)
        {
            string keyword = cursor.Next().Text;
            if (keyword != "else") SkipBalanced(cursor, TokenKind.LParen, TokenKind.RParen);
            if (cursor.Current.Kind == TokenKind.LBrace) SkipBalanced(cursor, TokenKind.LBrace, TokenKind.RBrace);
            else SkipStatement(cursor);
            bool continues = keyword is "if" or "elseif" && (cursor.Current.IsWord("elseif") || cursor.Current.IsWord("else"));
            if (!continues) break;
        }
        cursor.Accept(TokenKind.Semicolon);
    }

    /// <summary>The "= { ... }" body of a macro definition, cursor just after MACRO.</summary>
    public static void SkipMacroBody(TokenCursor cursor)
    {
        if (!cursor.Accept(TokenKind.DeferredAssign)) cursor.Expect(TokenKind.Assign, "'=' after MACRO");
        SkipBalanced(cursor, TokenKind.LBrace, TokenKind.RBrace);
        cursor.Accept(TokenKind.Semicolon);
    }

    /// <summary>Skips statements up to and including the one starting with <paramref name="endWord"/>.</summary>
    public static void SkipBlock(TokenCursor cursor, string endWord, string startWord, SourceLocation start)
    {
        var previous = TokenKind.Semicolon;
        while (!cursor.AtEnd)
        {
            var token = cursor.Next();
            if (token.IsWord(endWord) && previous is TokenKind.Semicolon or TokenKind.RBrace)
            {
                SkipStatement(cursor);
                return;
            }
            previous = token.Kind;
        }
        throw new MadxException(start, $"'{startWord}' has no matching '{endWord}'");
    }
}
