namespace Vepp2k.MadX;

/// <summary>Forward-only reader over the tokens of one source file.</summary>
internal sealed class TokenCursor
{
    private readonly List<Token> _tokens;
    private readonly string _source;
    private int _position;

    public TokenCursor(string source, string file)
    {
        _source = source;
        File = file;
        _tokens = Lexer.Tokenize(source, file);
    }

    public string File { get; }

    public Token Current => _tokens[_position];

    public Token Peek(int ahead = 1) => _tokens[Math.Min(_position + ahead, _tokens.Count - 1)];

    public bool AtEnd => Current.Kind == TokenKind.End;

    public Token Next()
    {
        var token = Current;
        if (token.Kind != TokenKind.End) _position++;
        return token;
    }

    public bool Accept(TokenKind kind)
    {
        if (Current.Kind != kind) return false;
        Next();
        return true;
    }

    public Token Expect(TokenKind kind, string what)
    {
        if (Current.Kind != kind) throw Error($"expected {what} but found {Current.Describe()}");
        return Next();
    }

    public string ExpectName(string what) => Expect(TokenKind.Identifier, what).Text;

    public SourceLocation Location(Token token) => new(File, token.Line);

    public SourceLocation Here => Location(Current);

    public MadxException Error(string reason) => new(Here, reason);

    /// <summary>Source text between two offsets, original case: used for unquoted file names.</summary>
    public string RawText(int start, int end) => _source[start..end];
}
