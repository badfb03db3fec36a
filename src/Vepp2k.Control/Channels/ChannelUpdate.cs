namespace Vepp2k.Control.Channels;

/// <summary>Which parts of a channel changed in an update (the CA monitor mask bits).</summary>
[Flags]
public enum UpdateMask { None = 0, Value = 1, Archive = 2, Alarm = 4, Property = 8 }

/// <summary>
/// A channel's state as published: value, time, alarm, and why it was published.
/// </summary>
public readonly record struct ChannelUpdate(
    Channel Channel, ChannelValue Value, DateTimeOffset Time, AlarmStatus Status, AlarmSeverity Severity, UpdateMask Mask)
{
    public string Path => Channel.Spec.Path;
}
