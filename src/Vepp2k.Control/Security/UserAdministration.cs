using Vepp2k.Control.Channels;
using Vepp2k.Control.History;
using Vepp2k.Control.Operations;

namespace Vepp2k.Control.Security;

/// <summary>
/// Managing users as an operation of the core: admins only (the core's rights rule), the name and
/// password rules, one event either way; the password never reaches the event log.
/// </summary>
public sealed class UserAdministration(ControlCore core, UserDirectory users)
{
    public WriteResult Save(WriteContext who, string name, Role role, string password)
    {
        string subject = $"user/{name}";
        if (core.Authorize(who, subject, "manage users", adminOnly: true) is { } denied) return denied;
        if (users.Save(name, role, password) is { } problem)
        {
            core.Journal.Log(EventKind.Operator, who.User, subject, $"user save refused via {who.Origin}", null, role.ToString(), "refused: " + problem);
            return WriteResult.Refused(problem);
        }
        core.Journal.Log(EventKind.Operator, who.User, subject, $"user saved via {who.Origin}", null, role.ToString(), "applied");
        return WriteResult.Ok($"saved user '{name}' ({role})");
    }
}
