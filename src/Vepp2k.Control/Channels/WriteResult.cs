using Vepp2k.Control.History;

namespace Vepp2k.Control.Channels;

/// <summary>Who writes, with what role, through which interface (for the event log and the rights checks).</summary>
public sealed record WriteContext(string User, Role Role, string Origin, bool Confirmed = false);

/// <summary>The outcome of a write or an operation: applied, or refused with the reason.</summary>
public readonly record struct WriteResult(bool Applied, string Message)
{
    public static WriteResult Ok(string message) => new(true, message);
    public static WriteResult Refused(string reason) => new(false, reason);
    public override string ToString() => (Applied ? "applied: " : "refused: ") + Message;
}

public static class RoleRights
{
    /// <summary>Viewers read; operators, experts and admins act.</summary>
    public static bool CanWrite(this Role role) => role >= Role.Operator;
}
