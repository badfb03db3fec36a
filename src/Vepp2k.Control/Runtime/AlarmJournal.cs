using Vepp2k.Control.Channels;
using Vepp2k.Control.History;
using Vepp2k.Control.Operations;

namespace Vepp2k.Control.Runtime;

/// <summary>
/// Turns channel alarm changes into events: every raise and change of an alarm, and the clear of
/// every alarm that was raised. A channel's first value after start-up (leaving UDF without an
/// alarm) is no event; a return to no alarm after any logged alarm is, whatever the previous status
/// was - an invalid value (UDF: NMR without lock, no stable optics) followed by a good one included.
/// </summary>
public sealed class AlarmJournal(EventJournal journal)
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _raised = new(StringComparer.Ordinal);

    public void OnUpdate(ChannelUpdate u)
    {
        if ((u.Mask & UpdateMask.Alarm) == 0) return;
        bool clear = u.Severity == AlarmSeverity.NoAlarm;
        lock (_gate)
        {
            // A clear of an alarm nobody saw raised is the end of start-up, not an event.
            if (clear && !_raised.Remove(u.Path)) return;
            if (!clear) _raised.Add(u.Path);
        }
        journal.Log(EventKind.Alarm, "system", u.Path, clear ? "alarm cleared" : $"alarm {u.Status}",
            null, $"{u.Value} ({u.Severity})", u.Severity.ToString());
    }
}
