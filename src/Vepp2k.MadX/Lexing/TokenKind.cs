namespace Vepp2k.MadX;

internal enum TokenKind
{
    Identifier,
    Number,
    String,
    Semicolon,
    Comma,
    Colon,
    Assign,          // =
    DeferredAssign,  // :=
    LParen,
    RParen,
    LBrace,
    RBrace,
    Plus,
    Minus,
    Star,
    Slash,
    Caret,           // ^ or **
    Arrow,           // ->
    // Anything else (comparisons, logical operators, stray characters): only meaningful inside
    // commands the reader skips, so the lexer accepts it and the parser rejects it elsewhere.
    Other,
    End,
}
