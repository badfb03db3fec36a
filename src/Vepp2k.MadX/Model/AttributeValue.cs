namespace Vepp2k.MadX;

/// <summary>The stored (unevaluated) value of an element or command attribute.</summary>
internal abstract record AttributeValue;

internal sealed record NumberValue(Formula Formula) : AttributeValue;

/// <summary>A brace list such as knl={0, 0.1, k2l}; each item keeps its own deferred-ness.</summary>
internal sealed record ArrayValue(Formula[] Items) : AttributeValue;

/// <summary>A name or quoted string, e.g. apertype=circle or from=ip.</summary>
internal sealed record TextValue(string Text) : AttributeValue;
