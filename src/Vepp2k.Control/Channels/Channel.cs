namespace Vepp2k.Control.Channels;

/// <summary>
/// One control-system channel: its spec and its current value, time stamp and alarm. Devices post
/// readbacks with <see cref="Post"/>; the channel evaluates the alarm limits (with hysteresis) and
/// tells the registry whether the change passes the monitor deadband (MDEL), the archive deadband
/// (ADEL) or changed the alarm, as EPICS records do. Thread-safe.
/// </summary>
public sealed class Channel
{
    private readonly Lock _gate = new();
    private readonly ChannelRegistry _registry;
    private double _lastAlarmLimit = double.NaN;
    private double _lastMonitored = double.NaN;
    private double _lastArchived = double.NaN;
    private AlarmStatus _externalStatus;
    private AlarmSeverity _externalSeverity;
    private AlarmSeverity _unacknowledged;

    internal Channel(ChannelSpec spec, ChannelRegistry registry, ChannelValue initial, DateTimeOffset time)
    {
        Spec = spec;
        _registry = registry;
        Value = initial;
        Time = time;
        Status = AlarmStatus.Udf;
        Severity = AlarmSeverity.Invalid;
    }

    public ChannelSpec Spec { get; }
    public ChannelValue Value { get; private set; }
    public DateTimeOffset Time { get; private set; }
    public AlarmStatus Status { get; private set; }
    public AlarmSeverity Severity { get; private set; }

    /// <summary>
    /// The highest alarm severity raised since the last acknowledgement, kept after the alarm has gone
    /// (EPICS ACKS with ACKT = YES): every client sees the same acknowledgement state, not each
    /// console its own. An alarm that gets worse needs acknowledging again.
    /// </summary>
    public AlarmSeverity Unacknowledged { get { lock (_gate) return _unacknowledged; } }

    /// <summary>Acknowledges the alarms raised so far; returns the severity that was unacknowledged.</summary>
    public AlarmSeverity Acknowledge()
    {
        ChannelUpdate update;
        AlarmSeverity was;
        lock (_gate)
        {
            was = _unacknowledged;
            _unacknowledged = AlarmSeverity.NoAlarm;
            // An alarm-state change: monitors of the alarm (consoles, CA ALARM subscribers) hear of it.
            update = new ChannelUpdate(this, Value, Time, Status, Severity, UpdateMask.Alarm);
        }
        _registry.Publish(update);
        return was;
    }

    /// <summary>The handler a write is routed to (the control core installs it); null for channels nobody may write.</summary>
    public Func<ChannelValue, WriteContext, WriteResult>? WriteHandler { get; set; }

    /// <summary>A consistent copy of value, time and alarm.</summary>
    public ChannelUpdate Snapshot()
    {
        lock (_gate) return new ChannelUpdate(this, Value, Time, Status, Severity, UpdateMask.None);
    }

    /// <summary>
    /// Sets an alarm that comes from outside the value (a supply interlock, a quench, a setpoint the
    /// readback does not follow). The worse of this and the limit alarm is published.
    /// </summary>
    public void SetExternalAlarm(AlarmStatus status, AlarmSeverity severity, DateTimeOffset time)
    {
        ChannelUpdate? update;
        lock (_gate)
        {
            if (_externalStatus == status && _externalSeverity == severity) return;
            _externalStatus = status;
            _externalSeverity = severity;
            update = Apply(Value, time, force: false);
        }
        if (update is { } u) _registry.Publish(u);
    }

    /// <summary>Posts a new value (a readback, or the accepted setpoint of a writable channel).</summary>
    public void Post(ChannelValue value, DateTimeOffset time)
    {
        if (value.Type != Spec.Type)
            throw new ArgumentException($"{Spec.Path} carries {Spec.Type}, not {value.Type}", nameof(value));
        ChannelUpdate? update;
        lock (_gate) update = Apply(value, time, force: false);
        if (update is { } u) _registry.Publish(u);
    }

    /// <summary>Posts a number (to a Double, Integer or Enum channel).</summary>
    public void Post(double value, DateTimeOffset time) => Post(Spec.Type switch
    {
        ChannelType.Integer => ChannelValue.OfInteger((long)value),
        ChannelType.Enum => ChannelValue.OfEnum((int)value),
        _ => ChannelValue.Of(value),
    }, time);

