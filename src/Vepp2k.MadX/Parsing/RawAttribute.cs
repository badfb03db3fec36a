namespace Vepp2k.MadX;

/// <summary>
/// An attribute as written in a command (name, '=' or ':=', value), before the command decides
/// what it means: element attributes become formulas, BEAM takes numbers, USE takes names.
/// </summary>
internal sealed record RawAttribute(string Name, bool Deferred, RawValue Value, SourceLocation Location);

internal abstract record RawValue;

internal sealed record ExpressionRaw(Expr Expression) : RawValue;

internal sealed record ArrayRaw(Expr[] Items) : RawValue;

internal sealed record TextRaw(string Text) : RawValue;

/// <summary>A bare attribute name (on) or one preceded by '-' (off).</summary>
internal sealed record FlagRaw(bool On) : RawValue;
