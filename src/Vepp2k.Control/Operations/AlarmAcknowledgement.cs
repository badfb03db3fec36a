using Vepp2k.Control.Channels;
using Vepp2k.Control.History;

namespace Vepp2k.Control.Operations;

public sealed partial class ControlCore
{
    /// <summary>
    /// Acknowledges a channel's alarms as channel state (<see cref="Channel.Unacknowledged"/>), so every
    /// console and client sees it; operators only, refused and logged like every other operation.
    /// </summary>
    public WriteResult AcknowledgeAlarm(WriteContext who, Channel channel)
    {
        string subject = channel.Spec.Path;
        if (Authorize(who, subject, "acknowledge alarms") is { } denied) return denied;
        var now = channel.Snapshot();
        var was = channel.Acknowledge();
        Journal.Log(EventKind.Alarm, who.User, subject, $"alarm acknowledged via {who.Origin}", was.ToString(), $"{now.Value} ({now.Severity})", "acknowledged");
        return WriteResult.Ok(was == AlarmSeverity.NoAlarm ? "nothing was unacknowledged" : $"acknowledged {was}");
    }
}
