namespace Vepp2k.Control.Channels;

/// <summary>Who may write a channel over any interface: read-write, read-only.</summary>
public enum ChannelAccess { ReadWrite, ReadOnly }

/// <summary>
/// Everything static about a channel: its path in the VEPP-2000 tree, type, units and display,
/// drive limits (a write outside them is refused, not clamped), alarm limits, the value deadband
/// (MDEL: smaller changes are not sent to monitors) and the archive deadband (ADEL: smaller changes
/// are not archived), description and access.
/// </summary>
public sealed record ChannelSpec
{
    public required string Path { get; init; }
    public ChannelType Type { get; init; } = ChannelType.Double;
    public string Units { get; init; } = "";
    public int Precision { get; init; } = 3;
    public double DisplayLow { get; init; } = double.NaN;
    public double DisplayHigh { get; init; } = double.NaN;
    public double DriveLow { get; init; } = double.NaN;
    public double DriveHigh { get; init; } = double.NaN;
    public AlarmLimits Alarms { get; init; } = AlarmLimits.None;
    public double ValueDeadband { get; init; }
    public double ArchiveDeadband { get; init; }
    public string Description { get; init; } = "";
    public ChannelAccess Access { get; init; } = ChannelAccess.ReadOnly;
    public IReadOnlyList<string> EnumLabels { get; init; } = [];

    /// <summary>"dipoles", "quads", "solenoids", "correctors", or "" for channels outside working sets.</summary>
    public string Subsystem { get; init; } = "";

    /// <summary>True for the setting channels a working set saves and restores.</summary>
    public bool IsSetting { get; init; }

    /// <summary>The EPICS PV name of this channel (<see cref="PvNames"/>).</summary>
    public string PvName => PvNames.FromPath(Path);
}
