namespace Vepp2k.MadX;

/// <summary>Which point of an element its AT position refers to.</summary>
internal enum Refer
{
    Entry,
    Centre,
    Exit,
}

/// <summary>
/// One element placed in a sequence. <see cref="Name"/> is resolved at expansion (an element or a
/// nested sequence); <see cref="Local"/> is set when the placement itself carries attributes.
/// </summary>
internal sealed record Placement(string Name, ElementDef? Local, Formula At, string? From, SourceLocation Location);

internal sealed class SequenceDef(string name, Formula length, Refer refer, SourceLocation location)
{
    public string Name { get; } = name;

    /// <summary>Evaluated at expansion, like AT positions, so knobs may move or resize things.</summary>
    public Formula Length { get; } = length;

    public Refer Refer { get; } = refer;

    public SourceLocation Location { get; } = location;

    public List<Placement> Placements { get; } = [];
}
