namespace Vepp2k.MadX;

/// <summary>
/// One lexical token. <see cref="Text"/> is lower-case for identifiers (MAD-X names are
/// case-insensitive), the unquoted content for strings, the source text otherwise.
/// Start/End are character offsets so that raw text (unquoted file names) can be recovered.
/// </summary>
internal readonly record struct Token(TokenKind Kind, string Text, double Value, int Line, int Start, int End)
{
    public bool IsWord(string word) => Kind == TokenKind.Identifier && Text == word;

    public string Describe() => Kind switch
    {
        TokenKind.End => "end of input",
        TokenKind.String => $"string \"{Text}\"",
        _ => $"'{Text}'",
    };
}
