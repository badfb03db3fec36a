namespace Vepp2k.Control.Channels;

/// <summary>Which parts of a channel changed in an update (the CA monitor mask bits).</summary>
[Flags]
public enum UpdateMask { None = 0, Value = 1, Archive = 2, Alarm = 4, Property = 8 }

/// <summary>
/// A channel's state as published: value, time, alarm, why it was published, and the alarm status
/// it had before (so the first alarm evaluation after start, from UDF, is told from a real change).
/// </summary>
public readonly record struct ChannelUpdate(
    Channel Channel, ChannelValue Value, DateTimeOffset Time, AlarmStatus Status, AlarmSeverity Severity, UpdateMask Mask,
    AlarmStatus PreviousStatus = AlarmStatus.NoAlarm)
{
    public string Path => Channel.Spec.Path;
}
