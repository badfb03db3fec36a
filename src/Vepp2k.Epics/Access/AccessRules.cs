using System.Net;
using Vepp2k.Control.History;

namespace Vepp2k.Epics.Access;

/// <summary>
/// Who may do what over CA, in the spirit of EPICS access security: host groups (HAG) and user
/// groups (UAG) map to a control-core <see cref="Role"/>; the best matching rule wins and clients
/// no rule matches get the default (Viewer: read-only).
///
/// A HAG entry that is an IP address matches the connection's real address; any other entry
/// matches the host name the client declares (HOST_NAME), as EPICS does. User names are the
/// client's CLIENT_NAME. Both are client-declared, so rules guard against operator mistakes, not
/// attackers: keep the port on a protected network.
/// </summary>
public sealed class AccessRules
{
    private readonly Dictionary<string, HashSet<string>> _hostGroups;
    private readonly Dictionary<string, HashSet<string>> _userGroups;
    private readonly List<(string Users, string Hosts, Role Role)> _rules;

    internal AccessRules(Dictionary<string, HashSet<string>> hostGroups, Dictionary<string, HashSet<string>> userGroups,
        List<(string Users, string Hosts, Role Role)> rules, Role fallback)
    {
        _hostGroups = hostGroups;
        _userGroups = userGroups;
        _rules = rules;
        Default = fallback;
    }

    /// <summary>The role of clients no rule matches.</summary>
    public Role Default { get; }

    /// <summary>Without a rules file: clients on this machine operate, everyone else reads.</summary>
    public static AccessRules LocalOperators { get; } = Parse("""
        HAG local { 127.0.0.1, ::1 }
        RULE * local Operator
        DEFAULT Viewer
        """);

    public static AccessRules Load(string path) => Parse(File.ReadAllText(path));

    /// <summary>Parses the rules text; a mistake throws <see cref="FormatException"/> naming the line.</summary>
    public static AccessRules Parse(string text) => AccessRulesParser.Parse(text);

    public Role RoleFor(string user, string declaredHost, IPAddress peer)
    {
        if (peer.IsIPv4MappedToIPv6) peer = peer.MapToIPv4();
        Role? best = null;
        foreach (var (users, hosts, role) in _rules)
        {
            if (!Matches(users, _userGroups, g => g.Contains(user))) continue;
            if (!Matches(hosts, _hostGroups, g => g.Any(entry => HostMatches(entry, declaredHost, peer)))) continue;
            if (best is null || role > best) best = role;
        }
        return best ?? Default;
    }

    private static bool Matches(string group, Dictionary<string, HashSet<string>> groups, Func<HashSet<string>, bool> test) =>
        group == "*" || (groups.TryGetValue(group, out var members) && test(members));

    private static bool HostMatches(string entry, string declaredHost, IPAddress peer) =>
        IPAddress.TryParse(entry, out var address)
            ? address.Equals(peer)
            : string.Equals(entry, declaredHost, StringComparison.OrdinalIgnoreCase);
}
