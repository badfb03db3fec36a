namespace Vepp2k.MadX;

/// <summary>One entry of a LINE body; names are resolved at expansion so lines may refer forward.</summary>
internal abstract record LineItem(SourceLocation Location);

internal sealed record NameItem(string Name, SourceLocation Location) : LineItem(Location);

internal sealed record GroupItem(IReadOnlyList<LineItem> Items, SourceLocation Location) : LineItem(Location);

/// <summary>n*item.</summary>
internal sealed record RepeatItem(int Count, LineItem Item, SourceLocation Location) : LineItem(Location);

/// <summary>-item: the item's expansion in reverse order (element internals unchanged, as in MAD-X).</summary>
internal sealed record ReflectItem(LineItem Item, SourceLocation Location) : LineItem(Location);

internal sealed record LineDef(string Name, GroupItem Body, SourceLocation Location);
