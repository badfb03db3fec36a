namespace Vepp2k.Control.WorkingSets;

/// <summary>One saved setting: a writable channel, its value, and the subsystem it belongs to
/// ("dipoles", "quads", "solenoids", "correctors").</summary>
public sealed record WorkingSetItem(string Channel, double Value, string Subsystem);

/// <summary>
/// An immutable, versioned working set: saving under an existing name creates the next version,
/// never changes an old one.
/// </summary>
public sealed record WorkingSet(
    string Name,
    int Version,
    DateTimeOffset Time,
    string Author,
    string Comment,
    IReadOnlyList<string> Tags,
    IReadOnlyList<WorkingSetItem> Items);

/// <summary>A working set as listed, without its items.</summary>
public sealed record WorkingSetInfo(string Name, int Version, DateTimeOffset Time, string Author, string Comment,
    IReadOnlyList<string> Tags, int ItemCount);
