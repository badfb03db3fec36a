using Vepp2k.Control.History;

namespace Vepp2k.Control.Channels;

/// <summary>Who writes, with what role, through which interface (for the event log and the rights checks).</summary>
public sealed record WriteContext(string User, Role Role, string Origin, bool Confirmed = false);

/// <summary>
/// The outcome of a write or an operation: applied, or refused with the reason. An applied write
/// that sets something moving carries <see cref="Done"/>, which ends when it has arrived or failed
/// (what a CA put-callback waits for, as the motor record's DMOV).
/// </summary>
public readonly record struct WriteResult(bool Applied, string Message, Task<WriteResult>? Done = null)
{
    public static WriteResult Ok(string message, Task<WriteResult>? done = null) => new(true, message, done);
    public static WriteResult Refused(string reason) => new(false, reason);

    /// <summary>Refused because the caller's role may not do this (<see cref="Operations.ControlCore.Authorize"/>), not because of the machine.</summary>
    public bool Denied { get; init; }

    public override string ToString() => (Applied ? "applied: " : "refused: ") + Message;
}

public static class RoleRights
{
    /// <summary>Viewers read; operators, experts and admins act.</summary>
    public static bool CanWrite(this Role role) => role >= Role.Operator;
}
