using Vepp2k.Control.Channels;
using Vepp2k.Control.History;

namespace Vepp2k.Control.Operations;

public sealed partial class ControlCore
{
    /// <summary>
    /// The one authorization policy of every operator action (viewers read; operators, experts and
    /// admins act, <see cref="RoleRights.CanWrite"/>; only admins manage users, <paramref name="adminOnly"/>):
    /// null when <paramref name="who"/> may <paramref name="action"/>, else the refusal, already in the event log against
    /// <paramref name="subject"/> and marked <see cref="WriteResult.Denied"/> so an adapter can answer
    /// it as a rights refusal (HTTP 403), not as the machine refusing (409).
    /// </summary>
    public WriteResult? Authorize(WriteContext who, string subject, string action, bool adminOnly = false)
    {
        if (adminOnly ? who.Role == Role.Admin : who.Role.CanWrite()) return null;
        string reason = $"user '{who.User}' ({who.Role}) may not {action}";
        Journal.Log(EventKind.Operator, who.User, subject, $"{action} refused via {who.Origin}", result: "refused: " + reason);
        return WriteResult.Refused(reason) with { Denied = true };
    }
}
