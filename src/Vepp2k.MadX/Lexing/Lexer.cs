using System.Globalization;

namespace Vepp2k.MadX;

/// <summary>Splits MAD-X source into tokens, dropping comments (//, !, /* */) and whitespace.</summary>
internal static class Lexer
{
    public static List<Token> Tokenize(string text, string file)
    {
        var tokens = new List<Token>();
        int i = 0, line = 1, n = text.Length;
        while (i < n)
        {
            char c = text[i];
            char next = i + 1 < n ? text[i + 1] : '\0';
            if (c == '\n')
            {
                line++;
                i++;
            }
            else if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '!' || (c == '/' && next == '/'))
            {
                while (i < n && text[i] != '\n') i++;
            }
            else if (c == '/' && next == '*')
            {
                i = SkipBlockComment(text, i, ref line, file);
            }
            else if (IsNameStart(c))
            {
                int start = i++;
                while (i < n && IsNameChar(text[i])) i++;
                tokens.Add(new Token(TokenKind.Identifier, text[start..i].ToLowerInvariant(), 0, line, start, i));
            }
            else if (StartsDigitName(text, i))
            {
                int start = i;
                while (i < n && IsNameChar(text[i])) i++;
                tokens.Add(new Token(TokenKind.Identifier, text[start..i].ToLowerInvariant(), 0, line, start, i));
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(next)))
            {
                tokens.Add(ReadNumber(text, ref i, line, file));
            }
            else if (c == '"' || c == '\'')
            {
                tokens.Add(ReadString(text, ref i, ref line, file));
            }
            else
            {
                tokens.Add(ReadPunctuation(text, ref i, line));
            }
        }
        tokens.Add(new Token(TokenKind.End, "", 0, line, n, n));
        return tokens;
    }

    // MAD-X names may contain dots and dollars (mq.12r1.b1, ring$start); '#' starts #s / #e.
    private static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c == '_' || c == '#';

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '$';

    // An extension for VEPP-2000's own names (1M1, 4F3, 2S1, 1M1L): digits followed directly by a
    // letter other than an exponent's e form a name. "1e5" stays a number; "2*q" is unaffected.
    private static bool StartsDigitName(string text, int i)
    {
        int k = i;
        while (k < text.Length && char.IsAsciiDigit(text[k])) k++;
        return k > i && k < text.Length && char.IsAsciiLetter(text[k]) && text[k] is not ('e' or 'E');
    }

    private static int SkipBlockComment(string text, int i, ref int line, string file)
    {
        int startLine = line;
        int close = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
        if (close < 0) throw new MadxException(file, startLine, "unterminated /* comment");
        for (int k = i; k < close; k++)
        {
            if (text[k] == '\n') line++;
        }
        return close + 2;
    }

    private static Token ReadNumber(string text, ref int i, int line, string file)
    {
        int start = i, n = text.Length;
        while (i < n && char.IsAsciiDigit(text[i])) i++;
        if (i < n && text[i] == '.')
        {
            i++;
            while (i < n && char.IsAsciiDigit(text[i])) i++;
        }
        // An exponent only when digits follow, so "2.e" stays a number and a name.
        if (i < n && (text[i] is 'e' or 'E'))
        {
            int k = i + 1;
            if (k < n && (text[k] is '+' or '-')) k++;
            if (k < n && char.IsAsciiDigit(text[k]))
            {
                i = k;
                while (i < n && char.IsAsciiDigit(text[i])) i++;
            }
        }
        string raw = text[start..i];
        double value = double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(value)) throw new MadxException(file, line, $"number {raw} is out of range");
        return new Token(TokenKind.Number, raw, value, line, start, i);
    }

    private static Token ReadString(string text, ref int i, ref int line, string file)
    {
        char quote = text[i];
        int start = i, startLine = line;
        int close = text.IndexOf(quote, i + 1);
        if (close < 0) throw new MadxException(file, startLine, "unterminated string");
        for (int k = i + 1; k < close; k++)
        {
            if (text[k] == '\n') line++;
        }
        i = close + 1;
        return new Token(TokenKind.String, text[(start + 1)..close], 0, startLine, start, i);
    }

    private static Token ReadPunctuation(string text, ref int i, int line)
    {
        int start = i;
        char c = text[i];
        char next = i + 1 < text.Length ? text[i + 1] : '\0';
        (TokenKind kind, int width) = c switch
        {
            ';' => (TokenKind.Semicolon, 1),
            ',' => (TokenKind.Comma, 1),
            '(' => (TokenKind.LParen, 1),
            ')' => (TokenKind.RParen, 1),
            '{' => (TokenKind.LBrace, 1),
            '}' => (TokenKind.RBrace, 1),
            '+' => (TokenKind.Plus, 1),
            '^' => (TokenKind.Caret, 1),
            '/' => (TokenKind.Slash, 1),
            ':' when next == '=' => (TokenKind.DeferredAssign, 2),
            ':' => (TokenKind.Colon, 1),
            '-' when next == '>' => (TokenKind.Arrow, 2),
            '-' => (TokenKind.Minus, 1),
            '*' when next == '*' => (TokenKind.Caret, 2),
            '*' => (TokenKind.Star, 1),
            '=' when next == '=' => (TokenKind.Other, 2),
            '=' => (TokenKind.Assign, 1),
            '<' or '>' when next is '=' or '>' => (TokenKind.Other, 2),
            '&' or '|' when next == c => (TokenKind.Other, 2),
            _ => (TokenKind.Other, char.IsSurrogatePair(c, next) ? 2 : 1),
        };
        i += width;
        return new Token(kind, text.Substring(start, width), 0, line, start, i);
    }
}
