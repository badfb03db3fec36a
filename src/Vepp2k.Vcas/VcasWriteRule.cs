using System.Net;
using Vepp2k.Control.History;

namespace Vepp2k.Vcas;

/// <summary>Clients in <see cref="Network"/> write with <see cref="Role"/> (the control core still checks the role and the limits).</summary>
public sealed record VcasWriteRule(IPNetwork Network, Role Role)
{
    /// <summary>Both loopback networks (127.0.0.0/8 and ::1) with the given role.</summary>
    public static IReadOnlyList<VcasWriteRule> Loopback(Role role) =>
        [new(IPNetwork.Parse("127.0.0.0/8"), role), new(IPNetwork.Parse("::1/128"), role)];

    /// <summary>
    /// <c>NETWORK=ROLE</c>, NETWORK an address, a CIDR network or <c>loopback</c>, ROLE one of Viewer,
    /// Operator, Expert, Admin. Throws <see cref="FormatException"/> with the reason otherwise.
    /// </summary>
    public static IReadOnlyList<VcasWriteRule> Parse(string text)
    {
        var parts = text.Split('=', 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !Enum.TryParse<Role>(parts[1], ignoreCase: true, out var role) || !Enum.IsDefined(role))
            throw new FormatException($"'{text}' is not NETWORK=ROLE (e.g. loopback=Operator, 10.0.0.0/8=Expert)");
        if (parts[0].Equals("loopback", StringComparison.OrdinalIgnoreCase)) return Loopback(role);
        if (IPNetwork.TryParse(parts[0], out var network)) return [new(network, role)];
        if (IPAddress.TryParse(parts[0], out var address)) return [new(new IPNetwork(address, address.GetAddressBytes().Length * 8), role)];
        throw new FormatException($"'{parts[0]}' is not an address, a CIDR network or 'loopback'");
    }

    /// <summary>The role of a client address: the first matching rule's, Viewer (may not write) when none matches.</summary>
    public static Role RoleOf(IPAddress client, IReadOnlyList<VcasWriteRule> rules)
    {
        if (client.IsIPv4MappedToIPv6) client = client.MapToIPv4();
        foreach (var rule in rules)
            if (rule.Network.Contains(client)) return rule.Role;
        return Role.Viewer;
    }
}
