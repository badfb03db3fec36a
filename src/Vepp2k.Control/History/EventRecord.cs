namespace Vepp2k.Control.History;

/// <summary>What kind of thing an event records.</summary>
public enum EventKind
{
    /// <summary>An operator action (set, group operation, restore, switch on/off, reset...).</summary>
    Operator,
    /// <summary>An interlock tripped, was reset, or refused a request.</summary>
    Interlock,
    /// <summary>A superconducting solenoid quench and the response to it.</summary>
    Quench,
    /// <summary>A channel entered, changed or left an alarm state.</summary>
    Alarm,
    /// <summary>A state transition of a device or of the control system itself.</summary>
    State,
    /// <summary>A fault of the control system (storage losses, overloads).</summary>
    System,
    /// <summary>A sign-in, a wrong password, or a sign-in refused because of too many wrong ones.</summary>
    Access,
}

/// <summary>
/// One line of the event log: who did what to which subject, the value before and after, and the
/// outcome ("applied", "refused: reason", ...). Id is assigned by the store (0 before it is stored).
/// </summary>
public sealed record EventRecord(
    long Id,
    DateTimeOffset Time,
    EventKind Kind,
    string User,
    string Subject,
    string Message,
    string? OldValue,
    string? NewValue,
    string Result);

/// <summary>Event log query: all filters optional; newest first, at most Limit rows.</summary>
public sealed record EventQuery(
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    EventKind? Kind = null,
    string? User = null,
    string? Subject = null,
    string? Text = null,
    int Limit = 1000);
