using Vepp2k.Control.Channels;
using Vepp2k.Control.History;

namespace Vepp2k.Control.Operations;

public sealed partial class ControlCore
{
    /// <summary>
    /// Defines (or redefines) a user group: operators only, the name and members checked by the
    /// <see cref="GroupCatalog"/>; applied or refused, it is one event with who and what.
    /// </summary>
    public WriteResult DefineGroup(WriteContext who, string name, IReadOnlyList<string> members)
    {
        string subject = $"group/{name}";
        if (Authorize(who, subject, "define groups") is { } denied) return denied;
        if (Groups.Define(name, members, who.User, Time.GetUtcNow()) is { } problem) return Refused(who, subject, "define group", problem);
        Journal.Log(EventKind.Operator, who.User, subject, $"group defined via {who.Origin}", null, string.Join(" ", members), "applied");
        return WriteResult.Ok($"group '{name}': {string.Join(" ", members)}");
    }

    /// <summary>Deletes a user group (built-in groups cannot be deleted); operators only, logged.</summary>
    public WriteResult DeleteGroup(WriteContext who, string name)
    {
        string subject = $"group/{name}";
        if (Authorize(who, subject, "delete groups") is { } denied) return denied;
        if (!Store.DeleteGroup(name)) return Refused(who, subject, "delete group", $"no user group '{name}'");
        Journal.Log(EventKind.Operator, who.User, subject, $"group deleted via {who.Origin}", result: "applied");
        return WriteResult.Ok($"deleted group '{name}'");
    }
}