    private ChannelUpdate? Apply(ChannelValue value, DateTimeOffset time, bool force)
    {
        var (status, severity) = (AlarmStatus.NoAlarm, AlarmSeverity.NoAlarm);
        if (value.IsNumeric && Spec.Type is ChannelType.Double or ChannelType.Integer)
        {
            var alarm = Spec.Alarms.Evaluate(value.Number, _lastAlarmLimit);
            _lastAlarmLimit = alarm.Limit;
            (status, severity) = (alarm.Status, alarm.Severity);
        }
        if (_externalSeverity > severity) (status, severity) = (_externalStatus, _externalSeverity);

        var mask = UpdateMask.None;
        if (status != Status || severity != Severity)
        {
            mask |= UpdateMask.Alarm;
            // As recGblResetAlarms: a change to a severity above the unacknowledged one raises it.
            if (severity > _unacknowledged) _unacknowledged = severity;
        }
        if (Passes(value, _lastMonitored, Spec.ValueDeadband) || force) mask |= UpdateMask.Value;
        if (Passes(value, _lastArchived, Spec.ArchiveDeadband) || force) mask |= UpdateMask.Archive;
        if (!value.IsNumeric && !value.SameAs(Value)) mask |= UpdateMask.Value | UpdateMask.Archive;

        Value = value;
        Time = time;
        Status = status;
        Severity = severity;
        if ((mask & UpdateMask.Value) != 0 || (mask & UpdateMask.Alarm) != 0) _lastMonitored = value.Number;
        if ((mask & UpdateMask.Archive) != 0 || (mask & UpdateMask.Alarm) != 0) _lastArchived = value.Number;
        return mask == UpdateMask.None ? null : new ChannelUpdate(this, value, time, status, severity, mask);
    }

    // EPICS MDEL/ADEL: a change is sent when it exceeds the deadband; deadband 0 sends any change.
    private static bool Passes(ChannelValue value, double last, double deadband)
    {
        if (!value.IsNumeric) return false;
        if (double.IsNaN(last)) return true;
        double change = Math.Abs(value.Number - last);
        return deadband < 0 || (deadband == 0 ? change > 0 : change > deadband);
    }

    /// <summary>
    /// Writes through the channel's handler after the checks every interface shares: access, type,
    /// finiteness and drive limits. A refused write changes nothing and says why.
    /// </summary>
    /// <remarks>A refusal of these shared checks is reported to the registry's <see cref="ChannelRegistry.WriteRefused"/>
    /// (the event log): the handler never sees it, so it could not log it itself.</remarks>
    public WriteResult Write(ChannelValue value, WriteContext context)
    {
        if (CheckWrite(value, context) is { } reason)
        {
            _registry.ReportRefusal(this, value, context, reason);
            return WriteResult.Refused(reason);
        }
        return WriteHandler!(value, context);
    }

    /// <summary>Why the write may not reach the handler, or null when it may.</summary>
    private string? CheckWrite(ChannelValue value, WriteContext context)
    {
        if (Spec.Access != ChannelAccess.ReadWrite || WriteHandler is null)
            return $"{Spec.Path} is read-only";
        if (!context.Role.CanWrite())
            return $"user '{context.User}' ({context.Role}) may not write";
        if (Spec.Type is ChannelType.Double or ChannelType.Integer or ChannelType.Enum)
        {
            if (!value.IsNumeric || !double.IsFinite(value.Number))
                return $"{Spec.Path} needs a finite number, got '{value}'";
            if (Spec.Type == ChannelType.Enum && (value.Number < 0 || value.Number >= Spec.EnumLabels.Count || value.Number % 1 != 0))
                return $"{Spec.Path}: {value} is not one of {string.Join(", ", Spec.EnumLabels.Select((l, i) => $"{i}={l}"))}";
            if (value.Number < Spec.DriveLow || value.Number > Spec.DriveHigh)
                return $"{Spec.Path}: {value.Number:G6} {Spec.Units} is outside the drive limits [{Spec.DriveLow:G6}, {Spec.DriveHigh:G6}]";
        }
        else if (value.Type != Spec.Type)
            return $"{Spec.Path} carries {Spec.Type}, not {value.Type}";
        return null;
    }
}
